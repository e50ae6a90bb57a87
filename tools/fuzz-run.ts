import fc from 'fast-check';
import { FuzzTarget, mutate, mutationArbitrary, seedSources } from './fuzz.js';
import { repositoryRoot } from './repository.js';

// `npm run fuzz [-- CASES [SEED]]`: grammar-aware mutation of every bundled source through the check.
const repo = repositoryRoot();
const cases = Number(process.argv[2] ?? 100000);
const seed = Number(process.argv[3] ?? Date.now() % 1_000_000);
const sources = seedSources(repo);
const target = new FuzzTarget(repo);
const started = performance.now();
let ran = 0;
await fc.assert(fc.asyncProperty(fc.nat({ max: sources.length - 1 }), fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }), async (index, mutations) => {
    ran++;
    if (ran % 5000 === 0) {
        process.stderr.write(`${ran} cases…\n`);
    }
    const failure = await target.check(mutate(sources[index]!, mutations));
    if (failure) {
        throw new Error(failure);
    }
}), { numRuns: cases, seed, endOnFailure: true }).then(
    () => process.stdout.write(`fuzz: ${ran} cases from ${sources.length} seed sources, seed ${seed}: 0 failures in ${Math.round((performance.now() - started) / 1000)} s\n`),
    (error: unknown) => {
        process.stdout.write(`fuzz: FAILED after ${ran} cases (seed ${seed}): ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
    }
);
