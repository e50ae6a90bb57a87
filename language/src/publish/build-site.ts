import type { Root, RootContent } from 'mdast';
import type { EvaluationForm } from './course-closing.js';
import { editionHandouts } from './course-handouts.js';
import type { CoursePart } from './course-page.js';
import { coursePage } from './course-page.js';
import { coveragePage, coveragePageParts } from './coverage-page.js';
import { guidancePage } from './guidance-page.js';
import { forcesIndexPage, indexPage } from './index-page.js';
import { planPage } from './plan-page.js';
import { renderHtmlParts, shellFor, type PageShell } from './render-html.js';
import { renderMarkdownParts } from './render-markdown.js';
import { paragraph, root, strong } from './mdast-helpers.js';
import { inThisThread, type Renderer, type RenderJob } from './render-job.js';
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
    /** A page that can be long (the coverage page): its blocks in runs, rendered here a run at a time. */
    parts?: (extension: string) => Iterable<RootContent[]>;
    word: boolean;
}

/** A site's pages: its front page, each guidance document, both editions of each course pack, each plan, and its coverage. */
export function sitePages(site: SiteModel, templates: SiteTemplates, shell = shellFor(templates.shell, site.force.title)): Page[] {
    return [
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
        {
            path: pagePath.coverage(),
            title: 'Evidence requirement coverage',
            tree: (ext: string) => coveragePage(site, ext),
            parts: (ext: string) => coveragePageParts(site, ext),
            word: false
        }
    ];
}

/**
 * Every output file of the site, by path, in a stable order; `progress` is told about each page as it is rendered.
 * The page trees are built here; `renderer` turns them into files (in this thread, or by worker threads: the same bytes).
 */
export async function buildSite(
    site: SiteModel,
    templates: SiteTemplates,
    fixedDate: string,
    progress: (done: number, total: number, path: string) => void,
    renderer: Renderer = inThisThread
): Promise<Map<string, Buffer | string>> {
    const shell = shellFor(templates.shell, site.force.title);
    const pages = sitePages(site, templates, shell);
    const files = new Map<string, Buffer | string>();
    const marking = templates.classification;
    let done = 0;
    const renderPage = async (page: Page) => {
        const depth = page.path.split('/').length - 1;
        if (page.parts) {
            // In this thread, a part at a time: sent to a worker, the whole page's trees would be held here and there.
            const banner = root([paragraph(strong(marking))]);
            const roots = (extension: string) => map(page.parts!(extension), part => root(part));
            files.set(`${page.path}.md`, renderMarkdownParts(framed(banner, roots('md'))));
            files.set(`${page.path}.html`, await renderHtmlParts(roots('html'), page.title, shell, depth, marking));
            progress(++done, pages.length, page.path);
            return;
        }
        const jobs: Array<[string, RenderJob]> = [
            [`${page.path}.md`, { format: 'md', tree: marked(page.tree('md'), marking) }],
            [`${page.path}.html`, { format: 'html', tree: page.tree('html'), title: page.title, shell, depth, classification: marking }],
            ...(page.word
                ? [
                      [
                          `${page.path}.docx`,
                          { format: 'docx', tree: page.tree('docx'), title: page.title, date: fixedDate, classification: marking }
                      ] as [string, RenderJob]
                  ]
                : [])
        ];
        const contents = await renderer.render(jobs.map(([, job]) => job));
        jobs.forEach(([file], i) => files.set(file, contents[i]!));
        progress(++done, pages.length, page.path);
    };
    if (renderer.parallel) {
        // Every page's trees are built and sent at once; the workers render them while the next are built.
        await Promise.all(pages.map(renderPage));
    } else {
        for (const page of pages) {
            await renderPage(page);
        }
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
    progress: (done: number, total: number, path: string) => void,
    renderer: Renderer = inThisThread
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
    const frontPage = renderer.render([
        { format: 'md', tree: marked(forcesIndexPage(sites, front.siteName, 'md'), templates.classification) },
        {
            format: 'html',
            tree: forcesIndexPage(sites, front.siteName, 'html'),
            title: front.siteName,
            shell: front,
            depth: 0,
            classification: templates.classification
        }
    ]);
    const build = (site: SiteModel) =>
        buildSite(site, templates, fixedDate, (done, total, path) => progress(done, total, `${site.force.id}/${path}`), renderer);
    // With workers, every force's pages are sent at once, the front page's with them, so that no worker waits while the
    // next trees are built, nor the main thread while the front page is rendered.
    const [[md, html], built] = await Promise.all([frontPage, renderer.parallel ? Promise.all(sites.map(build)) : []]);
    add(`${index}.md`, md!);
    add(`${index}.html`, html!);
    for (const [i, site] of sites.entries()) {
        const own = built[i] ?? (await build(site));
        for (const [file, content] of own) {
            add(`${site.force.id}/${file}`, content);
        }
    }
    return new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** `parts` with `banner` before and after them, as they are asked for. */
function* framed<T>(banner: T, parts: Iterable<T>): Generator<T> {
    yield banner;
    yield* parts;
    yield banner;
}

/** Each of `items` as `f` makes it, as it is asked for. */
function* map<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
    for (const item of items) {
        yield f(item);
    }
}

/** A Markdown page with its protective marking as its first and last line, as a printed page carries it at top and bottom. */
function marked(tree: Root, classification: string): Root {
    return root([paragraph(strong(classification)), ...tree.children, paragraph(strong(classification))]);
}
