import type { BlockContent, Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table, TableRow } from 'mdast';
import { MAX_NESTING, parseProse, plainProse, proseTooDeep, treeDepth } from '../nesting-limit.js';
import { safeLinkTarget } from './link-policy.js';
import { append } from '../arrays.js';

declare module 'mdast' {
    interface TableData {
        /** A long table ({@link LONG_TABLE_ROWS}): its Markdown does not pad every cell to its column's widest (render-markdown.ts). */
        long?: boolean;
    }
}

// Small typed builders: pages are built as mdast trees, never as Markdown or HTML strings.
export const text = (value: string): PhrasingContent => ({ type: 'text', value });
export const strong = (value: string): PhrasingContent => ({ type: 'strong', children: [text(value)] });
export const emphasis = (value: string): PhrasingContent => ({ type: 'emphasis', children: [text(value)] });
/** A link when `url` passes the link policy; otherwise the text alone. */
export const link = (url: string, value: string): PhrasingContent => {
    const target = safeLinkTarget(url);
    return target === undefined ? text(value) : { type: 'link', url: target, children: [text(value)] };
};
export const paragraph = (...children: Array<PhrasingContent | string>): Paragraph => ({
    type: 'paragraph',
    children: children.map(c => (typeof c === 'string' ? text(c) : c))
});
export const heading = (depth: number, value: string, id?: string): Heading => ({
    type: 'heading',
    depth: Math.min(6, Math.max(1, depth)) as Heading['depth'],
    children: [text(value)],
    ...(id ? { data: { hProperties: { id } } } : {})
});
export const list = (items: Array<Array<PhrasingContent | string> | BlockContent[]>, ordered = false): List => ({
    type: 'list',
    ordered,
    spread: false,
    children: items.map((item): ListItem => ({
        type: 'listItem',
        spread: false,
        children:
            item.length > 0 &&
            typeof item[0] === 'object' &&
            'type' in item[0] &&
            (item[0].type === 'paragraph' || item[0].type === 'list' || item[0].type === 'blockquote')
                ? (item as BlockContent[])
                : [paragraph(...(item as Array<PhrasingContent | string>))]
    }))
});
/**
 * Past this many rows a table is long: its Markdown is written without padding each cell to the width of its column's
 * widest (GitHub and every Markdown reader show it the same; at 10,000 rows the padding was most of the coverage page's
 * Markdown, and a row's text depended on every other row), so that it can be written a run of rows at a time.
 */
export const LONG_TABLE_ROWS = 100;

export const table = (header: string[], rows: Array<Array<string | PhrasingContent[]>>): Table => {
    const cells = (values: Array<string | PhrasingContent[]>): TableRow => ({
        type: 'tableRow',
        children: values.map(v => ({ type: 'tableCell', children: typeof v === 'string' ? [text(v)] : v }))
    });
    return {
        type: 'table',
        align: header.map(() => null),
        children: [cells(header), ...rows.map(cells)],
        ...(rows.length > LONG_TABLE_ROWS ? { data: { long: true } } : {})
    };
};

/** Where a run of a long table's rows sits in the table: the first run carries its header, the last closes it. */
export interface TableRun {
    readonly first: boolean;
    readonly last: boolean;
}

/** A part of a page written in parts (see build-site.ts): its blocks, or one run of the rows of a long table. */
export interface PagePart {
    readonly blocks: RootContent[];
    /** Set when the part is a table holding one run of a longer table's rows (each run's table repeats the header). */
    readonly run?: TableRun;
}

/** A table as parts of at most `size` rows each, every part's table with the header row; one part if it is not long. */
export function tableRuns(whole: Table, size = LONG_TABLE_ROWS): PagePart[] {
    if (!Number.isInteger(size) || size < 1) {
        throw new Error(`a table's runs hold at least one row each (asked for ${size})`);
    }
    const [header, ...rows] = whole.children;
    if (!header || !whole.data?.long) {
        return [{ blocks: [whole] }];
    }
    const parts: PagePart[] = [];
    for (let start = 0; start < rows.length; start += size) {
        parts.push({
            blocks: [{ ...whole, children: [header, ...rows.slice(start, start + size)] }],
            run: { first: start === 0, last: start + size >= rows.length }
        });
    }
    return parts;
}

export const quote = (value: string): RootContent => ({ type: 'blockquote', children: value.split('\n').map(line => paragraph(line)) });
export const root = (children: RootContent[]): Root => ({ type: 'root', children });

// A build renders each text in several places (a page's Markdown, HTML and Word trees; a step in both editions of a
// pack): parsed once, each caller gets its own copy. Bounded, as the editor's preview keeps the module loaded.
const parsedProse = new Map<string, RootContent[]>();
const PARSED_PROSE_KEPT = 20000;

/**
 * Parses a writer's Markdown prose into mdast, with its headings moved below `baseDepth` so a
 * page's heading order stays valid whatever the prose uses. The tree is the caller's own to change.
 */
export function prose(markdown: string, baseDepth: number): RootContent[] {
    const key = `${baseDepth}\u0000${markdown}`;
    let parsed = parsedProse.get(key);
    if (parsed === undefined) {
        if (parsedProse.size >= PARSED_PROSE_KEPT) {
            parsedProse.clear();
        }
        parsed = parseOnce(markdown, baseDepth);
        parsedProse.set(key, parsed);
    }
    return structuredClone(parsed);
}

