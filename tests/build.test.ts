import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import mammoth from 'mammoth';
import JSZip from 'jszip';
import { describe, expect, test } from 'vitest';
import { writeSiteAtomically } from '../cli/build/write-site.js';
import { PATIENCE_MS } from './support/patience.js';
import { filesBelow } from './support/files.js';
import { expectFullSite, expectCoursePackMarkdown } from './support/expectations.js';

const repo = path.resolve(import.meta.dirname, '..');
const gdl = path.join(repo, 'bin/gdl.js');
const SMALL = 'tests/fixtures/publish/small/input';

function build(args: string[]) {
    const result = spawnSync(process.execPath, [gdl, 'build', ...args], { cwd: repo, encoding: 'utf8', timeout: PATIENCE_MS });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const fresh = (name: string) => path.join(mkdtempSync(path.join(tmpdir(), `gdl-${name}-`)), 'site');
const files = filesBelow;

describe('gdl build on the bundled guidance', () => {
    const out = fresh('site');
    const result = build(['guidance', '--out', out, '--quiet']);

    test('publishes the guidance site, both editions of every course pack in three formats, the plan and coverage pages', () => {
        expect(result.code, result.stdout + result.stderr).toBe(0);
        const all = files(out);
        expectFullSite(all);
        expect(result.stdout).toBe('');
    });

    test('the Markdown re-parses with its headings and tables; the learner edition has no answers or trainer notes', () => {
        expectCoursePackMarkdown(file => readFileSync(path.join(out, file), 'utf8'));
    });

    test('the Word files read back with their headings and tables', async () => {
        const docx = readFileSync(path.join(out, 'courses/CP-INV-trainer.docx'));
        const html = (await mammoth.convertToHtml({ buffer: docx })).value;
        expect(html).toMatch(/<h1>[^<]*trainer edition<\/h1>/);
        expect(html).toContain('<h3>Knowledge checks</h3>');
        expect((html.match(/<table>/g) ?? []).length).toBeGreaterThanOrEqual(3);
        const learner = (await mammoth.extractRawText({ buffer: readFileSync(path.join(out, 'courses/CP-INV-learner.docx')) })).value;
        expect(learner).not.toContain('(correct)');
        const zip = await JSZip.loadAsync(docx);
        expect(await zip.file('word/document.xml')!.async('string')).toContain('<w:tbl>');
    });

    test('a rebuild gives byte-identical files', () => {
        const again = fresh('again');
        expect(build(['guidance', '--out', again, '--quiet']).code).toBe(0);
        expect(files(again)).toEqual(files(out));
        for (const file of files(out)) {
            expect(readFileSync(path.join(again, file)).equals(readFileSync(path.join(out, file))), file).toBe(true);
        }
    });
});

describe('the coverage gate', () => {
    test('a workspace with a gap publishes nothing and exits 1, leaving the previous output as it was', () => {
        const out = fresh('gap');
        mkdirSync(out, { recursive: true });
        // The last good build: a page and the marker every build leaves.
        writeFileSync(path.join(out, 'previous.txt'), 'the last good build');
        writeFileSync(path.join(out, '.gdl-output'), 'written by gdl build');
        const result = build(['tests/fixtures/gaps', '--out', out]);
        expect(result.code).toBe(1);
        expect(result.stdout).toContain('Not covered: 12.1, 12.3, 14.1, 14.2');
        expect(files(out)).toEqual(['.gdl-output', 'previous.txt']);
        const never = fresh('never');
        expect(build(['tests/fixtures/gaps', '--out', never]).code).toBe(1);
        expect(existsSync(never)).toBe(false);
    });

    test('sources with errors publish nothing, even with --allow-gaps (exit 1), and say where the errors are', () => {
        const out = fresh('errors');
        const result = build(['tests/fixtures/syntax-error', '--out', out, '--allow-gaps']);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/^tests\/fixtures\/syntax-error\/broken\.gdl:3:13 error GDL0001 /m);
        expect(existsSync(out)).toBe(false);
    });

    test('--allow-gaps publishes, and every page says which requirements are not yet covered', () => {
        const out = fresh('allow');
        expect(build(['tests/fixtures/gaps', '--out', out, '--allow-gaps', '--quiet']).code).toBe(0);
        for (const file of files(out).filter(f => f.endsWith('.html') || f.endsWith('.md'))) {
            expect(readFileSync(path.join(out, file), 'utf8'), file).toContain(
                'does not yet cover evidence requirements 12.1, 12.3, 14.1, 14.2'
            );
        }
    });

    test('drafts are left out unless --include-drafts', () => {
        const out = fresh('drafts');
        expect(build([SMALL, '--out', out, '--quiet']).code).toBe(0);
        expect(readFileSync(path.join(out, 'guidance/g-one.html'), 'utf8')).not.toContain('Draft section');
        const withDrafts = fresh('with-drafts');
        expect(build([SMALL, '--out', withDrafts, '--quiet', '--include-drafts']).code).toBe(0);
        expect(readFileSync(path.join(withDrafts, 'guidance/g-one.html'), 'utf8')).toContain('Draft section');
    });
});

