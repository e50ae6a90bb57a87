import { spawnSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { PATIENCE_MS } from './support/patience.js';
import { copyExampleWorkspace, fixtureCopy } from './support/files.js';

const repo = path.resolve(import.meta.dirname, '..');
const gdl = path.join(repo, 'bin/gdl.js');
const AS_OF = '2026-01-15';

// The user's cache key is kept in their cache folder: these tests give gdl one of their own, so that they depend on no
// home folder and can sign an entry as gdl does.
const cacheHome = mkdtempSync(path.join(tmpdir(), 'gdl-cache-home-'));
const keyFile = path.join(cacheHome, 'gdl', 'check-cache.key');

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
    const result = spawnSync(process.execPath, [gdl, ...args], {
        cwd,
        encoding: 'utf8',
        timeout: PATIENCE_MS,
        env: { ...process.env, XDG_CACHE_HOME: cacheHome, ...env }
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of the Example Constabulary's workspace (the bundled guidance's framework, common vocabulary and example force). */
function example(): string {
    const folder = mkdtempSync(path.join(tmpdir(), 'gdl-cache-'));
    copyExampleWorkspace(folder);
    return folder;
}

/** A workspace with errors: the gaps fixture, a file that does not parse and a requirement covered twice by one id. */
function withErrors(): string {
    const folder = fixtureCopy('gaps', 'cache-errors');
    writeFileSync(path.join(folder, 'broken.gdl'), 'guidance broken "Broken" {\n    status approved\n    section s "S" {\n');
    return folder;
}

/** The one entry in a workspace's cache. */
function entryFile(folder: string, cache = path.join(folder, '.gdl-cache')): string {
    const entries = readdirSync(cache).filter(name => name.startsWith('check-'));
    expect(entries).toHaveLength(1);
    return path.join(cache, entries[0]!);
}

/** Rewrites an entry, signed as gdl signs it with the user's key (`forged`: with a plain hash, as anyone could). */
function rewrite(file: string, change: (entry: Record<string, unknown>) => void, forged = false): void {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { format: string; signature: string; entry: Record<string, unknown> };
    change(stored.entry);
    const text = JSON.stringify(stored.entry);
    stored.signature = forged
        ? createHash('sha256').update(text).digest('hex')
        : createHmac('sha256', readFileSync(keyFile)).update(text).digest('hex');
    writeFileSync(file, JSON.stringify(stored));
}

describe('gdl check keeps its answer in .gdl-cache/ and prints it again, byte for byte, while nothing has changed', () => {
    test.each([
        ['the bundled example', example, 0],
        ['a workspace with errors', withErrors, 1]
    ])('%s: a second check prints what an uncached check prints, with its exit code, from the cache', (_, make, exit) => {
        const folder = make();
        const args = ['check', '.', '--as-of', AS_OF];
        const uncached = run([...args, '--no-cache'], folder);
        expect(uncached.code).toBe(exit);
        expect(existsSync(path.join(folder, '.gdl-cache')), '--no-cache writes nothing').toBe(false);
        const first = run(args, folder);
        const entry = entryFile(folder);
        const written = statSync(entry).ino;
        const second = run(args, folder);
        for (const result of [first, second]) {
            expect(result.stdout).toBe(uncached.stdout);
            expect(result.code).toBe(uncached.code);
            expect(result.stderr).toBe('');
        }
        // The second answer was read, not worked out and written again (a write replaces the file).
        expect(statSync(entry).ino).toBe(written);
        // Git ignores the cache without being told.
        expect(readFileSync(path.join(folder, '.gdl-cache/.gitignore'), 'utf8')).toMatch(/^\*$/m);
    });

    test('an entry that fits is what is printed: the check is not worked out again', () => {
        const folder = withErrors();
        run(['check', '.', '--as-of', AS_OF], folder);
        rewrite(entryFile(folder), entry => {
            entry.lines = [...(entry.lines as string[]), 'from the cache'];
        });
        const result = run(['check', '.', '--as-of', AS_OF], folder);
        expect(result.stdout.trimEnd().split('\n').pop()).toBe('from the cache');
        expect(run(['check', '.', '--as-of', AS_OF, '--no-cache'], folder).stdout).not.toContain('from the cache');
    });

    test('a changed source, option, date, configuration, named file or working folder gives the fresh answer', () => {
        const folder = example();
        const answers = (args: string[], cwd = folder) => {
            const cached = run(args, cwd);
            const uncached = run([...args, '--no-cache'], cwd);
            expect(cached.stderr).toBe('');
            expect({ stdout: cached.stdout, code: cached.code }).toEqual({ stdout: uncached.stdout, code: uncached.code });
            return cached.stdout;
        };
        const base = ['check', '.', '--as-of', AS_OF];
        const before = answers(base);
        // A plan item's status edited: the coverage changes.
        const plan = path.join(folder, 'example-constabulary/action-plan.gdl');
        const text = readFileSync(plan, 'utf8');
        expect(text).toMatch(/status complete/);
        writeFileSync(plan, text.replace('status complete', 'status in-progress'));
        const edited = answers(base);
        expect(edited).not.toBe(before);
        expect(answers(['check', '.', '--as-of', '2027-06-01'])).not.toBe(edited);
        expect(answers([...base, '--force', 'example-constabulary'])).not.toBe(edited);
        expect(answers([...base, '--level', 'addressed'])).not.toBe(edited);
        expect(answers([...base, '--prose'])).toMatch(/^Plain English: /m);
        expect(answers([...base, '--strict']).length).toBeGreaterThan(0);
        // The workspace's configuration: a config file with a mistake in it is reported (GDL0708).
        writeFileSync(path.join(folder, 'gdl.config.json'), '{ "prose": { "enabled": "yes" } }\n');
        expect(answers(base)).toMatch(/^gdl\.config\.json:1:\d+ warning GDL0708 /m);
        // An exhibit's file removed: its exhibit now names a missing file.
        const exhibit = path.join(folder, 'example-constabulary/exhibits/stalking-audit-2024-25-q4.md');
        expect(existsSync(exhibit)).toBe(true);
        const withExhibit = answers(base);
        rmSync(exhibit);
        expect(answers(base)).not.toBe(withExhibit);
        expect(answers(base)).toContain('stalking-audit-2024-25-q4.md');
        // A source removed, and one added.
        rmSync(path.join(folder, 'example-constabulary/exhibits.gdl'));
        answers(base);
        writeFileSync(path.join(folder, 'extra.gdl'), 'audience extra "Extra"\n');
        answers(base);
        // From another working folder, the paths printed are relative to it.
        expect(answers(['check', path.basename(folder), '--as-of', AS_OF], path.dirname(folder))).toContain(`${path.basename(folder)}/`);
    });
});

describe('a damaged or foreign cache is ignored with one note, and the right answer printed', () => {
    const damages: [string, (file: string) => void, RegExp][] = [
        ['a truncated entry', file => writeFileSync(file, readFileSync(file).subarray(0, 100)), /it is damaged: not valid JSON/],
        [
            'random bytes',
            file => writeFileSync(file, Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919 + 13) % 256))),
            /it is damaged: not valid JSON/
        ],
        [
            'a valid-looking entry with a wrong checksum',
            file => {
                const stored = JSON.parse(readFileSync(file, 'utf8')) as { entry: { lines: string[] } };
                stored.entry.lines[0] = 'a line the check never printed';
                writeFileSync(file, JSON.stringify(stored));
            },
            /its signature does not match: it was changed since, or made by another user or on another machine/
        ],
        [
            // What a pull request committing .gdl-cache/ could do: print "all good" and exit 0 in CI.
            'an entry forged to pass, its checksum made again as anyone could',
            file =>
                rewrite(
                    file,
                    entry => {
                        entry.lines = ['1 file checked: 0 errors, 0 warnings.'];
                        entry.exitCode = 0;
                    },
                    true
                ),
            /its signature does not match/
        ],
        [
            'an entry from another version of gdl',
            file => rewrite(file, entry => (entry.tool = `0.0.1 ${String(entry.tool).split(' ').slice(1).join(' ')}`)),
            /it was made by another version of gdl/
        ],
        [
            'an entry of another format',
            file => writeFileSync(file, JSON.stringify({ format: 'gdl-check-cache/0', lines: ['old'] })),
            /it is not a check cache entry of format gdl-check-cache\/2/
        ],
        ['an entry made for another check', file => rewrite(file, entry => (entry.check = '0'.repeat(64))), /it was made for another check/]
    ];

    test.each(damages)('%s', (_, damage, why) => {
        const folder = withErrors();
        const args = ['check', '.', '--as-of', AS_OF];
        const uncached = run([...args, '--no-cache'], folder);
        run(args, folder);
        damage(entryFile(folder));
        const result = run(args, folder);
        expect(result.stdout).toBe(uncached.stdout);
        expect(result.code).toBe(uncached.code);
        const notes = result.stderr.split('\n').filter(Boolean);
        expect(notes).toHaveLength(1);
        expect(notes[0]).toMatch(/^gdl: note: ignored the check cache in \.gdl-cache \(.+\); checking afresh$/);
        expect(notes[0]).toMatch(why);
        // Replaced by a good entry: the next check is answered from it, quietly.
        const written = statSync(entryFile(folder)).ino;
        const next = run(args, folder);
        expect(next.stderr).toBe('');
        expect(next.stdout).toBe(uncached.stdout);
        expect(statSync(entryFile(folder)).ino).toBe(written);
    });

    test('a cache folder that cannot be written does not fail the check, and says nothing', () => {
        const folder = withErrors();
        const uncached = run(['check', '.', '--as-of', AS_OF, '--no-cache'], folder);
        writeFileSync(path.join(folder, 'a-file'), 'not a folder\n');
        for (const cacheDir of ['a-file', 'a-file/below']) {
            const result = run(['check', '.', '--as-of', AS_OF, '--cache-dir', cacheDir], folder);
            expect({ stdout: result.stdout, code: result.code, stderr: result.stderr }).toEqual({
                stdout: uncached.stdout,
                code: uncached.code,
                stderr: ''
            });
        }
        expect(readFileSync(path.join(folder, 'a-file'), 'utf8')).toBe('not a folder\n');
    });

    test('--cache-dir moves the cache; an existing folder of the user is not given a .gitignore', () => {
        const folder = withErrors();
        const elsewhere = mkdtempSync(path.join(tmpdir(), 'gdl-cache-dir-'));
        const first = run(['check', '.', '--as-of', AS_OF, '--cache-dir', elsewhere], folder);
        expect(existsSync(path.join(folder, '.gdl-cache'))).toBe(false);
        expect(existsSync(path.join(elsewhere, '.gitignore'))).toBe(false);
        const written = statSync(entryFile(folder, elsewhere)).ino;
        const second = run(['check', '.', '--as-of', AS_OF, '--cache-dir', elsewhere], folder);
        expect(second.stdout).toBe(first.stdout);
        expect(statSync(entryFile(folder, elsewhere)).ino).toBe(written);
    });

    test("--cache-dir naming a folder of someone's files (the sources, say) writes nothing there, and says why", () => {
        // Before: a check-<hash>.json was written among the sources (or into gdl's own code, or the templates).
        const folder = example();
        const sources = path.join(folder, 'example-constabulary');
        const listing = readdirSync(sources).sort();
        const uncached = run(['check', '.', '--as-of', AS_OF, '--no-cache'], folder);
        const result = run(['check', '.', '--as-of', AS_OF, '--cache-dir', 'example-constabulary'], folder);
        expect(result.stdout).toBe(uncached.stdout);
        expect(result.code).toBe(uncached.code);
        expect(result.stderr).toMatch(
            /^gdl: note: the answer is not kept in example-constabulary: it holds files that are not the cache's \('.+'\); name a new or empty folder with --cache-dir\n$/
        );
        expect(readdirSync(sources).sort()).toEqual(listing);
    });

    test('an answer from the cache piped into a reader that stops early (| head) ends quietly', () => {
        const folder = withErrors();
        run(['check', '.', '--as-of', AS_OF], folder);
        const result = spawnSync('bash', ['-c', `set -o pipefail; node ${gdl} check . --as-of ${AS_OF} | head -1`], {
            cwd: folder,
            encoding: 'utf8',
            env: { ...process.env, XDG_CACHE_HOME: cacheHome }
        });
        expect(result.stdout).toMatch(/^\S+\.gdl:\d+:\d+ error GDL/);
        expect(result.stderr).toBe('');
    });

    test('--help describes --no-cache and --cache-dir', () => {
        const help = run(['check', '--help'], repo).stdout;
        expect(help).toMatch(/--no-cache\s+check afresh/);
        expect(help).toMatch(/--cache-dir <folder>\s+keep the cache/);
    });
});

