import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createLangiumParser, isCompositeCstNode, type CstNode } from 'langium';
import { afterAll, describe, expect, test } from 'vitest';
import { generateOneFile } from '../bench/generate-one-file.js';
import { random } from '../bench/generate-workspace.js';
import { readableSyntaxMessage } from '../language/src/validation/gdl-document-validator.js';
import { decodeSource } from '../language/src/source-text.js';
import { LspSession } from './support/lsp-client.js';
import { terminalText } from '../cli/terminal-text.js';
import { cleanBase } from './support/fixtures-base.js';
import { PATIENCE_MS } from './support/patience.js';
import { buildWorkspace, readFolder } from './support/workspace.js';

const repo = path.resolve(import.meta.dirname, '..');
const gdl = path.join(repo, 'bin/gdl.js');
const problemLine = /^(\S+):(\d+):(\d+) (error|warning|info|hint) (GDL\d{4}) (.+)$/;

function run(args: string[], cwd = repo) {
    const result = spawnSync(process.execPath, [gdl, ...args], {
        cwd,
        encoding: 'utf8',
        timeout: PATIENCE_MS,
        maxBuffer: 64 * 1024 * 1024
    });
    const lines = result.stdout.split('\n');
    return { code: result.status, stdout: result.stdout, stderr: result.stderr, lines, problems: lines.filter(l => problemLine.test(l)) };
}

/** The clean base workspace (clean as of 2026-01-15) written to a new folder, plus `extra` files (name → bytes or text). */
function workspace(extra: Record<string, Uint8Array | string>): string {
    const folder = mkdtempSync(path.join(tmpdir(), 'gdl-encoding-'));
    for (const [name, text] of Object.entries({ ...cleanBase, ...extra })) {
        writeFileSync(path.join(folder, name), text);
    }
    return folder;
}

const problemsOf = (problems: string[], folder: string, file: string) => problems.filter(p => p.startsWith(`${path.join(folder, file)}:`));
const noInternalError = (result: { stdout: string; stderr: string }) => {
    expect(result.stderr).not.toMatch(/internal error|^\s+at .+:\d+:\d+\)?$/im);
    expect(result.stdout).not.toMatch(/internal error/i);
};

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const utf16le = (text: string) => Buffer.from(text, 'utf16le');
const utf16be = (text: string) => utf16le(text).swap16();

