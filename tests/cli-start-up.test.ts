import { spawnSync } from 'node:child_process';
import {
    chmodSync,
    cpSync,
    existsSync,
    mkdirSync,
    mkdtempSync,
    readFileSync,
    readdirSync,
    statSync,
    utimesSync,
    writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { PATIENCE_MS } from './support/patience.js';

const repo = path.resolve(import.meta.dirname, '..');
const gdl = path.join(repo, 'bin/gdl.js');

function run(args: string[], options: { cwd?: string; env?: Record<string, string>; bin?: string } = {}) {
    const result = spawnSync(process.execPath, [options.bin ?? gdl, ...args], {
        cwd: options.cwd ?? repo,
        encoding: 'utf8',
        timeout: PATIENCE_MS,
        env: { ...process.env, ...options.env }
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A copy of bin/ beside a stand-in bundle and a stand-in compiled CLI, each saying which one ran: what `gdl` runs
 * is decided by the files' times, which a test can set without touching the repository's own build.
 */
function standIns() {
    const root = mkdtempSync(path.join(tmpdir(), 'gdl-start-up-'));
    cpSync(path.join(repo, 'bin'), path.join(root, 'bin'), { recursive: true });
    mkdirSync(path.join(root, 'extension/out'), { recursive: true });
    mkdirSync(path.join(root, 'out/cli'), { recursive: true });
    const bundle = path.join(root, 'extension/out/cli.cjs');
    const compiled = path.join(root, 'out/cli/main.js');
    writeFileSync(bundle, `process.stdout.write('bundle ' + process.argv.slice(2).join(' ') + ' ' + typeof require + '\\n');\n`);
    writeFileSync(
        compiled,
        `export function exitQuietlyOnClosedPipe() {}\nexport async function run(argv) { process.stdout.write('compiled ' + argv.join(' ') + '\\n'); return 0; }\n`
    );
    writeFileSync(path.join(root, 'package.json'), '{"type":"module"}\n');
    const cacheRoot = path.join(root, 'tmp');
    mkdirSync(cacheRoot);
    const setTimes = (file: string, seconds: number) => utimesSync(file, seconds, seconds);
    return { root, bundle, compiled, bin: path.join(root, 'bin/gdl.js'), env: { TMPDIR: cacheRoot }, cacheRoot, setTimes };
}

function cacheFiles(cacheRoot: string): string[] {
    return readdirSync(cacheRoot, { recursive: true, withFileTypes: true })
        .filter(entry => entry.isFile())
        .map(entry => path.join(entry.parentPath, entry.name));
}

describe('gdl starts from its bundle (issue 17: start-up)', () => {
    test('runs the bundle when it is as new as the compiled CLI, and the compiled CLI when that is newer or there is no bundle', () => {
        const s = standIns();
        s.setTimes(s.compiled, 1_000_000);
        s.setTimes(s.bundle, 2_000_000);
        expect(run(['check', 'x'], { bin: s.bin, env: s.env }).stdout).toBe('bundle check x function\n');
        // `tsc` run alone after a change: the bundle is stale, so it is not what runs.
        s.setTimes(s.compiled, 3_000_000);
        expect(run(['check', 'x'], { bin: s.bin, env: s.env }).stdout).toBe('compiled check x\n');
        s.setTimes(s.compiled, 1_000_000);
        expect(run(['check', 'x'], { bin: s.bin, env: { ...s.env, GDL_UNBUNDLED: '1' } }).stdout).toBe('compiled check x\n');
    });

    test("keeps V8's code cache per command, and a damaged cache is rejected and rewritten, never breaking the command", () => {
        const s = standIns();
        s.setTimes(s.compiled, 1_000_000);
        s.setTimes(s.bundle, 2_000_000);
        expect(run(['check', 'x'], { bin: s.bin, env: s.env }).stdout).toBe('bundle check x function\n');
        const [cache] = cacheFiles(s.cacheRoot);
        expect(cache, 'a code cache written by the first run').toMatch(/-check\.bin$/);
        const written = statSync(cache!).mtimeMs;
        // The second run reads it, and leaves it as it is.
        expect(run(['check', 'x'], { bin: s.bin, env: s.env }).stdout).toBe('bundle check x function\n');
        expect(statSync(cache!).mtimeMs).toBe(written);
        // Damaged (random bytes, then a truncated file): the command runs as ever and the cache is made again.
        for (const damage of [Buffer.from('not a V8 code cache at all'), readFileSync(cache!).subarray(0, 20)]) {
            writeFileSync(cache!, damage);
            const result = run(['check', 'x'], { bin: s.bin, env: s.env });
            expect(result.stdout).toBe('bundle check x function\n');
            expect(result.stderr).toBe('');
            expect(readFileSync(cache!).length).toBeGreaterThan(damage.length);
        }
        // Another command has a cache of its own; GDL_NO_CODE_CACHE=1 writes none.
        run(['coverage'], { bin: s.bin, env: s.env });
        expect(cacheFiles(s.cacheRoot).map(f => path.basename(f).replace(/^\w+-/, ''))).toEqual(
            expect.arrayContaining(['check.bin', 'coverage.bin'])
        );
        const before = cacheFiles(s.cacheRoot).length;
        run(['build'], { bin: s.bin, env: { ...s.env, GDL_NO_CODE_CACHE: '1' } });
        expect(cacheFiles(s.cacheRoot).length).toBe(before);
    });

    test('a cache folder someone else could write to is neither read nor written (V8 runs what a code cache holds)', () => {
        const s = standIns();
        s.setTimes(s.compiled, 1_000_000);
        s.setTimes(s.bundle, 2_000_000);
        const folder = path.join(s.cacheRoot, `gdl-code-cache-${process.getuid!()}`);
        mkdirSync(folder);
        chmodSync(folder, 0o777);
        expect(run(['check', 'x'], { bin: s.bin, env: s.env }).stdout).toBe('bundle check x function\n');
        expect(cacheFiles(s.cacheRoot)).toEqual([]);
        // Its own folder again (not writable by others): the cache is made.
        chmodSync(folder, 0o700);
        run(['check', 'x'], { bin: s.bin, env: s.env });
        expect(cacheFiles(s.cacheRoot)).toHaveLength(1);
    });

    test('the real bundle prints what the compiled CLI prints, byte for byte, with the same exit code', () => {
        expect(existsSync(path.join(repo, 'extension/out/cli.cjs')), 'the bundle is built by npm run build').toBe(true);
        // --no-cache: each prints its own check (the cache key names the code that made an answer).
        const args = ['check', 'guidance', '--as-of', '2026-01-15', '--no-cache'];
        const bundled = run(args);
        const compiled = run(args, { env: { GDL_UNBUNDLED: '1' } });
        expect(bundled.stdout).toContain('files checked as of 2026-01-15');
        expect(bundled.stdout).toBe(compiled.stdout);
        expect(bundled.stderr).toBe(compiled.stderr);
        expect(bundled.code).toBe(compiled.code);
    });
});

describe('gdl check --report: the problems and the coverage report from one check (issue 17)', () => {
    test('writes the same report `gdl coverage` writes, in each format asked for, and says where', () => {
        const out = mkdtempSync(path.join(tmpdir(), 'gdl-report-'));
        const html = path.join(out, 'coverage.html');
        const junit = path.join(out, 'results.xml');
        const checked = run([
            'check',
            'guidance',
            '--force',
            'example-constabulary',
            '--as-of',
            '2026-01-15',
            '--report',
            `html:${html}`,
            '--report',
            junit
        ]);
        expect(checked.code, checked.stderr).toBe(0);
        expect(checked.stdout).toContain(`Coverage report (html) written to ${html}.`);
        expect(checked.stdout).toContain(`Coverage report (junit) written to ${junit}.`);
        for (const [format, file] of [
            ['html', html],
            ['junit', junit]
        ] as const) {
            const alone = path.join(out, `alone.${format}`);
            const coverage = run([
                'coverage',
                'guidance',
                '--force',
                'example-constabulary',
                '--as-of',
                '2026-01-15',
                '--format',
                format,
                '--output',
                alone
            ]);
            expect(coverage.code, coverage.stderr).toBe(0);
            expect(readFileSync(file, 'utf8')).toBe(readFileSync(alone, 'utf8'));
        }
        // The rest of the output is the plain check's.
        const plain = run(['check', 'guidance', '--force', 'example-constabulary', '--as-of', '2026-01-15']);
        expect(checked.stdout.replace(/\nCoverage report \(\w+\) written to .*\./g, '').replace(/\n\n\n/, '\n\n')).toBe(plain.stdout);
    });

    test('refuses, before reading anything, a report over a source, an unknown format or a name that does not say one', () => {
        const source = path.join(repo, 'guidance/framework/new.gdl');
        const overSource = run(['check', 'guidance', '--report', `html:${source}`]);
        expect(overSource.code).toBe(2);
        expect(overSource.stderr).toContain('that is the name of a GDL source');
        expect(existsSync(source)).toBe(false);
        const unknown = run(['check', 'guidance', '--report', 'pdf:report.pdf']);
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toContain("'pdf' is not a report format; use table, markdown, html, csv, json, sarif, junit");
        const unsaid = run(['check', 'guidance', '--report', 'report']);
        expect(unsaid.code).toBe(2);
        expect(unsaid.stderr).toContain("Cannot tell the format of 'report' from its name; write it first, as in html:report");
        // A format with no file, and a file with an empty format (it wrote a file named ':x.html').
        const noFile = run(['check', 'guidance', '--report', 'html:']);
        expect([noFile.code, noFile.stderr]).toEqual([
            2,
            expect.stringContaining("'html:' names no file; write the file after the format, as in html:coverage.html.")
        ]);
        const noFormat = run(['check', 'guidance', '--report', ':x.html']);
        expect([noFormat.code, noFormat.stderr]).toEqual([
            2,
            expect.stringContaining("':x.html' names no format before the ':'; write one, as in html:x.html")
        ]);
        expect(existsSync(path.join(repo, ':x.html'))).toBe(false);
        for (const result of [overSource, unknown, unsaid, noFile, noFormat]) {
            expect(result.stdout).toBe('');
            expect(result.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
        }
    });
});
