import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, test } from 'vitest';
import { proseLinks, type SiteModel } from '../../language/src/publish/site-model.js';
import { later, root, withProse } from '../../language/src/publish/mdast-helpers.js';
import { loadWorkspace } from '../../cli/workspace-loader.js';
import { shellFor } from '../../language/src/publish/render-html.js';
import { load, loadExample, publish, repo, site } from '../support/in-process.js';
import { filesBelow } from '../support/files.js';
import { expectFullSite, expectCoursePackMarkdown } from '../support/expectations.js';
import { readableMarkdown } from '../support/markdown.js';

// The publisher in-process (language/src/publish/build-site.ts on a workspace loaded as the CLI loads
// it). tests/build.test.ts runs the same through `gdl build`, for what only the command decides:
// exit codes, messages, writing the folder atomically, and that a rebuild is byte-identical.

const SMALL = 'tests/fixtures/publish/small/input';
const text = (files: Map<string, Buffer | string>, file: string) => {
    const content = files.get(file);
    expect(content, `${file} was not published`).toBeDefined();
    return content!.toString();
};
const readable = (files: Map<string, Buffer | string>, file: string) => readableMarkdown(text(files, file));
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
        model = site(await loadExample());
        files = await publish(model);
    });

    test('nothing is held back: no gaps', () => {
        expect(model.gaps).toEqual([]);
    });

    test('the guidance site, both editions of every course pack in three formats, the plan and coverage pages', () => {
        const all = [...files.keys()];
        expectFullSite(all);
    });

    test('an id the prose names in code (`ec-risk`, `risk-breaches`) links to what it names; other code stays code', () => {
        // Writers refer to other guidance by its id; published as bare code, a reader could not follow 66 of them.
        const risk = text(files, 'guidance/ec-risk.html');
        expect(risk).toMatch(/<a href="#risk-breaches"[^>]*><code[^>]*>risk-breaches<\/code><\/a>/);
        const recognising = text(files, 'guidance/ec-recognising.md');
        expect(recognising).toContain('[`ec-risk`](ec-risk.md)');
        expect(recognising).toMatch(/\[`rec-[a-z0-9-]+`\]\(#rec-[a-z0-9-]+\)/);
        // A code span that names nothing published (a keyword, a file name) is left as it was written.
        for (const file of pages(files).filter(f => f.startsWith('guidance/') && f.endsWith('.md'))) {
            for (const [, id, target] of text(files, file).matchAll(/\[`([^`]+)`\]\(([^)]*)\)/g)) {
                expect(target, `${file}: ${id}`).toMatch(new RegExp(`(^|[/#])${id!.replace(/[.]/g, '\\.')}(\\.md)?$`));
            }
        }
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

describe('the coverage and plan pages, for an auditor', () => {
    let files: Map<string, Buffer | string>;
    let model: SiteModel;
    beforeAll(async () => {
        model = site(await loadExample('2026-01-15'));
        files = await publish(model);
    });
    const row = (markdown: string, id: string) => markdown.split('\n').find(line => line.startsWith(`| [${id}](#requirement-${id})`));
    const cells = (line: string | undefined) =>
        (line ?? '')
            .split('|')
            .slice(1, -1)
            .map(c => c.trim());

    test('the coverage page shows recommendation 25 met late, with its deadline, the date it was first met, its level and the level judged at', () => {
        const markdown = readable(files, 'coverage.md');
        expect(markdown).toContain('**Level of assurance judged at:** Evidenced');
        expect(cells(markdown.split('\n').find(l => l.startsWith('| Requirement ')))).toEqual([
            'Requirement',
            'Recommendation',
            'Deadline',
            'State',
            'Level reached',
            'Met',
            'Owner'
        ]);
        for (const id of ['25.1', '25.2', '25.3']) {
            expect(cells(row(markdown, id)), id).toEqual([
                `[${id}](#requirement-${id})`,
                '25',
                '2025-03-27',
                'Covered',
                'Evidenced',
                'Met late (first met 2025-09-19)',
                'Detective Superintendent, Public Protection'
            ]);
        }
        // On time, for comparison: 27.1 was met a week before its deadline.
        expect(cells(row(markdown, '27.1')).slice(2, 6)).toEqual(['2024-11-22', 'Covered', 'Evidenced', 'On time (first met 2024-11-15)']);
        expect(markdown).toContain('; 3 met late, 0 overdue.');
    });

    test('each requirement links to what covers it (guidance sections, module pages, plan items) and to its exhibits', () => {
        const html = text(files, 'coverage.html');
        const detail = html.slice(html.indexOf('id="requirement-25.1"'), html.indexOf('id="requirement-25.2"'));
        expect(detail).toContain(
            '<a href="guidance/ec-partnership.html#part-clinic" class="govuk-link">guidance §part-clinic</a>: evidenced since 2025-09-19'
        );
        expect(detail).toContain(
            '<a href="plans/ec-plan-2024.html#recommendation-25" class="govuk-link">plan item 25</a>: evidenced since 2025-09-26'
        );
        expect(detail).toContain('<strong>When met:</strong> Met late (first met 2025-09-19)');
        // The anchors linked to exist on the pages published.
        expect(text(files, 'guidance/ec-partnership.html')).toContain('id="part-clinic"');
        expect(text(files, 'plans/ec-plan-2024.html')).toContain('id="recommendation-25"');
        expect(html).toContain('href="courses/CP-FR-learner.html#FR-1"');
        expect(text(files, 'courses/CP-FR-learner.html')).toContain('<h2 id="FR-1"');
        const markdown = readable(files, 'coverage.md');
        const exhibits = markdown.slice(markdown.indexOf('### Requirement 27.1'), markdown.indexOf('### Requirement 28.1'));
        expect(exhibits).toContain(
            "[The Chief Constable's response to the recommendations, sent to the NPCC](https://www.example.police.uk/foi/stalking-super-complaint-response) (letter; dated 2024-11-15; owner Assistant Chief Constable, Crime and Public Protection; not verified)"
        );
        // An exhibit held as a file is named with its path; the file itself is not published.
        const profile = markdown.slice(markdown.indexOf('### Requirement 11.1'), markdown.indexOf('### Requirement 11.2'));
        expect(profile).toContain(
            'Stalking problem profile 2025 (other; dated 2025-01-31; owner Head of Performance and Analysis; on file: exhibits/stalking-problem-profile-2025-summary.md; verified by Force Assurance Manager on 2025-03-14)'
        );
        expect([...files.keys()].filter(f => f.includes('stalking-problem-profile') || f.startsWith('exhibits/'))).toEqual([]);
    });

    test("recommendation 15, made to PCCs, appears with its own state and the force's support, and is not a gap", () => {
        const markdown = readable(files, 'coverage.md');
        const others = markdown.slice(
            markdown.indexOf('## Recommendations made to others'),
            markdown.indexOf('## What covers each requirement')
        );
        expect(cells(others.split('\n').find(l => l.startsWith('| 15 ')))).toEqual([
            '15',
            'none listed',
            '2025-03-27',
            'For PCCs',
            '[plan item 15](plans/ec-plan-2024.md#recommendation-15): complete'
        ]);
        expect(model.gaps).toEqual([]);
        const plan = readable(files, 'plans/ec-plan-2024.md');
        const item = plan.slice(plan.indexOf('## Recommendation 15'), plan.indexOf('## Recommendation 16'));
        expect(item).toContain("**Made to PCCs.** This item records Example Constabulary's support to a recommendation made to PCCs");
        expect(plan.slice(plan.indexOf('## Recommendation 16'))).not.toContain('**Made to');
    });

    test("the plan page shows item 27's dated history oldest first, then its latest update, and its exhibits with their links", () => {
        const plan = readable(files, 'plans/ec-plan-2024.md');
        const item = plan.slice(plan.indexOf('## Recommendation 27'), plan.indexOf('## Recommendation 28'));
        const history = item.slice(item.indexOf('### History'), item.indexOf('### Exhibits'));
        const entries = history.split('\n').filter(l => l.startsWith('- **'));
        expect(entries).toEqual([
            '- **2024-11-08**: in progress (50%)',
            '- **2024-11-15**: complete (100%)',
            '- **2025-03-20**: complete (100%) (the latest update, above)'
        ]);
        expect(history.indexOf('drafted and with the NPCC lead')).toBeGreaterThan(history.indexOf('2024-11-08'));
        expect(history.indexOf('drafted and with the NPCC lead')).toBeLessThan(history.indexOf('2024-11-15'));
        expect(item.slice(item.indexOf('### Exhibits'))).toContain(
            "- [The Chief Constable's response to the recommendations, sent to the NPCC](https://www.example.police.uk/foi/stalking-super-complaint-response) (letter; dated 2024-11-15; owner Assistant Chief Constable, Crime and Public Protection; not verified)"
        );
        const html = text(files, 'plans/ec-plan-2024.html');
        expect(html).toContain('<a href="https://www.example.police.uk/foi/stalking-super-complaint-response" class="govuk-link">');
        const eleven = plan.slice(plan.indexOf('## Recommendation 11'), plan.indexOf('## Recommendation 12'));
        expect(eleven).toContain('verified by Force Assurance Manager on 2025-03-14');
    });

    test('as at its deadline, recommendation 25 is not covered (due that day): the gate names it, and with gaps allowed the page says so', async () => {
        const then = site(await loadExample('2025-03-27'));
        expect(then.gaps).toEqual(expect.arrayContaining(['25.1', '25.2', '25.3']));
        const markdown = readable(await publish(then), 'coverage.md');
        expect(markdown).toContain('**As of:** 2025-03-27');
        expect(cells(row(markdown, '25.1')).slice(2, 6)).toEqual(['2025-03-27', 'Not covered', 'None', 'Due']);
        // The plan page shows each item as it stood then: item 25 was in progress, item 22 (due later) had no
        // update yet; on 2024-11-10 item 27 was in progress.
        const plan = readable(await publish(then), 'plans/ec-plan-2024.md');
        const item = (n: number) =>
            plan.slice(
                plan.indexOf(`## Recommendation ${n}`),
                plan.indexOf('## Recommendation', plan.indexOf(`## Recommendation ${n}`) + 5)
            );
        expect(item(25)).toContain('**Status:** in progress (60%)');
        expect(item(25)).toContain('**Date:** 2025-03-20');
        expect(item(25)).not.toContain('2025-09-26');
        expect(item(22)).toContain('**Status:** not started');
        expect(item(22)).not.toContain('2025-09-26');
        const early = readable(await publish(site(await loadExample('2024-11-10'))), 'plans/ec-plan-2024.md');
        const early27 = early.slice(early.indexOf('## Recommendation 27'), early.indexOf('## Recommendation 28'));
        expect(early27).toContain('**Status:** in progress (50%)');
        expect(early27).toContain('**Date:** 2024-11-08');
        expect(early27).not.toContain('2024-11-15');
    });
});

describe("each force's pages carry its own name (site.json's {force})", () => {
    const shell = {
        html: '<html></html>',
        siteName: '{force}: stalking guidance and training',
        header: '{force}',
        footer: 'Published by {force}.'
    };
    test("the name is filled in as written, even with characters a replacement pattern would read ($&, $')", () => {
        expect(shellFor(shell, "Kent $& Medway $' Police")).toMatchObject({
            siteName: "Kent $& Medway $' Police: stalking guidance and training",
            header: "Kent $& Medway $' Police",
            footer: "Published by Kent $& Medway $' Police."
        });
    });
    test('with no name, the site name drops it and the footer names the publisher', () => {
        expect(shellFor(shell, '', 'the forces listed')).toMatchObject({
            siteName: 'Stalking guidance and training',
            footer: 'Published by the forces listed.'
        });
    });
});

describe('an id named like a property of every object', () => {
    test('a section named __proto__ or constructor is linked like any other, in this thread and after the trip to a worker', async () => {
        // The links were a plain object: `links.__proto__ = …` set nothing, and that reference stayed bare code.
        const folder = mkdtempSync(path.join(tmpdir(), 'gdl-proto-'));
        const source = readFileSync(path.join(repo, SMALL, 'workspace.gdl'), 'utf8');
        writeFileSync(
            path.join(folder, 'workspace.gdl'),
            source.replace(
                'section s-two "Second section" {',
                'section __proto__ "Proto" { }\n    section constructor "Built" { }\n    section s-two "Second section" {'
            )
        );
        const model = site(await loadWorkspace(folder, '2026-01-15'));
        const page = 'guidance/g-one';
        const links = proseLinks(model, page, 'html', 'See `__proto__`, `constructor` and `toString`.');
        for (const copy of [links, JSON.parse(JSON.stringify(links)) as Record<string, string>]) {
            const tree = withProse(root(later('See `__proto__`, `constructor` and `toString`.', 2, copy)));
            const first = tree.children[0] as { children: Array<{ type: string; url?: string }> };
            expect(first.children.filter(c => c.type === 'link').map(c => c.url)).toEqual(['#__proto__', '#constructor']);
        }
    });
});
