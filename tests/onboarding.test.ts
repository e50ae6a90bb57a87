import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Paragraph } from 'docx';
import { beforeAll, describe, expect, test } from 'vitest';
import { filesBelow } from './support/files.js';
import { docxOf, sample, sampleGuidanceDocx } from './support/make-docx.js';
import { PATIENCE_MS } from './support/patience.js';

// The first hour of a force's stalking lead, with the built CLI spawned as they run it: a new
// workspace, its honest first check, a Word document and the force's published plan imported, and
// every bad file refused with a clear message and nothing written.

const repo = path.resolve(import.meta.dirname, '..');
const gdl = path.join(repo, 'bin/gdl.js');
const plans = path.join(repo, 'tests/fixtures/published-plans');

function run(args: string[], cwd: string) {
    const result = spawnSync(process.execPath, [gdl, ...args], { cwd, encoding: 'utf8', timeout: PATIENCE_MS });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr, lines: result.stdout.split('\n') };
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

describe('a new force, from nothing (gdl init, gdl check, gdl import)', () => {
    let home: string;
    let docx: string;

    beforeAll(async () => {
        home = mkdtempSync(path.join(tmpdir(), 'gdl-onboarding-'));
        docx = path.join(home, 'Stalking guidance.docx');
        writeFileSync(docx, await sampleGuidanceDocx());
    });

    test('gdl init kent --force "Kent Police" && gdl check kent: exit 1, all 39 requirements listed as not covered', () => {
        const init = run(['init', 'kent', '--force', 'Kent Police'], home);
        expect(init.code, init.stderr).toBe(0);
        expect(init.stdout).toContain('Created Kent Police (force kent-police) in kent:');
        expect(init.stdout).toContain('Next: read kent/kent-police/README.md, then run gdl check kent.');
        const check = run(['check', 'kent'], home);
        expect(check.code).toBe(1);
        expect(check.lines).toContain('Kent Police, not covered (39):');
        expect(check.lines.filter(l => /^ {2}\d+\.\d+ {2}\(recommendation \d+/.test(l))).toHaveLength(39);
        expect(check.stdout).toMatch(/files checked as of \d{4}-\d{2}-\d{2}: 0 errors/);
    });

    test('gdl import of a Word file with headings, lists, a table, an image and a comment: draft guidance and its import report', () => {
        const result = run(['import', docx, '--into', 'kent/kent-police/guidance'], home);
        expect(result.code, result.stderr).toBe(0);
        noStackTrace(result.stderr);
        const written = /^Imported .* as guidance (\S+) with (\d+) sections: (\S+\.gdl) \(a draft\)\.$/m.exec(result.stdout);
        expect(written, result.stdout).not.toBeNull();
        const text = readFileSync(path.join(home, written![3]!), 'utf8');
        expect(text).toContain(`guidance ${written![1]} "${sample.title}" {`);
        expect(text).toContain('    status draft');
        expect(text).toContain(`    owner "${sample.owner}"`);
        expect(text).toMatch(/^ {4}source "Imported from Stalking guidance\.docx \(Word document\) on \d{4}-\d{2}-\d{2}"$/m);
        expect(text).toMatch(/^ +\| Behaviour \| Example +\|\n +\| -+ \| -+ \|$/m); // the table, its first row as its header
        expect(text).toMatch(/^ +- Repeated unwanted contact$/m);
        expect(text).not.toContain('data:image');
        // The report, on the terminal and beside the file, lists what was not carried.
        const report = readFileSync(path.join(home, written![3]!.replace(/\.gdl$/, '.import-report.md')), 'utf8');
        expect(result.stdout).toContain(report.split('\n')[0]); // the same report, without Markdown escapes
        expect(report).toMatch(/^- \*\*owner\*\*|^- \*\*audience\*\*/m);
        expect(result.stdout).toContain('add `audience …`');
        expect(report).toMatch(/^- \*\*image\*\*, .*Flow chart of the referral route/m);
        expect(report).toMatch(/^- \*\*comment\*\*, .*Reviewer One/m);
        // The workspace still checks: the import is well formed, and a draft covers nothing.
        const check = run(['check', 'kent'], home);
        expect(check.stdout).toMatch(/files checked as of \d{4}-\d{2}-\d{2}: 0 errors/);
        expect(check.lines).toContain('Kent Police, not covered (39):');
    });

    test("the force's published plan page becomes a plan with every update, date and status word for word", () => {
        const page = readFileSync(path.join(plans, 'cambridgeshire.txt'), 'utf8');
        const init = run(['init', 'cambs', '--force', 'Cambridgeshire Constabulary'], home);
        expect(init.code).toBe(0);
        const result = run(['import', path.join(plans, 'cambridgeshire.txt'), '--into', 'cambs/cambridgeshire-constabulary'], home);
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toContain('as plan cambridgeshire-constabulary-published-plan with 15 items');
        expect(result.stdout).toContain(
            'Cambridgeshire Constabulary already has a plan (cambs/cambridgeshire-constabulary/action-plan.gdl).'
        );
        const plan = readFileSync(
            path.join(home, 'cambs/cambridgeshire-constabulary/cambridgeshire-constabulary-published-plan.gdl'),
            'utf8'
        );
        const updates = [...page.matchAll(/^Force Update: (.+)$/gm)].map(m => m[1]!);
        expect(updates.length).toBe(2);
        for (const update of updates) {
            expect(plan).toContain(update);
        }
        for (const [, day, month, year] of page.matchAll(/^Date: (\d{2})\/(\d{2})\/(\d{4})$/gm)) {
            expect(plan).toContain(`updated ${year}-${month}-${day}`);
        }
        expect(plan).toContain('status in-progress\n        progress 25%');
        expect(plan).toMatch(/^ {4}status draft$/m);
        const check = run(['check', 'cambs'], home);
        expect(check.stdout).toMatch(/files checked as of \d{4}-\d{2}-\d{2}: 0 errors/);
        // A draft until the force merges or approves it: not on the site, unless drafts are asked for.
        const site = path.join(home, 'cambs-site');
        expect(run(['build', 'cambs', '--out', site, '--allow-gaps', '--quiet'], home).code).toBe(0);
        expect(readdirSync(path.join(site, 'plans')).filter(f => f.endsWith('.html'))).toEqual(['cambridgeshire-constabulary-plan.html']);
        const drafts = path.join(home, 'cambs-drafts');
        expect(run(['build', 'cambs', '--out', drafts, '--allow-gaps', '--include-drafts', '--quiet'], home).code).toBe(0);
        expect(
            readdirSync(path.join(drafts, 'plans'))
                .filter(f => f.endsWith('.html'))
                .sort()
        ).toEqual(['cambridgeshire-constabulary-plan.html', 'cambridgeshire-constabulary-published-plan.html']);
    });

    test('bad files: corrupt, password-protected, empty, no headings — each a clear message, exit 2, nothing written', async () => {
        const into = path.join(home, 'kent/kent-police/guidance');
        const before = filesBelow(home).sort();
        const encrypted = Buffer.alloc(2048);
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(encrypted, 0);
        Buffer.from('EncryptedPackage', 'utf16le').copy(encrypted, 1024);
        const bad = path.join(home, 'bad');
        mkdirSync(bad);
        const cases: Array<[string, Buffer | string, RegExp]> = [
            [
                'corrupt.docx',
                Buffer.from('PK\u0003\u0004 this is not really a zip'),
                /corrupt\.docx is not a Word document \(\.docx\) or is damaged/
            ],
            ['secret.docx', encrypted, /secret\.docx is password-protected: save a copy without a password/],
            ['empty.docx', '', /empty\.docx is empty/],
            ['empty.md', '', /empty\.md is empty/],
            ['notes.md', 'Just a paragraph, no heading.\n', /notes\.md has no headings/],
            ['flat.docx', await docxOf([new Paragraph('One paragraph.'), new Paragraph('Another.')]), /flat\.docx has no headings/],
            [
                'minutes.txt',
                'Minutes of the meeting.\nNothing about plans.\n',
                /minutes\.txt does not look like a published action plan page/
            ],
            [
                'huge.md',
                `# Huge\n\n${'Stalking guidance. '.repeat(320_000)}`,
                /huge\.md is 6\.1 MB, more than a guidance document or a plan page/
            ],
            ['old.pdf', '%PDF-1.7', /gdl import reads Word \(\.docx\), Markdown \(\.md\) and saved action plan pages/]
        ];
        for (const [name, bytes] of cases) {
            writeFileSync(path.join(bad, name), bytes);
        }
        const listing = filesBelow(home).sort();
        for (const [name, , message] of cases) {
            const result = run(['import', path.join(bad, name), '--into', into], home);
            expect(result.code, `${name}: ${result.stdout}`).toBe(2);
            expect(result.stderr, name).toMatch(/^gdl: /);
            expect(result.stderr, name).toMatch(message);
            noStackTrace(result.stderr);
            expect(result.stdout, name).toBe('');
        }
        expect(filesBelow(home).sort()).toEqual(listing);
        expect(listing.length).toBe(before.length + cases.length);
    });

    test('a link to a device or a named pipe is refused at once, not read for ever', () => {
        // Before: a .md link to /dev/zero grew to 8 GB in 20 s (its size reads as 0), and a named pipe waited for ever.
        const odd = mkdtempSync(path.join(tmpdir(), 'gdl-import-odd-'));
        symlinkSync('/dev/zero', path.join(odd, 'zero.md'));
        expect(spawnSync('mkfifo', [path.join(odd, 'pipe.md')]).status).toBe(0);
        for (const name of ['zero.md', 'pipe.md']) {
            const result = run(['import', path.join(odd, name), '--into', path.join(home, 'kent/kent-police/guidance')], home);
            expect(result.code, name).toBe(2);
            expect(result.stderr, name).toContain('it is a device or a pipe, not a file');
        }
    });

    test('--as says what a file is when it should not be guessed: a text page of guidance, an HTML page of guidance', () => {
        const folder = path.join(home, 'kent/kent-police/guidance');
        writeFileSync(path.join(home, 'notes.txt'), '# Breaches\n\n## Risk\n\nTreat every breach as a sign of heightened risk.\n');
        const refused = run(['import', 'notes.txt', '--into', folder], home);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain('does not look like a published action plan page');
        const text = run(['import', 'notes.txt', '--into', folder, '--as', 'guidance'], home);
        expect(text.code, text.stderr).toBe(0);
        expect(text.stdout).toMatch(/as guidance breaches with 1 section/);
        writeFileSync(
            path.join(home, 'page.html'),
            '<html><body><h1>Online stalking</h1><h2>Advice</h2><p>Keep <em>evidence</em>.</p></body></html>'
        );
        const html = run(['import', 'page.html', '--into', folder, '--as', 'guidance'], home);
        expect(html.code, html.stderr).toBe(0);
        expect(readFileSync(path.join(folder, 'online-stalking.gdl'), 'utf8')).toContain('Keep _evidence_.');
        const guessed = run(['import', docx, '--into', folder, '--as', 'plan'], home);
        expect(guessed.code).toBe(2);
        expect(guessed.stderr).toContain('a published plan page is read from text, HTML or Markdown');
    });

    test('never overwrites: importing the same file twice, or init into a workspace, writes nothing the second time', () => {
        const into = path.join(home, 'kent/kent-police/guidance');
        const first = new Map(readdirSync(into).map(file => [file, readFileSync(path.join(into, file), 'utf8')]));
        const again = run(['import', docx, '--into', into], home);
        // The same title gets a new id beside the first (ids are unique in the workspace): the first file is untouched.
        expect(again.code).toBe(0);
        expect(again.stdout).toMatch(/as guidance \S+-2 with/);
        expect(again.stdout).toMatch(/^This file was imported before \(kent\/kent-police\/guidance\/\S+\.gdl\)/m);
        expect(readdirSync(into).length).toBe(first.size + 2);
        for (const [file, text] of first) {
            expect(readFileSync(path.join(into, file), 'utf8')).toBe(text);
        }
        // A report kept after its .gdl was deleted does not block the next import: its name is avoided.
        const second = /: (\S+-2)\.gdl \(a draft\)/.exec(again.stdout)![1]!;
        rmSync(path.join(home, `${second}.gdl`));
        const third = run(['import', docx, '--into', into], home);
        expect(third.code, third.stderr).toBe(0);
        expect(third.stdout).toMatch(/as guidance \S+-3 with/);
        const init = run(['init', 'kent', '--force', 'Kent Police'], home);
        expect(init.code).toBe(2);
        expect(init.stderr).toContain(
            '\'kent\' is not empty. To add Kent Police to the workspace in it, run: gdl init kent --force "Kent Police" --add'
        );
    });
});