describe('encodings: every file is read as UTF-8, and anything else is a located GDL0008', () => {
    const folder = workspace({
        'latin1.gdl': latin1('audience cafe-staff "Caf\u00e9 staff"\naudience plain "Plain"\naudience naive "Na\u00efve r\u00f4le"\n'),
        'utf16-le.gdl': Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le('audience utf16-le "Read correctly: caf\u00e9"\n')]),
        'utf16-be.gdl': Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be('audience utf16-be "Read correctly: caf\u00e9"\n')]),
        'utf16-no-mark.gdl': utf16le('audience utf16-no-mark "Not read"\naudience other "Nor this"\n'),
        'binary.gdl': Buffer.from([0x61, 0x75, 0x0a, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x1b, 0x5b, 0x32, 0x4a, 0xff, 0x00]),
        'bom.gdl': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('audience with-bom "A UTF-8 byte-order mark is fine"\n')])
    });
    const result = run(['check', folder, '--as-of', '2026-01-15']);

    test('bytes that are not UTF-8 are errors at their line and column, one per line', () => {
        expect(problemsOf(result.problems, folder, 'latin1.gdl')).toEqual([
            `${path.join(folder, 'latin1.gdl')}:1:25 error GDL0008 Bytes that are not valid UTF-8 here, shown as U+FFFD (\uFFFD): the file was saved in another encoding (Windows-1252 or Latin-1?) or damaged. Save it as UTF-8 (VS Code: "Save with Encoding").`,
            `${path.join(folder, 'latin1.gdl')}:3:19 error GDL0008 Bytes that are not valid UTF-8 here (2 places on this line), shown as U+FFFD (\uFFFD): the file was saved in another encoding (Windows-1252 or Latin-1?) or damaged. Save it as UTF-8 (VS Code: "Save with Encoding").`
        ]);
    });

    test('UTF-16 with a byte-order mark is read correctly, with a warning to save it as UTF-8', () => {
        for (const [file, order] of [
            ['utf16-le.gdl', 'little-endian'],
            ['utf16-be.gdl', 'big-endian']
        ]) {
            expect(problemsOf(result.problems, folder, file!)).toEqual([
                `${path.join(folder, file!)}:1:1 warning GDL0008 This file is saved as UTF-16 (${order}). It was read correctly, but git, grep and most other tools see UTF-16 as binary. Save it as UTF-8 (VS Code: "Save with Encoding").`
            ]);
        }
    });

    test('UTF-16 without a mark and binary content are one error each, not parsed as GDL', () => {
        expect(problemsOf(result.problems, folder, 'utf16-no-mark.gdl')).toEqual([
            `${path.join(folder, 'utf16-no-mark.gdl')}:1:1 error GDL0008 This file looks like UTF-16 (little-endian) without a byte-order mark, so it was not read. Save it as UTF-8 (VS Code: "Save with Encoding").`
        ]);
        expect(problemsOf(result.problems, folder, 'binary.gdl')).toEqual([
            `${path.join(folder, 'binary.gdl')}:1:1 error GDL0008 This file is not text: it holds a NUL byte (first at line 2, column 5), so it was not read as GDL.`
        ]);
    });

    test('a UTF-8 byte-order mark is dropped silently; the check fails (exit 1) without an internal error or a raw control character', () => {
        expect(problemsOf(result.problems, folder, 'bom.gdl')).toEqual([]);
        expect(result.problems.filter(p => !p.includes(' GDL0008 '))).toEqual([]);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/12 files checked as of 2026-01-15: 4 errors, 2 warnings\./);
        expect(result.stdout).not.toContain('\u001b');
        noInternalError(result);
    });

    test('lines of invalid UTF-8 are reported up to 20, then one line says how many more', () => {
        const many = workspace({ 'many.gdl': latin1(Array.from({ length: 35 }, (_, i) => `audience a${i} "Caf\u00e9 ${i}"`).join('\n')) });
        const lines = problemsOf(run(['check', many, '--as-of', '2026-01-15']).problems, many, 'many.gdl');
        expect(lines).toHaveLength(21);
        expect(
            lines
                .slice(0, 20)
                .every(
                    (l, i) =>
                        l.startsWith(`${path.join(many, 'many.gdl')}:${i + 1}:`) &&
                        l.includes(' error GDL0008 Bytes that are not valid UTF-8 here')
                )
        ).toBe(true);
        expect(lines[20]).toBe(
            `${path.join(many, 'many.gdl')}:21:${'audience a20 "Caf'.length + 1} error GDL0008 …and 15 more lines hold bytes that are not valid UTF-8 from here on.`
        );
    });

    test('gdl build refuses to publish a workspace with an encoding error', () => {
        const out = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-encoding-site-')), 'site');
        const build = run([
            'build',
            workspace({ 'latin1.gdl': latin1('audience cafe-staff "Caf\u00e9 staff"\n') }),
            '--out',
            out,
            '--as-of',
            '2026-01-15'
        ]);
        expect(build.code).toBe(1);
        expect(build.problems.some(p => p.includes('latin1.gdl:1:25 error GDL0008 Bytes that are not valid UTF-8 here'))).toBe(true);
        expect(build.stdout).toContain('Nothing was published');
        expect(existsSync(out)).toBe(false);
        noInternalError(build);
    });

    test('the decoder: UTF-16 in either order gives the text, a UTF-8 mark is dropped, NUL bytes give no text', () => {
        const text = 'audience x "caf\u00e9 \u{1F600}"\n';
        expect(decodeSource(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(text)])).text).toBe(text);
        expect(decodeSource(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)])).text).toBe(text);
        expect(decodeSource(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({ text });
        expect(decodeSource(utf16be(text))).toMatchObject({
            text: '',
            problem: { severity: 'error', message: expect.stringContaining('UTF-16 (big-endian) without a byte-order mark') }
        });
        expect(decodeSource(Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00]))).toMatchObject({
            text: '',
            problem: { severity: 'error', message: expect.stringContaining('UTF-32') }
        });
    });
});

