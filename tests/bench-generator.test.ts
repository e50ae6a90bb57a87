import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { generateForces, generateScaleCorpus } from '../bench/generate-workspace.js';

const repo = path.resolve(import.meta.dirname, '..');
const check = (folder: string) =>
    spawnSync(process.execPath, [path.join(repo, 'bin/gdl.js'), 'check', folder, '--as-of', '2026-01-15'], { encoding: 'utf8' });
const contents = (folder: string): string[] =>
    readdirSync(folder, { recursive: true })
        .map(String)
        .sort()
        .filter(f => statSync(path.join(folder, f)).isFile())
        .map(f => `${f}\n${readFileSync(path.join(folder, f), 'utf8')}`);

describe('the synthetic workspace generator (for the benchmarks)', () => {
    test('a small national workspace is valid, fully covered and the same for the same seed', () => {
        const a = mkdtempSync(path.join(tmpdir(), 'gdl-gen-a-'));
        const b = mkdtempSync(path.join(tmpdir(), 'gdl-gen-b-'));
        generateForces(a, 2, 7);
        generateForces(b, 2, 7);
        const result = check(a);
        expect(result.stdout).toContain('Coverage: 39/39 evidence requirements covered (100.0%)');
        expect(result.stdout).toMatch(/32 files checked as of 2026-01-15: 0 errors, 0 warnings\./);
        expect(result.status).toBe(0);
        expect(contents(a)).toEqual(contents(b));
    });

    test('the scale corpus has N requirements, 50 to a file, and leaves 5% uncovered', () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'gdl-scale-'));
        const { uncovered } = generateScaleCorpus(folder, 200, 3);
        expect(uncovered).toBe(10);
        const result = check(folder);
        expect(result.stdout).toContain('Coverage: 190/200 evidence requirements covered (95.0%)');
        expect(result.stdout).toMatch(/8 files checked as of 2026-01-15: 0 errors, 10 warnings\./);
        expect(result.status).toBe(1);
    });
});
