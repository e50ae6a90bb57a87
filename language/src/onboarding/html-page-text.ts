import { fromHtml } from 'hast-util-from-html';
import type { Element, ElementContent, Root } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { append } from '../arrays.js';

// The text of a saved web page as a browser shows it, one line per block (paragraph, heading, list
// item) and per `<br>`, for the plan page reader. The site's navigation, banner header, footer,
// breadcrumbs, forms, buttons, scripts and styles are left out. A table with a header row becomes,
// for each row, one "Header: cell" line per cell, the shape the plan page reader reads ("Force
// Update: …", "Date: …", "Status: …"); a recommendation column's cell is written as it stands, and a
// cell that is only a number as "Recommendation N".

/** Elements whose content is never the page's text. */
const SKIPPED = new Set([
    'head',
    'script',
    'style',
    'noscript',
    'template',
    'nav',
    'form',
    'button',
    'select',
    'textarea',
    'input',
    'svg',
    'iframe',
    'object',
    'canvas',
    'dialog'
]);
/** ARIA roles of the same parts of a page. */
const SKIPPED_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'button', 'dialog', 'alertdialog']);
/** Elements that start and end a line. */
const BLOCKS = new Set([
    'address',
    'article',
    'aside',
    'blockquote',
    'body',
    'caption',
    'center',
    'dd',
    'details',
    'div',
    'dl',
    'dt',
    'figcaption',
    'figure',
    'footer',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'header',
    'hr',
    'html',
    'li',
    'main',
    'ol',
    'p',
    'pre',
    'section',
    'summary',
    'table',
    'tbody',
    'td',
    'tfoot',
    'th',
    'thead',
    'tr',
    'ul'
]);
/** Elements inside which a `<header>` or `<footer>` belongs to the content, not to the site. */
const CONTENT = new Set(['main', 'article', 'section']);

/** A table column whose cells are the recommendation (its number or its text). */
const RECOMMENDATION_COLUMN = /^(?:recommendations?|rec\.?)(?:\s*(?:number|no\.?|#))?$|^(?:no\.?|#|number)$/i;

function words(value: unknown): string {
    return Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
}

function skipped(node: Element, inContent: boolean): boolean {
    const props = node.properties ?? {};
    if (SKIPPED.has(node.tagName) || SKIPPED_ROLES.has(words(props['role']).toLowerCase())) {
        return true;
    }
    if ((node.tagName === 'header' || node.tagName === 'footer') && !inContent) {
        return true;
    }
    if (props['hidden'] !== undefined && props['hidden'] !== false) {
        return true;
    }
    return /breadcrumb/i.test(words(props['className'])) || /breadcrumb/i.test(words(props['ariaLabel']));
}

function children(node: Element | Root): ElementContent[] {
    return node.type === 'root' ? (node.children.filter(c => c.type !== 'doctype') as ElementContent[]) : node.children;
}

/** The lines of a node's text. */
function linesOf(nodes: readonly ElementContent[], inContent: boolean): string[] {
    const lines: string[] = [];
    let line = '';
    const flush = () => {
        const text = line.replace(/\s+/g, ' ').trim();
        if (text) {
            lines.push(text);
        }
        line = '';
    };
    const walk = (node: ElementContent, inside: boolean) => {
        if (node.type === 'text') {
            line += node.value;
            return;
        }
        if (node.type !== 'element' || skipped(node, inside)) {
            return;
        }
        if (node.tagName === 'br') {
            flush();
            return;
        }
        if (node.tagName === 'table') {
            flush();
            append(lines, tableLines(node, inside));
            return;
        }
        const block = BLOCKS.has(node.tagName);
        if (block) {
            flush();
        }
        const within = inside || CONTENT.has(node.tagName);
        for (const child of node.children) {
            walk(child, within);
        }
        if (block) {
            flush();
        }
    };
    for (const node of nodes) {
        walk(node, inContent);
    }
    flush();
    return lines;
}

function tableLines(table: Element, inContent: boolean): string[] {
    const rows: Array<{ row: Element; head: boolean }> = [];
    const collect = (node: Element, head: boolean) => {
        for (const child of node.children) {
            if (child.type !== 'element' || skipped(child, inContent)) {
                continue;
            }
            if (child.tagName === 'tr') {
                rows.push({ row: child, head });
            } else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') {
                collect(child, child.tagName === 'thead');
            }
        }
    };
    collect(table, false);
    const cellsOf = (row: Element) =>
        row.children.filter((c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'));
    const lines: string[] = [];
    const caption = table.children.find((c): c is Element => c.type === 'element' && c.tagName === 'caption');
    if (caption) {
        append(lines, linesOf(caption.children, inContent));
    }
    const first = rows[0];
    const isHeader = first !== undefined && (first.head || cellsOf(first.row).every(c => c.tagName === 'th'));
    if (!isHeader || cellsOf(first.row).length < 2) {
        // No header row: each cell's lines, as a browser would show them.
        for (const { row } of rows) {
            for (const cell of cellsOf(row)) {
                append(lines, linesOf(cell.children, inContent));
            }
        }
        return lines;
    }
    const labels = cellsOf(first.row).map(c => linesOf(c.children, inContent).join(' ').replace(/\s*:$/, ''));
    for (const { row } of rows.slice(1)) {
        cellsOf(row).forEach((cell, i) => {
            const text = linesOf(cell.children, inContent);
            const label = labels[i] ?? '';
            if (text.length === 0) {
                return;
            }
            if (label === '' || RECOMMENDATION_COLUMN.test(label)) {
                const number = /^(\d{1,3})$/.exec(text[0]!);
                append(lines, [number ? `Recommendation ${number[1]}` : text[0]!, ...text.slice(1)]);
            } else {
                append(lines, [`${label}: ${text[0]}`, ...text.slice(1)]);
            }
        });
    }
    return lines;
}

/**
 * A saved web page's text as a browser shows it: one line per block (paragraph, heading, list item) and
 * per `<br>`; a table with a header row as "Header: cell" lines; navigation, site header and footer,
 * breadcrumbs, forms, buttons, scripts and styles left out.
 */
export function htmlPageText(html: string): string {
    return pageText(fromHtml(html));
}

/**
 * A page saved as Markdown (a force's plan page, or our own published `plans/*.md`), as the same lines: its HTML as
 * remark makes it, raw HTML in it left out (a heading's anchor, `<a id="recommendation-7"></a>`, is not text).
 */
export function markdownPageText(tree: MdastRoot): string {
    return pageText(toHast.runSync(tree) as Root);
}

const toHast = unified().use(remarkRehype);

function pageText(tree: Root): string {
    return linesOf(children(tree), false).join('\n');
}