describe('encodings in the language server (files read from disk)', () => {
    let session: LspSession | undefined;
    afterAll(async () => {
        await session?.close();
    });

    test('publishes GDL0008 for a Latin-1 file and for a binary file in the workspace', async () => {
        const folder = workspace({
            'latin1.gdl': latin1('audience plain "Plain"\naudience cafe-staff "Caf\u00e9 staff"\n'),
            'binary.gdl': Buffer.from([0x00, 0x01, 0x02, 0xff])
        });
        session = new LspSession(folder, { asOf: '2026-01-15' });
        await session.initialize();
        const latin = session.uri('latin1.gdl');
        const binary = session.uri('binary.gdl');
        await session.waitFor(
            () => session!.diagnostics.has(latin) && session!.diagnostics.has(binary),
            'diagnostics of latin1.gdl and binary.gdl'
        );
        const found = session.diagnostics.get(latin)!;
        expect(found.map(d => [d.code, d.severity, d.range.start.line, d.range.start.character])).toEqual([['GDL0008', 1, 1, 24]]);
        expect(found[0]!.message).toContain('not valid UTF-8');
        expect(session.diagnostics.get(binary)!.map(d => [d.code, d.severity, d.message])).toEqual([
            ['GDL0008', 1, 'This file is not text: it holds a NUL byte (first at line 1, column 1), so it was not read as GDL.']
        ]);
    });
});

describe('volume: at most 100 problems per file, and garbage is not read to the end', () => {
    test('a file with 150 syntax errors: 100 of them, then one GDL0009 saying reading stopped there', () => {
        const folder = workspace({ 'junk.gdl': `audience fine "Fine"\n${Array(150).fill('#').join(' ')}\n` });
        const result = run(['check', folder, '--as-of', '2026-01-15']);
        const lines = problemsOf(result.problems, folder, 'junk.gdl');
        expect(lines).toHaveLength(101);
        expect(lines.slice(0, 100).every(l => l.includes(" error GDL0001 Unexpected character '#'."))).toBe(true);
        expect(lines[100]).toBe(
            `${path.join(folder, 'junk.gdl')}:2:201 info GDL0009 Too many syntax errors: this file was not read past here (line 2), so the rest of it is not checked.`
        );
        expect(result.code).toBe(1);
    });

    test('past 100 problems, errors are kept before warnings and the rest are counted', async () => {
        // 120 empty sections (a warning each), then an impossible date (an error) in the last one.
        const empty = Array.from({ length: 120 }, (_, i) => `    section e${i} "Empty" { }`).join('\n');
        const files = {
            ...cleanBase,
            'noisy.gdl': `guidance N "Noisy" {\n    owner "Lead"\n    status draft\n    audience responders\n${empty}\n    section last "Last" { approved 2025-02-30 """Text.""" }\n}\n`
        };
        const diagnostics = (await buildWorkspace(files)).diagnostics('noisy.gdl');
        expect(diagnostics).toHaveLength(101);
        expect(diagnostics.filter(d => d.code === 'GDL0005')).toHaveLength(1);
        expect(diagnostics.filter(d => d.code === 'GDL0308')).toHaveLength(99);
        expect(diagnostics.slice(0, 100).map(d => d.range.start.line)).toEqual(
            [...diagnostics.slice(0, 100).map(d => d.range.start.line)].sort((a, b) => a - b)
        );
        const summary = diagnostics.at(-1)!;
        expect([summary.code, summary.severity, summary.message]).toEqual([
            'GDL0009',
            3,
            '…and 21 more problems in this file (21 warnings): only the first 100 are shown, errors first.'
        ]);
    });

    test('1 MB of random printable characters: at most 101 problems for the file, exit 1, no raw control character', () => {
        const next = random(42);
        const printable = Array.from({ length: 1_000_000 }, () =>
            next() < 0.05 ? '\n' : String.fromCharCode(32 + Math.floor(next() * 95))
        ).join('');
        const folder = workspace({ 'garbage.gdl': printable });
        const result = run(['check', folder, '--as-of', '2026-01-15']);
        const lines = problemsOf(result.problems, folder, 'garbage.gdl');
        expect(lines.length).toBeGreaterThan(1);
        expect(lines.length).toBeLessThanOrEqual(101);
        expect(lines.at(-1)).toMatch(/ info GDL0009 /);
        expect(result.code).toBe(1);
        noInternalError(result);
    });

    test('1 MB of random bytes: one problem (not text), nothing echoed raw', () => {
        const next = random(7);
        const folder = workspace({ 'random.gdl': Uint8Array.from({ length: 1_000_000 }, () => Math.floor(next() * 256)) });
        const result = run(['check', folder, '--as-of', '2026-01-15']);
        const lines = problemsOf(result.problems, folder, 'random.gdl');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/ error GDL0008 This file is not text: it holds a NUL byte/);
        expect(result.code).toBe(1);
        expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
        noInternalError(result);
    });

    test('a token soup the parser cannot recover from cheaply: parsing stops after 100 syntax errors', async () => {
        const next = random(3);
        const words = [
            'section',
            'guidance',
            'audience',
            'addresses',
            '12.3',
            'foo',
            '"text"',
            '2025-01-01',
            '42',
            ',',
            'status',
            'approved'
        ];
        const soup = Array.from({ length: 20_000 }, () => words[Math.floor(next() * words.length)]).join(' ');
        const diagnostics = (await buildWorkspace({ ...cleanBase, 'soup.gdl': soup })).diagnostics('soup.gdl');
        expect(diagnostics).toHaveLength(101);
        expect(diagnostics.slice(0, 100).every(d => d.code === 'GDL0001')).toBe(true);
        expect(diagnostics.at(-1)!.code).toBe('GDL0009');
        expect(diagnostics.at(-1)!.message).toMatch(/^Too many syntax errors: this file was not read past here \(line 1\)/);
    });
});

