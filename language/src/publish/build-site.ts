import type { Paragraph, Root } from 'mdast';
import type { EvaluationForm } from './course-closing.js';
import { editionHandouts } from './course-handouts.js';
import type { CoursePart } from './course-page.js';
import { coursePage } from './course-page.js';
import { coveragePageParts } from './coverage-page.js';
import { guidancePage } from './guidance-page.js';
import { forcesIndexPage, indexPage } from './index-page.js';
import { planPage } from './plan-page.js';
import { htmlAround, shellFor, type PageShell } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
import { FilesInMemory, type SiteSink } from './site-files.js';
import { paragraph, root, strong, type PagePart } from './mdast-helpers.js';
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

type Page = {
    path: string;
    title: string;
    word: boolean;
} & (
    | { tree: (extension: string) => Root }
    /** A page that can be long (the coverage page): its blocks in runs, rendered a run at a time. */
    | { parts: (extension: string) => Iterable<PagePart> }
);

/** What a build renders a site with, and where its files go. */
export interface SiteBuild {
    templates: SiteTemplates;
    /** The build's date: every Word file and package carries it, so that the same sources give the same bytes. */
    fixedDate: string;
    /** Told about each page as it is rendered. */
    progress: (done: number, total: number, path: string) => void;
    renderer: Renderer;
    sink: SiteSink;
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
            parts: (ext: string) => coveragePageParts(site, ext),
            word: false
        }
    ];
}

/**
 * Every output file of the site, by path, in a stable order, kept in memory (the tests and the preview); `gdl build`
 * writes them as they come ({@link writeSite}).
 */
export async function buildSite(
    site: SiteModel,
    templates: SiteTemplates,
    fixedDate: string,
    progress: (done: number, total: number, path: string) => void,
    renderer: Renderer = inThisThread
): Promise<Map<string, Buffer | string>> {
    const files = new FilesInMemory();
    await writeSite(site, { templates, fixedDate, progress, renderer, sink: files });
    return files.sorted();
}

/**
 * Writes every output file of the site to the build's sink as it is rendered. The page trees are built here; the
 * build's renderer turns them into files (in this thread, or by worker threads: the same bytes).
 */
export async function writeSite(site: SiteModel, build: SiteBuild): Promise<void> {
    await renderInTurn(siteTasks(site, build), build.renderer);
}

/**
 * A build of several forces: each force's site in a folder of its own (`kent/index.html`…), whole, with
 * its own copy of the assets so that it can be published on its own, and a front page listing the forces.
 */