/** Prose that a page carries unparsed until it is rendered (`later`): its text and the depth its headings go below. */
interface LaterProse {
    type: 'gdlLaterProse';
    markdown: string;
    baseDepth: number;
    /** Ids the prose names in code spans (`ec-risk`) that are published, each with its address from this page. */
    links?: Record<string, string>;
}

/**
 * A writer's prose as `prose` parses it, parsed when the page is rendered rather than when it is built: the page
 * builders run in the main thread, which alone holds the syntax trees, and the renderers in worker threads, which
 * then share the parsing. Every renderer takes it (`withProse`); a tree with it is for them only.
 */
export function later(markdown: string, baseDepth: number, links?: Record<string, string>): RootContent[] {
    const node: LaterProse = { type: 'gdlLaterProse', markdown, baseDepth, ...(links && Object.keys(links).length > 0 ? { links } : {}) };
    return [node as unknown as RootContent];
}

/** The code spans of prose as written (`ec-risk`): what a writer names an id with. */
export function codeSpanTexts(markdown: string): string[] {
    return [...markdown.matchAll(/`([^`\n]+)`/g)].map(match => match[1]!.trim());
}

/**
 * A code span naming a published id (`ec-risk`, `risk-breaches`) made a link to it, the code span its text: writers
 * refer to other guidance by its id, and a reader could not follow the reference. A span inside a link stays as it is.
 */
function linkCodeSpans(nodes: RootContent[], links: Record<string, string>): void {
    for (const [index, node] of nodes.entries()) {
        if (node.type === 'inlineCode' && Object.hasOwn(links, node.value.trim())) {
            nodes[index] = { type: 'link', url: links[node.value.trim()]!, children: [node] };
        } else if ('children' in node && node.type !== 'link' && node.type !== 'linkReference') {
            linkCodeSpans(node.children as RootContent[], links);
        }
    }
}

/** The tree with each prose left for later (`later`) parsed in its place; the tree itself is changed. */
export function withProse<T extends Root>(tree: T): T {
    // Each list of children made again in one pass where it holds prose (a page of 20,000 sections is one list of
    // 40,000 nodes: putting each prose in place where it was moved the rest of the list each time).
    const expand = (parent: { children: RootContent[] }) => {
        const nodes = parent.children as Array<RootContent | LaterProse>;
        if (!nodes.some(node => node.type === 'gdlLaterProse')) {
            nodes.forEach(node => 'children' in node && expand(node as { children: RootContent[] }));
            return;
        }
        const expanded: RootContent[] = [];
        for (const node of nodes) {
            if (node.type === 'gdlLaterProse') {
                const parsed = prose(node.markdown, node.baseDepth);
                if (node.links) {
                    linkCodeSpans(parsed, node.links);
                }
                append(expanded, parsed);
            } else {
                if ('children' in node) {
                    expand(node as { children: RootContent[] });
                }
                expanded.push(node);
            }
        }
        parent.children = expanded;
    };
    expand(tree);
    return tree;
}

function parseOnce(markdown: string, baseDepth: number): RootContent[] {
    // Plain text has no headings, HTML or links for the walks below to change, nor positions to drop.
    const plain = plainProse(markdown);
    if (plain) {
        return plain;
    }
    const tree = proseTooDeep(markdown) ? undefined : parseProse(markdown);
    if (!tree || treeDepth(tree) > MAX_NESTING + 2) {
        // The check reports this (GDL0007) and the build refuses it; the walks below must never see it.
        return [paragraph(markdown)];
    }
    const shift = (nodes: RootContent[]) => {
        for (const node of nodes) {
            if (node.type === 'heading') {
                node.depth = Math.min(6, baseDepth + node.depth) as Heading['depth'];
            }
            if ('children' in node) {
                shift(node.children as RootContent[]);
            }
        }
    };
    shift(tree.children);
    neutralise(tree.children, true);
    // Positions point into the prose string, not the source file; drop them.
    const strip = (node: { position?: unknown; children?: unknown[] }) => {
        delete node.position;
        (node.children as Array<{ position?: unknown; children?: unknown[] }> | undefined)?.forEach(strip);
    };
    tree.children.forEach(n => strip(n as never));
    return tree.children;
}

/**
 * Prose is untrusted: raw HTML becomes visible text (in every format, not only HTML, which is also
 * sanitised) — a paragraph of its own where it stood as a block, so the page keeps its structure —
 * and links, images and definitions whose target fails the link policy keep only their text.
 */
function neutralise(nodes: RootContent[], block: boolean): void {
    nodes.forEach((node, index) => {
        if (node.type === 'html') {
            nodes[index] = block ? paragraph(text(node.value)) : (text(node.value) as RootContent);
        } else if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
            const target = safeLinkTarget(node.url);
            if (target !== undefined) {
                node.url = target;
            } else if (node.type === 'link') {
                nodes[index] = text(node.children.map(c => ('value' in c ? c.value : '')).join('')) as RootContent;
            } else if (node.type === 'image') {
                nodes[index] = text(node.alt ?? '') as RootContent;
            } else {
                node.url = '#';
            }
        }
        const current = nodes[index]!;
        if ('children' in current) {
            // Block containers hold blocks; paragraphs, headings, emphasis and links hold phrasing.
            const holdsBlocks =
                current.type === 'blockquote' ||
                current.type === 'listItem' ||
                current.type === 'list' ||
                current.type === 'footnoteDefinition';
            neutralise(current.children as RootContent[], holdsBlocks);
        }
    });
}