describe('terminal output shows control characters from sources visibly', () => {
    const esc = '\u001b';
    const folder = workspace({
        'framework.gdl': cleanBase['framework.gdl']!.replace(
            'evidence 12.1 { text "First requirement." }',
            `evidence 12.1 { text "First ${esc}[2J${esc}]0;owned\u0007 requirement\u009b." }`
        ).replace(
            'evidence 12.2 { text "Second requirement." }',
            'evidence 12.2 { text "Second requirement." }\n        evidence 12.4 { text "Uncovered \u001b[31mred\u001b[0m." }'
        ),
        // An error in a file whose name holds an escape sequence: its name is printed by check and build.
        [`guid${esc}[1mance.gdl`]: cleanBase['guidance.gdl']!.replace('approved 2025-01-10', 'approved 2025-02-30'),
        'stray.gdl': `audience stray "Stray"\n${esc}[31m\n`
    });

    test('gdl check: no control byte reaches the terminal; the lexer names the character by its code point', () => {
        const result = run(['check', folder, '--as-of', '2026-01-15']);
        expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
        expect(result.stdout).toContain(`${path.join(folder, 'stray.gdl')}:2:1 error GDL0001 Unexpected character U+001B.`);
        expect(result.stdout).toContain('Uncovered \\u001b[31mred\\u001b[0m.');
        expect(result.code).toBe(1);
    });

    test('gdl build messages and gdl coverage --format table: escaped; --format json stays valid and exact', () => {
        const out = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-escape-site-')), 'site');
        const build = run(['build', folder, '--out', out, '--as-of', '2026-01-15']);
        expect(build.code).toBe(1);
        expect(build.stdout).toContain('guid\\u001b[1mance.gdl');
        expect(build.stdout).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
        const table = run(['coverage', folder, '--as-of', '2026-01-15']);
        expect(table.stdout).toContain('guid\\u001b[1mance.gdl');
        expect(table.stdout).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
        const json = run(['coverage', folder, '--as-of', '2026-01-15', '--format', 'json']);
        const report = JSON.parse(json.stdout) as { requirements: Array<{ id: string; text: string | null }> };
        expect(report.requirements.find(r => r.id === '12.1')!.text).toContain(`${esc}[2J`);
    });

    test('the one escaping function and the lexer message', () => {
        expect(terminalText(`a${esc}[2Jb\tc\nd\u0007\u009b\u202e\u007f`)).toBe('a\\u001b[2Jb\tc\nd\\u0007\\u009b\\u202e\\u007f');
        expect(readableSyntaxMessage('unexpected character: ->\u001b<- at offset: 3, skipped 1 characters.')).toBe(
            'Unexpected character U+001B.'
        );
        expect(readableSyntaxMessage('unexpected character: ->\u00a0<- at offset: 3, skipped 1 characters.')).toBe(
            'Unexpected character U+00A0.'
        );
        expect(readableSyntaxMessage('unexpected character: ->#<- at offset: 3, skipped 1 characters.')).toBe("Unexpected character '#'.");
    });
});

