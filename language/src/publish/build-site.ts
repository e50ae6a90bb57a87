import type { Root } from 'mdast';
import type { CoursePart } from './course-page.js';
import { coursePage } from './course-page.js';
import { coveragePage } from './coverage-page.js';
import { guidancePage } from './guidance-page.js';
import { forcesIndexPage, indexPage } from './index-page.js';
import { planPage } from './plan-page.js';
import { renderDocx } from './render-docx.js';
import { renderHtml, shellFor, type PageShell } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
import { pagePath, type SiteModel } from './site-model.js';

/** What a force changes without touching code (out-templates/). */
export interface SiteTemplates {
    shell: PageShell;
    guidanceOrder: string[];
    editions: { trainer: CoursePart[]; learner: CoursePart[] };
    /** Extra files copied as they are (CSS, fonts), by output path. */
    assets: Map<string, Buffer | string>;
}

interface Page {
    path: string;
    title: string;
    tree: (extension: string) => Root;
    word: boolean;
}

/** Every output file of the site, by path, in a stable order; `progress` is told about each page as it is rendered. */
export async function buildSite(
    site: SiteModel,
    templates: SiteTemplates,
    fixedDate: string,
    progress: (done: number, total: number, path: string) => void
): Promise<Map<string, Buffer | string>> {
    const shell = shellFor(templates.shell, site.force.title);
    const pages: Page[] = [
        {
            path: pagePath.index(),
            title: shell.siteName,
            tree: ext => indexPage(site, shell.siteName, templates.guidanceOrder, ext),
            word: false
        },
        ...site.guidance.map(g => ({
            path: pagePath.guidance(g),
            title: g.title,
            tree: (ext: string) => guidancePage(site, g, ext),
            word: false
        })),
        ...site.courses.flatMap(c =>
            (['trainer', 'learner'] as const).map(edition => ({
                path: pagePath.course(c, edition),
                title: `${c.title}: ${edition} edition`,
                tree: () => coursePage(site, c, edition, templates.editions[edition]),
                word: true
            }))
        ),
        ...site.plans.map(p => ({ path: pagePath.plan(p), title: p.title, tree: (ext: string) => planPage(site, p, ext), word: false })),
        { path: pagePath.coverage(), title: 'Evidence requirement coverage', tree: (ext: string) => coveragePage(site, ext), word: false }
    ];
    const files = new Map<string, Buffer | string>();
    let done = 0;
    for (const page of pages) {
        const depth = page.path.split('/').length - 1;
        files.set(`${page.path}.md`, renderMarkdown(page.tree('md')));
        files.set(`${page.path}.html`, await renderHtml(page.tree('html'), page.title, shell, depth));
        if (page.word) {
            files.set(`${page.path}.docx`, await renderDocx(page.tree('docx'), page.title, fixedDate));
        }
        progress(++done, pages.length, page.path);
    }
    for (const [file, content] of templates.assets) {
        files.set(file, content);
    }
    return new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * A build of several forces: each force's site in a folder of its own (`kent/index.html`…), whole, with
 * its own copy of the assets so that it can be published on its own, and a front page listing the forces.
 */
export async function buildForceSites(
    sites: readonly SiteModel[],
    templates: SiteTemplates,
    fixedDate: string,
    progress: (done: number, total: number, path: string) => void
): Promise<Map<string, Buffer | string>> {
    const files = new Map<string, Buffer | string>();
    const add = (file: string, content: Buffer | string) => {
        if (files.has(file)) {
            throw new Error(`two forces publish '${file}'`);
        }
        files.set(file, content);
    };
    for (const [file, content] of templates.assets) {
        add(file, content);
    }
    const index = pagePath.index();
    // The front page belongs to no one force: its name is the site's without one, published by the forces it lists.
    const front = shellFor(templates.shell, '', 'the forces listed');
    add(`${index}.md`, renderMarkdown(forcesIndexPage(sites, front.siteName, 'md')));
    add(`${index}.html`, await renderHtml(forcesIndexPage(sites, front.siteName, 'html'), front.siteName, front, 0));
    for (const site of sites) {
        const folder = site.force.id;
        const own = await buildSite(site, templates, fixedDate, (done, total, path) => progress(done, total, `${folder}/${path}`));
        for (const [file, content] of own) {
            add(`${folder}/${file}`, content);
        }
    }
    return new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