describe('where no key can be kept, nothing is cached', () => {
    test('a cache folder for the user that cannot be made: every check is worked out, and the answers are right', () => {
        const blocked = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-no-key-')), 'a-file');
        writeFileSync(blocked, 'not a folder');
        const folder = withErrors();
        const args = ['check', '.', '--as-of', AS_OF];
        const uncached = run([...args, '--no-cache'], folder);
        for (const time of ['first', 'second']) {
            const result = run(args, folder, { XDG_CACHE_HOME: blocked });
            expect(result.stdout, time).toBe(uncached.stdout);
            expect(result.code, time).toBe(uncached.code);
            expect(result.stderr, time).toBe('');
        }
        expect(existsSync(path.join(folder, '.gdl-cache'))).toBe(false);
    });

    test('a relative XDG_CACHE_HOME or an empty HOME is no place for the key: never the working folder, nothing cached', () => {
        // Before: the key was made in ./.cache/ — in the workspace, where a pull request could commit it with an entry
        // signed by it.
        const folder = withErrors();
        const args = ['check', '.', '--as-of', AS_OF];
        const uncached = run([...args, '--no-cache'], folder);
        for (const env of [
            { XDG_CACHE_HOME: '.cache', HOME: '' },
            { XDG_CACHE_HOME: '', HOME: '' }
        ]) {
            for (const time of ['first', 'second']) {
                const result = run(args, folder, env);
                expect(result.stdout, `${JSON.stringify(env)} ${time}`).toBe(uncached.stdout);
                expect(result.stderr, `${JSON.stringify(env)} ${time}`).toBe('');
            }
        }
        expect(existsSync(path.join(folder, '.cache'))).toBe(false);
        expect(existsSync(path.join(folder, '.gdl-cache'))).toBe(false);
    });
});