describe("one large file: the parser is linear in it and builds the same tree as Langium's own", () => {
    const shape = (node: CstNode): unknown[] => [
        node.offset,
        node.length,
        node.hidden,
        node.grammarSource?.$type,
        ...(isCompositeCstNode(node) ? [node.content.map(shape)] : [])
    ];

    test('the same concrete syntax tree, comments included, for the bundled guidance and a file of many commented declarations', async () => {
        const { services } = await buildWorkspace({});
        const langiums = createLangiumParser(services);
        const texts = Object.values(readFolder(path.join(repo, 'guidance'))).flatMap(text => [
            text,
            text.replace(/\n/g, ' // note\n/* block */ '),
            `/* lead */ ${text.slice(0, text.length / 2)} // tail`
        ]);
        texts.push(
            Array.from({ length: 2000 }, (_, i) => `${i % 3 === 0 ? `// group ${i}\n` : ''}audience a${i} "Audience ${i}" /* ${i} */`).join(
                '\n'
            )
        );
        for (const text of texts) {
            expect(shape(services.parser.LangiumParser.parse(text).value.$cstNode!)).toEqual(shape(langiums.parse(text).value.$cstNode!));
        }
    });

    test('parsing one file does work linear in its declarations and comments (elements scanned or moved, not time)', async () => {
        const { services } = await buildWorkspace({});
        const parser = services.parser.LangiumParser;
        // Langium's CST builder searched each new node among all its earlier siblings (indexOf) and removed
        // consumed comments from the front of the list (splice): quadratic in one file. Count what array
        // searches and splices touch while parsing n declarations, each after a comment.
        const workFor = (n: number) => {
            const text = Array.from({ length: n }, (_, i) => `// group ${i}\naudience a${i} "Audience ${i}"`).join('\n');
            const { indexOf, lastIndexOf, splice } = Array.prototype;
            let work = 0;
            Array.prototype.indexOf = function (this: unknown[], ...args: [unknown, number?]) {
                const at = indexOf.apply(this, args);
                work += at < 0 ? this.length : at + 1;
                return at;
            };
            Array.prototype.lastIndexOf = function (this: unknown[], ...args: [unknown, number?]) {
                const at = lastIndexOf.apply(this, args);
                work += at < 0 ? this.length : this.length - at;
                return at;
            };
            Array.prototype.splice = function (this: unknown[], ...args: unknown[]) {
                work += Math.max(0, this.length - Number(args[0] ?? 0));
                return splice.apply(this, args as [number, number]);
            };
            try {
                parser.parse(text);
            } finally {
                Object.assign(Array.prototype, { indexOf, lastIndexOf, splice });
            }
            return work;
        };
        const small = workFor(1000);
        const large = workFor(4000);
        // Linear: four times the declarations, about four times the work (quadratic would be sixteen).
        expect(large / small).toBeLessThan(6);
    });

    test('the one-file generator writes a valid file: no errors, only the 5% it leaves uncovered', () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'gdl-one-file-'));
        mkdirSync(folder, { recursive: true });
        generateOneFile(folder, 200);
        const result = run(['check', folder, '--as-of', '2026-01-15']);
        expect(result.problems.filter(p => / error /.test(p))).toEqual([]);
        expect(result.problems.filter(p => p.includes(' warning GDL0201 '))).toHaveLength(10);
        expect(result.stdout).toContain('Coverage: 190/200 evidence requirements covered (95.0%)');
    });
});
