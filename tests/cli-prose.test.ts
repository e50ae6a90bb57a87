import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { PATIENCE_MS } from './support/patience.js';

// `gdl check --prose` as a user runs it: the plain-English findings as problem lines and a count by code; plain
// `gdl check` runs none; a malformed gdl.config.json is a problem line with its line and column, not a crash.

const repo = path.resolve(import.meta.dirname, '..');
const gdl = path.join(repo, 'bin/gdl.js');

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
    const result = spawnSync(process.execPath, [gdl, ...args], {
        cwd,
        encoding: 'utf8',
        timeout: PATIENCE_MS,
        env: { ...process.env, ...env }
    });
    return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr, lines: result.stdout.split('\n') };
}

const plain = `guidance plain "Plain" {
    owner "Lead"
    status approved
    approved 2025-02-01
    review-by 2027-02-01
    audience responders
    section plain-one "One" {
        """
        Officers should utilise the stalkng log.
        """
    }
}
`;

function workspace(files: Record<string, string>): string {
    const folder = mkdtempSync(path.join(tmpdir(), 'gdl-prose-'));
    cpSync(path.join(repo, 'tests/fixtures/gaps'), folder, { recursive: true });
    for (const [name, text] of Object.entries(files)) {
        writeFileSync(path.join(folder, name), text);
    }
    return folder;
}

describe('gdl check --prose', () => {
    test('prints each finding at its file, line and column with its code, then a count by code', () => {
        const folder = workspace({ 'plain.gdl': plain });
        const result = run(['check', '.', '--prose', '--as-of', '2026-01-15'], folder);
        expect(result.lines).toContain("plain.gdl:9:25 info GDL0702 'utilise' has a simpler alternative: 'use'.");
        expect(result.lines).toContain(
            "plain.gdl:9:37 warning GDL0707 'stalkng' is not in the en-GB dictionary or the workspace word list."
        );
        expect(result.lines).toContain('Plain English: 2 findings (GDL0702 simpler 1, GDL0707 spelling 1).');
        expect(result.stderr).toBe('');
    });

    test('without --prose nothing of it is run or printed', () => {
        const folder = workspace({ 'plain.gdl': plain });
        const result = run(['check', '.', '--as-of', '2026-01-15'], folder);
        expect(result.stdout).not.toMatch(/GDL070[1-7]|Plain English/);
    });

    test('the workspace word list and the config file apply; a malformed config file is a located problem, not a crash', () => {
        const listed = run(
            ['check', '.', '--prose', '--as-of', '2026-01-15'],
            workspace({ 'plain.gdl': plain, 'gdl-words.txt': 'stalkng\n' })
        );
        expect(listed.lines).toContain('Plain English: 1 finding (GDL0702 simpler 1).');
        const broken = run(
            ['check', '.', '--prose', '--as-of', '2026-01-15'],
            workspace({ 'plain.gdl': plain, 'gdl.config.json': '{\n  "prose": { "severity": { "GDL0702": "off" }\n}' })
        );
        expect(broken.lines).toContain(
            "gdl.config.json:3:2 warning GDL0708 not valid JSON (Expected ',' or '}' after property value); the defaults are used instead."
        );
        expect(broken.lines).toContain('Plain English: 2 findings (GDL0702 simpler 1, GDL0707 spelling 1).');
        expect(broken.stdout + broken.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    });

    test('a config file or word list that is there but cannot be read is a located problem, not taken for no file', () => {
        const folder = workspace({ 'plain.gdl': plain });
        // A folder of each name: a file there that cannot be read (as one without permission, which root can read).
        mkdirSync(path.join(folder, 'gdl.config.json'));
        mkdirSync(path.join(folder, 'gdl-words.txt'));
        const result = run(['check', '.', '--prose', '--as-of', '2026-01-15', '--no-cache'], folder);
        expect(result.lines).toContain(
            'gdl.config.json:1:1 warning GDL0708 cannot be read (it is a folder, not a file); the defaults are used instead.'
        );
        expect(result.lines).toContain(
            'gdl-words.txt:1:1 warning GDL0708 cannot be read (it is a folder, not a file); the defaults are used instead.'
        );
        expect(result.lines).toContain('Plain English: 2 findings (GDL0702 simpler 1, GDL0707 spelling 1).');
        expect(result.stderr).toBe('');
    });

    test("a text too long to check is reported at its place and passed over; the file's other texts are checked", () => {
        // The checks need about 300 bytes of heap a character: a text of tens of megabytes took minutes and gigabytes,
        // and exhausted a thread's heap. One just past the limit (200,000 characters) is reported, not checked.
        const long = Array.from({ length: 25_001 }, () => 'stalkng').join(' ');
        const two = ['    section plain-two "Two" {', '        """', `        ${long}`, '        """', '    }', '}', ''].join('\n');
        const folder = workspace({ 'plain.gdl': plain.replace(/}\n$/, two) });
        const result = run(['check', '.', '--prose', '--as-of', '2026-01-15', '--no-cache'], folder);
        expect(result.lines).toContain(
            'plain.gdl:14:9 warning GDL0709 This text is 200,007 characters long: the plain-English checks read texts of up to 200,000, so none of them is run on it. Split it into sections to have it checked.'
        );
        expect(result.lines).toContain(
            'Plain English: 2 findings (GDL0702 simpler 1, GDL0707 spelling 1); 1 text too long to check (GDL0709).'
        );
        expect(result.stderr).toBe('');
    });

    test('a workspace of one file ends with two workers, one of them never sent a text, as it does in one thread', () => {
        // Each file's texts go to one worker: the other, never sent anything, held the process open for ever (its
        // 'message' listener was added after it was let go), so the command printed its answer and never ended.
        const folder = mkdtempSync(path.join(tmpdir(), 'gdl-prose-one-'));
        writeFileSync(path.join(folder, 'plain.gdl'), plain);
        const args = ['check', '.', '--prose', '--as-of', '2026-01-15', '--no-cache'];
        const threads = run(args, folder, { GDL_PROSE_WORKERS: '2' });
        const one = run(args, folder, { GDL_PROSE_WORKERS: '0' });
        expect(threads.signal, 'gdl check --prose did not end').toBeNull();
        expect(threads.code).toBe(one.code);
        expect(threads.stdout).toBe(one.stdout);
        expect(threads.lines).toContain('Plain English: 2 findings (GDL0702 simpler 1, GDL0707 spelling 1).');
    });

    test('checked in worker threads or in one, the bundled guidance has the same findings, byte for byte, and the command ends', () => {
        // The workers (one per core, or GDL_PROSE_WORKERS) check the texts while the main thread links and validates.
        // Both worked out (--no-cache): the second would otherwise print the first's answer from the cache.
        const args = ['check', 'guidance', '--prose', '--as-of', '2026-11-26', '--no-cache'];
        const threads = run(args, repo, { GDL_PROSE_WORKERS: '2' });
        const one = run(args, repo, { GDL_PROSE_WORKERS: '0' });
        expect(threads.code).toBe(one.code);
        expect(threads.lines.find(line => line.startsWith('Plain English:'))).toMatch(/^Plain English: \d{3,} findings \(GDL0701/);
        expect(threads.stdout).toBe(one.stdout);
        expect(threads.stderr).toBe('');
    });
});
