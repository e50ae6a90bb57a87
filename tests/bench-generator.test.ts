import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { forceTitle, generateForces, generateScaleCorpus } from '../bench/generate-workspace.js';

const repo = path.resolve(import.meta.dirname, '..');
// --no-cache: the generated folders are compared file by file, and a check would add its cache (.gdl-cache/) to one.
const check = (folder: string) =>
    spawnSync(process.execPath, [path.join(repo, 'bin/gdl.js'), 'check', folder, '--as-of', '2026-01-15', '--no-cache'], {
        encoding: 'utf8'
    });
const contents = (folder: string): string[] =>
    readdirSync(folder, { recursive: true })
        .map(String)
        .sort()
        .filter(f => statSync(path.join(folder, f)).isFile())
        .map(f => `${f}\n${readFileSync(path.join(folder, f), 'utf8')}`);
const coverageLine = (force: string, covered: number) =>
    `Coverage for ${force}: ${covered}/39 evidence requirements covered (${((100 * covered) / 39).toFixed(1)}%) at the evidenced level (backed by approved guidance or training, or by an exhibit on file)`;

/** Rewrites every .gdl file of a folder (not below it). */
function rewrite(folder: string, change: (text: string) => string): void {
    for (const file of readdirSync(folder).filter(f => f.endsWith('.gdl'))) {
        const full = path.join(folder, file);
        writeFileSync(full, change(readFileSync(full, 'utf8')));
    }
}

describe('the synthetic workspace generator (for the benchmarks)', () => {
    test('a small national workspace declares its forces, each force covers every requirement with no problem, and the same seed gives the same files', () => {
        const a = mkdtempSync(path.join(tmpdir(), 'gdl-gen-a-'));
        const b = mkdtempSync(path.join(tmpdir(), 'gdl-gen-b-'));
        generateForces(a, 2, 7);
        generateForces(b, 2, 7);
        expect(readFileSync(path.join(a, 'force-2/force.gdl'), 'utf8')).toMatch(/^force force-2 "Brackmere Constabulary" \{/);
        expect(readFileSync(path.join(a, 'force-2/plan.gdl'), 'utf8')).toContain('    force "Brackmere Constabulary"\n');
        const plan = readFileSync(path.join(a, 'force-1/plan.gdl'), 'utf8');
        expect(plan).toMatch(/^ {8}exhibits f1-ex-/m);
        expect(plan).toMatch(/^ {8}on 2024-11-20 \{ status not-started/m);
        const result = check(a);
        expect(result.stdout).toContain("Forces: 2 (Ashmere Police, Brackmere Constabulary); each force's coverage is its own.");
        expect(result.stdout).toContain(coverageLine('Ashmere Police', 39));
        expect(result.stdout).toContain(coverageLine('Brackmere Constabulary', 39));
        expect(result.stdout).toMatch(/\n36 files checked as of 2026-01-15: 0 errors, 0 warnings\.\n$/);
        expect(result.status).toBe(0);
        expect(contents(a)).toEqual(contents(b));
    });

    test("one force's material and exhibits do not cover another force: take them from force 2 and only force 2 falls short", () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'gdl-gen-own-'));
        generateForces(folder, 2, 7);
        // Force 2 no longer addresses 17.1 anywhere (guidance, training, plan); force 1 still does.
        rewrite(path.join(folder, 'force-2'), text =>
            text.replace(/addresses (\d+(?:\.\d+)+(?:, \d+(?:\.\d+)+)*)/g, (_, list: string) => {
                const kept = list.split(', ').filter(id => id !== '17.1');
                return kept.length > 0 ? `addresses ${kept.join(', ')}` : '';
            })
        );
        // Force 2's item 27 (only a plan item can meet 27.1) cites force 1's letter instead of its own.
        const plan = path.join(folder, 'force-2/plan.gdl');
        writeFileSync(plan, readFileSync(plan, 'utf8').replace('exhibits f2-ex-letter', 'exhibits f1-ex-letter'));
        const result = check(folder);
        expect(result.stdout).toContain(coverageLine('Ashmere Police', 39));
        expect(result.stdout).toContain(coverageLine('Brackmere Constabulary', 37));
        expect(result.stdout).toMatch(/Brackmere Constabulary, not covered \(1\):\n {2}17\.1 {2}\(recommendation 17, due /);
        expect(result.stdout).toMatch(/Brackmere Constabulary, covered by the wrong kind \(1\):\n {2}27\.1 {2}\(recommendation 27, due /);
        expect(result.stdout).toContain(
            "warning GDL0606 'f1-ex-letter' is Ashmere Police's, not Brackmere Constabulary's: it does not count for Brackmere Constabulary."
        );
        expect(result.stdout).not.toMatch(/Ashmere Police, (not covered|covered by the wrong kind)/);
        expect(result.stdout).toMatch(/: 0 errors, \d+ warnings?\.\n$/);
        expect(result.status).toBe(1);
    });

    test('43 forces have 43 distinct names, and so do more', () => {
        const names = Array.from({ length: 200 }, (_, i) => forceTitle(i + 1));
        expect(new Set(names).size).toBe(200);
        expect(names.slice(0, 3)).toEqual(['Ashmere Police', 'Brackmere Constabulary', 'Caldmere Police']);
    });

    test('the scale corpus has N requirements, 50 to a file, and leaves 5% uncovered', () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'gdl-scale-'));
        const { uncovered } = generateScaleCorpus(folder, 200, 3);
        expect(uncovered).toBe(10);
        const result = check(folder);
        expect(result.stdout).toContain(
            'Coverage: 190/200 evidence requirements covered (95.0%) at the evidenced level (backed by approved guidance or training, or by an exhibit on file)'
        );
        expect(result.stdout).toMatch(/8 files checked as of 2026-01-15: 0 errors, 10 warnings\./);
        expect(result.status).toBe(1);
    });
});
