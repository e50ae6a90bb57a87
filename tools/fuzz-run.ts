import fc from 'fast-check';
import { checkProperty, FuzzTarget, seedSources } from '../tests/support/fuzz.js';
import { checkLinkTarget, checkOutputPath, linkArbitrary, outputPathArbitrary, outputSandbox } from '../tests/support/fuzz-properties.js';
import { repositoryRoot } from '../tests/support/repository.js';

// `npm run fuzz [-- CASES [SEED]]`: grammar-aware mutation of every bundled source through the check.
const repo = repositoryRoot();
const cases = Number(process.argv[2] ?? 100000);
const seed = Number(process.argv[3] ?? Date.now() % 1_000_000);
const sources = seedSources(repo);
const target = new FuzzTarget(repo);
const started = performance.now();
let ran = 0;
// The property's own reason for the last failure: fast-check's message leaves it out with endOnFailure.
let lastFailure = '';
const fail = (failure: string | undefined) => {
    if (failure) {
        lastFailure = failure;
        throw new Error(failure);
    }
};
const report = (name: string, run: Promise<unknown>, count: () => number) =>
    run.then(
        () => {
            process.stdout.write(
                `fuzz ${name}: ${count()} cases, seed ${seed}: 0 failures in ${Math.round((performance.now() - started) / 1000)} s\n`
            );
        },
        (error: unknown) => {
            process.stdout.write(
                `fuzz ${name}: FAILED after ${count()} cases (seed ${seed}): ${lastFailure}\n${error instanceof Error ? error.message : String(error)}\n`
            );
            process.exitCode = 1;
        }
    );

// The check: grammar-aware mutations (hostile addresses, deep nesting, odd characters) of every seed source.
await report(
    `check (${sources.length} seed sources)`,
    fc.assert(
        checkProperty(target, sources, failure => {
            ran++;
            if (ran % 5000 === 0) {
                process.stderr.write(`${ran} cases…\n`);
            }
            fail(failure);
        }),
        { numRuns: cases, seed, endOnFailure: true }
    ),
    () => ran
);

// Link targets through the policy and the Markdown writer.
let links = 0;
await report(
    'link targets',
    Promise.resolve().then(() =>
        fc.assert(
            fc.property(linkArbitrary, address => {
                links++;
                fail(checkLinkTarget(address));
            }),
            { numRuns: cases, seed, endOnFailure: true }
        )
    ),
    () => links
);

// Output folders composed of .., links, files and folders, against the guard on a real file system.
const sandbox = outputSandbox();
let paths = 0;
await report(
    'output folders',
    fc.assert(
        fc.asyncProperty(outputPathArbitrary, async out => {
            paths++;
            fail(await checkOutputPath(sandbox, out));
        }),
        { numRuns: Math.min(cases, 20000), seed, endOnFailure: true }
    ),
    () => paths
);
