import type { Root } from 'mdast';
import type { EvaluationForm } from './course-closing.js';
import { editionHandouts } from './course-handouts.js';
import type { CoursePart } from './course-page.js';
import { coursePage } from './course-page.js';
import { coveragePage } from './coverage-page.js';
import { guidancePage } from './guidance-page.js';
import { forcesIndexPage, indexPage } from './index-page.js';
import { planPage } from './plan-page.js';
import { renderDocx } from './render-docx.js';
import { renderHtml, shellFor, type PageShell } from './render-html.js';
import { paragraph, root, strong } from './mdast-helpers.js';
import { renderMarkdown } from './render-markdown.js';
import { pagePath, type SiteModel } from './site-model.js';

/** What a force changes without touching code (out-templates/). */
export interface SiteTemplates {
    shell: PageShell;
    guidanceOrder: string[];
    editions: { trainer: CoursePart[]; learner: CoursePart[] };
    /** The protective marking every page and Word file carries (site.json's "classification", "OFFICIAL" by default). */
    classification: string;
    /** The trainer pack's evaluation form (site.json's "evaluation"). */
    evaluation: EvaluationForm | undefined;
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
                tree: () => coursePage(site, c, edition, templates.editions[edition], { evaluation: templates.evaluation }),
                word: true
            }))
        ),
        ...site.plans.map(p => ({ path: pagePath.plan(p), title: p.title, tree: (ext: string) => planPage(site, p, ext), word: false })),
        { path: pagePath.coverage(), title: 'Evidence requirement coverage', tree: (ext: string) => coveragePage(site, ext), word: false }
    ];
    const files = new Map<string, Buffer | string>();
    const marking = templates.classification;
    let done = 0;
    for (const page of pages) {
        const depth = page.path.split('/').length - 1;
        files.set(`${page.path}.md`, renderMarkdown(marked(page.tree('md'), marking)));
        files.set(`${page.path}.html`, await renderHtml(page.tree('html'), page.title, shell, depth, marking));
        if (page.word) {
            files.set(`${page.path}.docx`, await renderDocx(page.tree('docx'), page.title, fixedDate, marking));
        }
        progress(++done, pages.length, page.path);
    }
    // Each edition's handouts go in a folder of its own beside its page: the learner's never holds a trainer-only file.
    for (const course of site.courses) {
        for (const edition of ['trainer', 'learner'] as const) {
            for (const handout of editionHandouts(site, course, edition)) {
                files.set(handout.path, handout.content);
            }
        }
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
    add(`${index}.md`, renderMarkdown(marked(forcesIndexPage(sites, front.siteName, 'md'), templates.classification)));
    add(
        `${index}.html`,
        await renderHtml(forcesIndexPage(sites, front.siteName, 'html'), front.siteName, front, 0, templates.classification)
    );
    for (const site of sites) {
        const folder = site.force.id;
        const own = await buildSite(site, templates, fixedDate, (done, total, path) => progress(done, total, `${folder}/${path}`));
        for (const [file, content] of own) {
            add(`${folder}/${file}`, content);
        }
    }
    return new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** A Markdown page with its protective marking as its first and last line, as a printed page carries it at top and bottom. */
function marked(tree: Root, classification: string): Root {
    return root([paragraph(strong(classification)), ...tree.children, paragraph(strong(classification))]);
}
