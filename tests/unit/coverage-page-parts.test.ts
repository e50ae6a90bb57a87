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
import { renderHtml, renderHtmlParts, shellFor } from '../../language/src/publish/render-html.js';
import { renderMarkdown, renderMarkdownParts } from '../../language/src/publish/render-markdown.js';
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
    test.each(cases)('%s: the Markdown and the HTML are the bytes of the whole page', async (_name, make, force, parts) => {
        const site = await siteOf(await make(), force);
        const templates = loadTemplates(defaultTemplates());
        const shell = shellFor(templates.shell, site.force.title);
        const marking = templates.classification;
        expect([...coveragePageParts(site, 'md')]).toHaveLength(parts);
        const banner = root([paragraph(strong(marking))]);
        const whole: Root = coveragePage(site, 'md');
        const markdown = renderMarkdownParts([banner, ...[...coveragePageParts(site, 'md')].map(p => root(p)), banner]);
        expect(markdown).toBe(renderMarkdown(root([...banner.children, ...whole.children, ...banner.children])));
        expect(markdown).toMatch(/^\*\*OFFICIAL\*\*\n\n# Evidence requirement coverage\n/);
        const html = await renderHtmlParts(
            [...coveragePageParts(site, 'html')].map(p => root(p)),
            'Evidence requirement coverage',
            shell,
            0,
            marking
        );
        expect(html).toBe(await renderHtml(coveragePage(site, 'html'), 'Evidence requirement coverage', shell, 0, marking));
        expect(html).not.toContain('gdl:');
    });
});
