import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Root } from 'mdast';
import { afterAll, describe, expect, test } from 'vitest';
import { generateScaleCorpus } from '../../bench/generate-workspace.js';
import { defaultTemplates, loadTemplates } from '../../cli/build/load-templates.js';
import { loadWorkspace } from '../../cli/workspace-loader.js';
import { coveragePage, coveragePageParts } from '../../language/src/publish/coverage-page.js';
import { paragraph, root, strong } from '../../language/src/publish/mdast-helpers.js';
import { buildSite, writeSite } from '../../language/src/publish/build-site.js';
import { inThisThread } from '../../language/src/publish/render-job.js';
import { FilesInMemory, type SiteSink } from '../../language/src/publish/site-files.js';
import { renderHtml, shellFor } from '../../language/src/publish/render-html.js';
import { renderMarkdown } from '../../language/src/publish/render-markdown.js';
import { siteModel } from '../../language/src/publish/site-model.js';

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
        ['the bundled example force', async () => path.resolve('guidance'), 'example-constabulary', 2],
        [
            'a framework of 450 requirements (5 parts of details, the last one short)',
            async () => {
                const folder = mkdtempSync(path.join(tmpdir(), 'gdl-parts-'));
                folders.push(folder);
                generateScaleCorpus(folder, 450, 1);
                return folder;
            },
            undefined,
            6
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
            expect(Math.max(...lengths)).toBeLessThan(String(files.get(file)).length / 3);
        }
        expect(files).toEqual(await buildSite(site, loadTemplates(defaultTemplates()), '2026-01-15', () => undefined));
    });
});
