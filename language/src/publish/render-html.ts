import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'mdast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { allowedSchemes } from './link-policy.js';
import rehypeGovuk from './rehype-govuk.js';
import { withProse, type TableRun } from './mdast-helpers.js';
import { aroundHere, here } from './html-around.js';
import { linearHastHandlers } from './linear-handlers.js';

/** Text from sources is untrusted: no raw HTML, no scripts, no event handlers, no javascript: URLs. Our anchors keep their ids. */
const schema: SanitizeSchema = {
    ...defaultSchema,
    clobberPrefix: '',
    clobber: [],
    attributes: { ...defaultSchema.attributes, '*': [...(defaultSchema.attributes?.['*'] ?? []), 'id'] },
    // The same allow-list as every other format (link-policy.ts); sanitising is the second line of defence.
    protocols: { href: [...allowedSchemes], src: ['http', 'https'], cite: ['http', 'https'] }
};

const processor = unified().use(remarkRehype, { handlers: linearHastHandlers }).use(rehypeSanitize, schema).use(rehypeGovuk);

export interface PageShell {
    /** The page template's HTML (out-templates/page.html). */
    html: string;
    siteName: string;
    header: string;
    footer: string;
}

/**
 * The shell of one force's site: `{force}` in the site name, header and footer (out-templates/site.json)
 * becomes the force's name, so that each force of a workspace of several publishes under its own name.
 * `publisher` is what stands in for it on the front page of several forces, or in a workspace with no name.
 */
export function shellFor(shell: PageShell, force: string, publisher = 'the force'): PageShell {
    const name = force.trim();
    // With no name, "{force}: Stalking guidance" is "Stalking guidance", and "Published by {force}" names the publisher.
    const fill = (text: string) =>
        // A function, not a string, as the replacement: a name is text, and "$&" or "$'" in it is not a pattern.
        name ? text.replaceAll('{force}', () => name) : text.replace(/^\{force\}: /, '').replaceAll('{force}', () => publisher);
    const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
    return { ...shell, siteName: capital(fill(shell.siteName)), header: capital(fill(shell.header)), footer: fill(shell.footer) };
}

/** The protective marking as a banner (site.css styles `.gdl-classification`); a text node, escaped as any text. */
const banner = (classification: string, where: 'top' | 'bottom'): Element => ({
    type: 'element',
    tagName: 'div',
    properties: { className: ['gdl-classification', `gdl-classification--${where}`] },
    children: [{ type: 'text', value: classification }]
});

// The page template, parsed once per template text (a build renders every page from one); each page changes its own copy.
let parsedTemplate: { html: string; tree: HastRoot } | undefined;
function templateTree(html: string): HastRoot {
    if (parsedTemplate?.html !== html) {
        parsedTemplate = { html, tree: fromHtml(html) };
    }
    return structuredClone(parsedTemplate.tree);
}

/**
 * A page as HTML: the mdast turned into sanitised hast, styled for GOV.UK Frontend, inside the template's
 * shell, with a banner of the protective marking at the top and bottom of the page, whatever the
 * template holds (required: no page is published without its marking).
 */
export async function renderHtml(tree: Root, title: string, shell: PageShell, depth: number, classification: string): Promise<string> {
    const content = (await processor.run(withProse(tree))) as HastRoot;
    return inTemplate(content.children as ElementContent[], title, shell, depth, classification);
}

/**
 * The HTML of a page written in parts (a long page, see build-site.ts) before and after its content: the page template
 * with its title, header, footer and banners, as {@link renderHtml} gives them.
 */
export function htmlAround(title: string, shell: PageShell, depth: number, classification: string): [before: string, after: string] {
    return aroundHere(inTemplate([here()], title, shell, depth, classification));
}

/**
 * One part of a page written in parts: its blocks' HTML as the whole page's would hold them. Given a run of a long
 * table's rows (`run`, a tree of that run's table alone), its part of the whole table's HTML: the table's opening and
 * header only in the first run, its closing only in the last, and in between the rows (`<tr>…</tr>`, one line break
 * between two, as the parts are joined).
 */
export async function renderHtmlPart(part: Root, run?: TableRun): Promise<string> {
    const html = toHtml((await processor.run(withProse(part))) as HastRoot);
    if (!run) {
        return html;
    }
    // The run is one table: `<table …>…<tbody …>` LF, rows separated by LF, LF `</tbody>` LF `</table>`. Text and
    // attributes are escaped, so the first `<tbody` and the last `</tbody>` are the table's own.
    const start = run.first ? 0 : html.indexOf('\n', html.indexOf('<tbody')) + 1;
    const end = run.last ? html.length : html.lastIndexOf('\n</tbody>');
    return html.slice(start, end);
}

/** The page template around `main`: title, header and footer filled in, links made relative to the page's depth, the marking banners. */
function inTemplate(main: ElementContent[], title: string, shell: PageShell, depth: number, classification: string): string {
    const page = templateTree(shell.html);
    const prefix = '../'.repeat(depth);
    let mainElement: Element | undefined;
    let body: Element | undefined;
    visit(page, 'element', (node: Element) => {
        if (node.tagName === 'body') {
            body = node;
        } else if (node.tagName === 'title') {
            node.children = [{ type: 'text', value: `${title} – ${shell.siteName}` }];
        } else if (node.tagName === 'main') {
            mainElement = node;
        } else if (node.properties.id === 'site-header') {
            node.children = [{ type: 'text', value: shell.header }];
        } else if (node.properties.id === 'site-footer') {
            node.children = [{ type: 'text', value: shell.footer }];
        }
        for (const attribute of ['href', 'src'] as const) {
            const value = node.properties[attribute];
            if (typeof value === 'string' && !/^([a-z]+:|#|\/)/i.test(value)) {
                node.properties[attribute] = prefix + value;
            }
        }
    });
    if (!mainElement) {
        throw new Error('the page template has no <main> element');
    }
    mainElement.children = main;
    if (body) {
        body.children = [banner(classification, 'top'), ...body.children, banner(classification, 'bottom')];
    }
    return toHtml(page) + '\n';
}
