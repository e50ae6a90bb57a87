import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Root, Table } from 'mdast';
import { afterAll, describe, expect, test } from 'vitest';
import { generateScaleCorpus } from '../../bench/generate-workspace.js';
import { defaultTemplates, loadTemplates } from '../../cli/build/load-templates.js';
import { loadWorkspace } from '../../cli/workspace-loader.js';
import { coveragePageParts } from '../../language/src/publish/coverage-page.js';
import { link, LONG_TABLE_ROWS, paragraph, root, strong, table, tableRuns } from '../../language/src/publish/mdast-helpers.js';
import { coveragePage, joinParts } from '../support/page-parts.js';
import { buildSite, writeSite } from '../../language/src/publish/build-site.js';
import { inThisThread } from '../../language/src/publish/render-job.js';
import { FilesInMemory, type SiteSink } from '../../language/src/publish/site-files.js';
import { renderHtml, renderHtmlPart, shellFor } from '../../language/src/publish/render-html.js';
import { renderMarkdown } from '../../language/src/publish/render-markdown.js';
import { siteModel } from '../../language/src/publish/site-model.js';
import { largest } from '../../language/src/arrays.js';

// The coverage page is rendered a part at a time (at 10,000 requirements the whole page's trees held most of a
// gigabyte): its files must be the bytes the whole page gives.

const folders: string[] = [];
afterAll(() => folders.forEach(folder => rmSync(folder, { recursive: true, force: true })));

async function siteOf(folder: string, force?: string) {
    const workspace = await loadWorkspace(folder, { asOf: '2026-01-15', force });
    const facts = workspace.services.gdl.WorkspaceFacts;
    const model = facts.judgedModels()[0]!;
    const judged = workspace.documents.filter(d => facts.workspaceCoverage().forces.judges(model.force, d.uri.toString()));
    return siteModel(judged, model, false, facts.workspaceCoverage().forces, { root: workspace.services.gdl.Settings.workspaceRoot });
}

describe('the coverage page rendered in parts', () => {
    const cases: Array<[string, () => Promise<string>, string | undefined, number]> = [
        // Parts: the head, the summary table, the recommendations made to others, the details.
        ['the bundled example force', async () => path.resolve('guidance'), 'example-constabulary', 4],
        [
            'a framework of 450 requirements (its table in 5 runs of rows and its details in 5 parts, the last of each short)',
            async () => {
                const folder = mkdtempSync(path.join(tmpdir(), 'gdl-parts-'));
                folders.push(folder);
                generateScaleCorpus(folder, 450, 1);
                return folder;
            },
            undefined,
            12
        ]
    ];
    test.each(cases)(
        '%s: the Markdown and the HTML the build writes are the bytes of the whole page',
        async (_name, make, force, parts) => {
            const site = await siteOf(await make(), force);
            const templates = loadTemplates(defaultTemplates());
            const shell = shellFor(templates.shell, site.force.title);
            const marking = templates.classification;
            expect([...coveragePageParts(site, 'md')]).toHaveLength(parts);
            const files = await buildSite(site, templates, '2026-01-15', () => undefined);
            const banner = root([paragraph(strong(marking))]);
            const whole: Root = coveragePage(site, 'md');
            const markdown = files.get('coverage.md');
            expect(markdown).toBe(renderMarkdown(root([...banner.children, ...whole.children, ...banner.children])));
            expect(markdown).toMatch(/^\*\*OFFICIAL\*\*\n\n# Evidence requirement coverage\n/);
            const html = files.get('coverage.html');
            expect(html).toBe(await renderHtml(coveragePage(site, 'html'), 'Evidence requirement coverage', shell, 0, marking));
            expect(html).not.toContain('gdl:');
        }
    );

    test('a build writes the coverage page of 450 requirements a part at a time, never as one string', async () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'gdl-parts-'));
        folders.push(folder);
        generateScaleCorpus(folder, 450, 1);
        const site = await siteOf(folder);
        const pieces = new Map<string, number[]>();
        const whole = new FilesInMemory();
        // A sink that records the length of each piece a file is written in, and keeps the files as the build's would.
        const recording: SiteSink = {
            add: (file, content) => whole.add(file, content),
            open: file => {
                const lengths: number[] = [];
                pieces.set(file, lengths);
                const inner = whole.open(file);
                return { write: piece => (lengths.push(piece.length), inner.write(piece)), close: () => inner.close() };
            }
        };
        await writeSite(site, {
            templates: loadTemplates(defaultTemplates()),
            fixedDate: '2026-01-15',
            progress: () => undefined,
            renderer: inThisThread,
            sink: recording
        });
        const files = whole.sorted();
        for (const file of ['coverage.md', 'coverage.html']) {
            const lengths = pieces.get(file)!;
            expect(lengths.reduce((a, b) => a + b, 0)).toBe(String(files.get(file)).length);
            expect(lengths.length).toBeGreaterThanOrEqual(6);
            expect(largest(lengths)).toBeLessThan(String(files.get(file)).length / 3);
        }
        expect(files).toEqual(await buildSite(site, loadTemplates(defaultTemplates()), '2026-01-15', () => undefined));
    });
});