describe('golden files', () => {
    const golden = path.join(repo, 'tests/fixtures/publish/small/output');
    test('the small workspace publishes exactly the expected Markdown and HTML (UPDATE_GOLDEN=1 rewrites them)', () => {
        const out = fresh('golden');
        expect(build([SMALL, '--out', out, '--quiet', '--as-of', '2026-01-15']).code).toBe(0);
        const compared = files(out).filter(f => /\.(md|html)$/.test(f));
        if (process.env.UPDATE_GOLDEN === '1') {
            for (const file of compared) {
                mkdirSync(path.dirname(path.join(golden, file)), { recursive: true });
                cpSync(path.join(out, file), path.join(golden, file));
            }
        }
        expect(compared).toEqual(files(golden));
        for (const file of compared) {
            expect(readFileSync(path.join(out, file), 'utf8'), file).toBe(readFileSync(path.join(golden, file), 'utf8'));
        }
    });
});

describe('bad input and failures', () => {
    test('untrusted prose cannot inject script or javascript: links into any format', () => {
        const out = fresh('xss');
        expect(build([SMALL, '--out', out, '--quiet']).code).toBe(0);
        const html = readFileSync(path.join(out, 'guidance/g-one.html'), 'utf8');
        expect(html).not.toMatch(/<script/i);
        expect(html).not.toMatch(/javascript:/i);
        expect(html).toContain("&#x3C;script>alert('x')&#x3C;/script>");
        expect(readFileSync(path.join(out, 'guidance/g-one.md'), 'utf8')).toContain("\\<script>alert('x')\\</script>");
    });

    test('a broken template, or an output folder that cannot be written, is a clear error (exit 2) and writes nothing', () => {
        const templates = mkdtempSync(path.join(tmpdir(), 'gdl-templates-'));
        cpSync(path.join(repo, 'out-templates'), templates, { recursive: true });
        writeFileSync(path.join(templates, 'site.json'), '{ "siteName": ');
        const out = fresh('broken');
        const broken = build([SMALL, '--out', out, '--templates', templates]);
        expect(broken.code).toBe(2);
        expect(broken.stderr).toMatch(/site\.json: not valid JSON/);
        expect(existsSync(out)).toBe(false);
        writeFileSync(path.join(templates, 'site.json'), readFileSync(path.join(repo, 'out-templates/site.json')));
        writeFileSync(path.join(templates, 'page.html'), '<html><body>no main here</body></html>');
        expect(build([SMALL, '--out', out, '--templates', templates]).stderr).toContain('the page template needs a <main> element');
        // A folder cannot be made under a file.
        const blocker = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-blocker-')), 'a-file');
        writeFileSync(blocker, 'not a folder');
        const unwritable = build([SMALL, '--out', path.join(blocker, 'site'), '--quiet']);
        expect(unwritable.code).toBe(2);
        expect(unwritable.stderr).toMatch(/^gdl: cannot write the output to '.*a-file\/site': E[A-Z]+/);
    });

    test('a build that fails half-way through writing leaves the previous output exactly as it was', async () => {
        const out = fresh('half');
        mkdirSync(out, { recursive: true });
        writeFileSync(path.join(out, 'index.html'), 'previous');
        // The second file needs 'a/b' to be a folder, but the first made it a file: writing fails part-way.
        const files = new Map<string, string>([
            ['a/b', 'first'],
            ['a/b/c', 'second']
        ]);
        await expect(writeSiteAtomically(out, files)).rejects.toThrow(/cannot write the output/);
        expect(readdirSync(out)).toEqual(['index.html']);
        expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('previous');
        expect(readdirSync(path.dirname(out)).filter(f => f.includes('building'))).toEqual([]);
    });
});