export async function writeForceSites(sites: readonly SiteModel[], build: SiteBuild): Promise<void> {
    const { templates, renderer, sink } = build;
    for (const [file, content] of templates.assets) {
        sink.add(file, content);
    }
    const index = pagePath.index();
    // The front page belongs to no one force: its name is the site's without one, published by the forces it lists.
    const front = shellFor(templates.shell, '', 'the forces listed');
    const frontPage = async () => {
        const [md, html] = await renderer.render([
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
        sink.add(`${index}.md`, md!);
        sink.add(`${index}.html`, html!);
    };
    // Every force's pages in one line of work: with workers, the next force's pages are sent while the last ones render.
    const tasks = sites.flatMap(site =>
        siteTasks(site, {
            ...build,
            progress: (done, total, path) => build.progress(done, total, `${site.force.id}/${path}`),
            sink: within(sink, `${site.force.id}/`)
        })
    );
    await renderInTurn([frontPage, ...tasks], renderer);
}

/** What a site's build does, a page (or the files after its pages) at a time: each writes its files to the sink when rendered. */
function siteTasks(site: SiteModel, build: SiteBuild): Array<() => Promise<void>> {
    const { templates, fixedDate, progress, renderer, sink } = build;
    const shell = shellFor(templates.shell, site.force.title);
    const pages = sitePages(site, templates, shell);
    const marking = templates.classification;
    let done = 0;
    const renderPage = async (page: Page) => {
        const depth = page.path.split('/').length - 1;
        if ('parts' in page) {
            await renderInParts(page, page.parts, { shell, depth, marking }, renderer, sink);
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
        jobs.forEach(([file], i) => sink.add(file, contents[i]!));
        progress(++done, pages.length, page.path);
    };
    const rest = async () => {
        // Each edition's handouts go in a folder of its own beside its page: the learner's never holds a trainer-only file.
        for (const course of site.courses) {
            for (const edition of ['trainer', 'learner'] as const) {
                for (const handout of editionHandouts(site, course, edition)) {
                    sink.add(handout.path, handout.content);
                }
            }
        }
        for (const [file, content] of templates.assets) {
            sink.add(file, content);
        }
    };
    return [...pages.map(page => () => renderPage(page)), rest];
}

/**
 * Runs a build's tasks: one after another in this thread; with workers, each started as soon as the workers have room
 * for its trees, so that they never wait for the next page and no more than a few pages' trees are held at once (every
 * page's trees built at the start held most of the memory of a large build). The first failure stops the build.
 */
async function renderInTurn(tasks: Array<() => Promise<void>>, renderer: Renderer): Promise<void> {
    if (!renderer.parallel) {
        for (const task of tasks) {
            await task();
        }
        return;
    }
    let failure: { error: unknown } | undefined;
    const running: Array<Promise<void>> = [];
    for (const task of tasks) {
        await renderer.room();
        if (failure) {
            break;
        }
        // A failure is kept at once: a rejection left unheard while later pages are sent would end the process.
        running.push(task().catch((error: unknown) => void (failure ??= { error })));
    }
    await Promise.all(running);
    if (failure) {
        throw failure.error;
    }
}

/**
 * A long page (the coverage page) written a part at a time: each part's Markdown and HTML rendered together (by the
 * workers, several parts at once, when there are workers) and written in order as they come, with the marking's banner
 * and the page template around them, so that neither the page's trees nor its files are ever held whole. The bytes are
 * those of the whole page rendered at once (tests/support/page-parts.ts): blocks are separated by a blank line in Markdown and by a
 * line break in HTML, as each part begins with a block (a heading, a paragraph, a table); a run of a long table's rows
 * after its first goes on from the line before in Markdown, where a table's rows are not separated by a blank line.
 */
async function renderInParts(
    page: Page,
    parts: (extension: string) => Iterable<PagePart>,
    around: { shell: PageShell; depth: number; marking: string },
    renderer: Renderer,
    sink: SiteSink
): Promise<void> {
    const md = sink.open(`${page.path}.md`);
    const html = sink.open(`${page.path}.html`);
    const banner = renderMarkdown(root([markingLine(around.marking)]));
    const [before, after] = htmlAround(page.title, around.shell, around.depth, around.marking);
    md.write(banner);
    html.write(before);
    const requests = map(inStep(parts('md'), parts('html')), ([forMd, forHtml]): RenderJob[] => [
        { format: 'md', tree: root(forMd.blocks), run: forMd.run },
        { format: 'html-part', tree: root(forHtml.blocks), run: forHtml.run }
    ]);
    let first = true;
    for await (const [[mdJob], [mdPart, htmlPart]] of inOrder(requests, renderer)) {
        const run = mdJob?.format === 'md' ? mdJob.run : undefined;
        md.write(run && !run.first ? String(mdPart) : `\n${String(mdPart)}`);
        html.write(first ? String(htmlPart) : `\n${String(htmlPart)}`);
        first = false;
    }
    md.write(`\n${banner}`);
    html.write(after);
    md.close();
    html.close();
}

/** Parts rendered a few at a time ahead when the renderer has workers; each part's jobs and contents given in the parts' order. */
async function* inOrder(
    requests: Iterable<RenderJob[]>,
    renderer: Renderer
): AsyncGenerator<[jobs: RenderJob[], contents: Array<Buffer | string>]> {
    const ahead = renderer.parallel ? PARTS_AHEAD : 0;
    const waiting: Array<[RenderJob[], Promise<Array<Buffer | string>>]> = [];
    const next = async (): Promise<[RenderJob[], Array<Buffer | string>]> => {
        const [jobs, contents] = waiting.shift()!;
        return [jobs, await contents];
    };
    for (const jobs of requests) {
        await renderer.room();
        const contents = renderer.render(jobs);
        // Heard at once, answered in turn: a part that fails while earlier ones are awaited must not end the process.
        contents.catch(() => undefined);
        waiting.push([jobs, contents]);
        while (waiting.length > ahead) {
            yield await next();
        }
    }
    while (waiting.length > 0) {
        yield await next();
    }
}

/** How many parts of a long page are sent to the workers before the first is written. */
const PARTS_AHEAD = 4;

/** The items of two sequences side by side, which must be as long as each other (a page's parts in two formats). */
function* inStep<A, B>(first: Iterable<A>, second: Iterable<B>): Generator<[A, B]> {
    const others = second[Symbol.iterator]();
    for (const item of first) {
        const other = others.next();
        if (other.done) {
            throw new Error('a page has fewer parts in one format than in another');
        }
        yield [item, other.value];
    }
    if (!others.next().done) {
        throw new Error('a page has more parts in one format than in another');
    }
}

/** `sink` for the files of one folder of it (`prefix` ends with '/'). */
function within(sink: SiteSink, prefix: string): SiteSink {
    return { add: (file, content) => sink.add(prefix + file, content), open: file => sink.open(prefix + file) };
}

/** Each of `items` as `f` makes it, as it is asked for. */
function* map<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
    for (const item of items) {
        yield f(item);
    }
}

/** A Markdown page with its protective marking as its first and last line, as a printed page carries it at top and bottom. */
function marked(tree: Root, classification: string): Root {
    return root([markingLine(classification), ...tree.children, markingLine(classification)]);
}

/** The protective marking as a Markdown page carries it, in bold, at its top and bottom. */
function markingLine(classification: string): Paragraph {
    return paragraph(strong(classification));
}