describe('a long table written a run of rows at a time', () => {
    // Cells a table must escape or could be cut at: pipes, line breaks, HTML that looks like the table's own tags.
    const awkward = ['a | b', 'line\nbreak', '</tbody></table>', '<tbody>', '`code | pipe`', '\\', 'é – “q”', '*x*', ''];
    const rowsOf = (count: number) =>
        Array.from({ length: count }, (_, i) => [[link(`#r-${i}`, `R${i}`)], awkward[i % awkward.length]!, `${'w'.repeat(i % 13)} ${i}`]);

    test('a table of more than LONG_TABLE_ROWS rows is written without padding its cells; a shorter one is aligned', () => {
        const short = renderMarkdown(root([table(['Id', 'Text', 'More'], rowsOf(LONG_TABLE_ROWS))]));
        const long = renderMarkdown(root([table(['Id', 'Text', 'More'], rowsOf(LONG_TABLE_ROWS + 1))]));
        const widths = (md: string) =>
            new Set(
                md
                    .trim()
                    .split('\n')
                    .map(line => line.length)
            );
        expect(widths(short).size).toBe(1);
        expect(long.split('\n')[0]).toBe('| Id | Text | More |');
        expect(long.split('\n')[1]).toBe('| - | - | - |');
        expect(widths(long).size).toBeGreaterThan(1);
    });

    test.each([101, 250, 1000])('%i rows: the runs joined as a build joins them are the bytes of the whole table', async count => {
        const whole = table(['Id', 'Text', 'More'], rowsOf(count));
        const parts = [{ blocks: [paragraph('Before.')] }, ...tableRuns(structuredClone(whole)), { blocks: [paragraph('After.')] }];
        expect(parts.filter(p => p.run)).toHaveLength(Math.ceil(count / LONG_TABLE_ROWS));
        expect(joinParts(structuredClone(parts))).toEqual([paragraph('Before.'), whole, paragraph('After.')]);
        let md = '';
        let html = '';
        for (const [i, part] of parts.entries()) {
            const partMd = renderMarkdown(root(structuredClone(part.blocks)), part.run);
            md += part.run && !part.run.first ? partMd : `\n${partMd}`;
            html += (i === 0 ? '' : '\n') + (await renderHtmlPart(root(structuredClone(part.blocks)), part.run));
        }
        const page = root([paragraph('Before.'), whole, paragraph('After.')]);
        expect(md).toBe(`\n${renderMarkdown(structuredClone(page))}`);
        expect(html).toBe(await renderHtmlPart(structuredClone(page)));
        expect(html.match(/<tr /g)).toHaveLength(count + 1);
    });

    test('runs that do not follow one another, or of no rows, are refused rather than joined wrongly', () => {
        const whole = table(
            ['Id'],
            rowsOf(250).map(row => [row[1]!])
        );
        const [first, second] = tableRuns(whole);
        expect(() => joinParts([second!])).toThrow(/does not follow/);
        expect(() => joinParts([first!, { blocks: [paragraph('Between.')] }, second!])).toThrow(/does not follow/);
        expect(() => tableRuns(whole, 0)).toThrow(/at least one row/);
        // Joining leaves the parts' own tables as they were.
        const parts = tableRuns(whole);
        joinParts(parts);
        expect((parts[0]!.blocks[0] as Table).children).toHaveLength(LONG_TABLE_ROWS + 1);
    });
});
