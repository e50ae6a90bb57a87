import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, test } from 'vitest';
import type { SiteModel } from '../../language/src/publish/site-model.js';
import { load, publish, repo, site } from '../support/in-process.js';
import { filesBelow } from '../support/files.js';
import { expectFullSite, expectCoursePackMarkdown } from '../support/expectations.js';

// The publisher in-process (language/src/publish/build-site.ts on a workspace loaded as the CLI loads
// it). tests/build.test.ts runs the same through `gdl build`, for what only the command decides:
// exit codes, messages, writing the folder atomically, and that a rebuild is byte-identical.

const SMALL = 'tests/fixtures/publish/small/input';
const text = (files: Map<string, Buffer | string>, file: string) => {
    const content = files.get(file);
    expect(content, `${file} was not published`).toBeDefined();
    return content!.toString();
};
const pages = (files: Map<string, Buffer | string>) => [...files.keys()].filter(f => /\.(md|html)$/.test(f));

describe('golden files', () => {
    const golden = path.join(repo, 'tests/fixtures/publish/small/output');
    test('the small workspace publishes exactly the expected Markdown and HTML (UPDATE_GOLDEN=1 rewrites them)', async () => {
        const files = await publish(site(await load(SMALL, '2026-01-15')));
        const compared = pages(files).sort();
        if (process.env.UPDATE_GOLDEN === '1') {
            for (const file of compared) {
                mkdirSync(path.dirname(path.join(golden, file)), { recursive: true });
                writeFileSync(path.join(golden, file), files.get(file)!);
            }
        }
        expect(compared).toEqual(filesBelow(golden));
        for (const file of compared) {
            expect(text(files, file), file).toBe(readFileSync(path.join(golden, file), 'utf8'));
        }
    });
});

describe('the bundled guidance, published', () => {
    let model: SiteModel;
    let files: Map<string, Buffer | string>;
    beforeAll(async () => {
        model = site(await load('guidance'));
        files = await publish(model);
    });

    test('nothing is held back: no gaps', () => {
        expect(model.gaps).toEqual([]);
    });

    test('the guidance site, both editions of every course pack in three formats, the plan and coverage pages', () => {
        const all = [...files.keys()];
        expectFullSite(all);
    });

    test('the Markdown re-parses with its headings and tables; the learner edition has no answers or trainer notes', () => {
        expectCoursePackMarkdown(file => text(files, file));
    });

    test('the Word files read back with their headings and tables; the learner edition has no answers', async () => {
        const html = (await mammoth.convertToHtml({ buffer: files.get('courses/CP-INV-trainer.docx') as Buffer })).value;
        expect(html).toMatch(/<h1>[^<]*trainer edition<\/h1>/);
        expect(html).toContain('<h3>Knowledge checks</h3>');
        expect((html.match(/<table>/g) ?? []).length).toBeGreaterThanOrEqual(3);
        const learner = (await mammoth.extractRawText({ buffer: files.get('courses/CP-INV-learner.docx') as Buffer })).value;
        expect(learner).not.toContain('(correct)');
    });
});

describe('the coverage gate and drafts', () => {
    test('a workspace with gaps: the gaps the gate refuses, and with --allow-gaps every page names them', async () => {
        const model = site(await load('tests/fixtures/gaps'));
        expect(model.gaps).toEqual(['12.1', '12.3', '14.1', '14.2']);
        const files = await publish(model);
        expect(pages(files).length).toBeGreaterThan(0);
        for (const file of pages(files)) {
            expect(text(files, file), file).toContain('does not yet cover evidence requirements 12.1, 12.3, 14.1, 14.2');
        }
    });

    test('drafts are left out unless included', async () => {
        const workspace = await load(SMALL);
        expect(text(await publish(site(workspace)), 'guidance/g-one.html')).not.toContain('Draft section');
        expect(text(await publish(site(workspace, true)), 'guidance/g-one.html')).toContain('Draft section');
    });

    test('untrusted prose cannot inject script or javascript: links into any format', async () => {
        const files = await publish(site(await load(SMALL)));
        const html = text(files, 'guidance/g-one.html');
        expect(html).not.toMatch(/<script/i);
        expect(html).not.toMatch(/javascript:/i);
        expect(html).toContain("&#x3C;script>alert('x')&#x3C;/script>");
        expect(text(files, 'guidance/g-one.md')).toContain("\\<script>alert('x')\\</script>");
    });
});
