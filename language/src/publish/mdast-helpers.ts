import type { BlockContent, Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table, TableRow } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

// Small typed builders: pages are built as mdast trees, never as Markdown or HTML strings.
export const text = (value: string): PhrasingContent => ({ type: 'text', value });
export const strong = (value: string): PhrasingContent => ({ type: 'strong', children: [text(value)] });
export const link = (url: string, value: string): PhrasingContent => ({ type: 'link', url, children: [text(value)] });
export const paragraph = (...children: Array<PhrasingContent | string>): Paragraph => ({ type: 'paragraph', children: children.map(c => (typeof c === 'string' ? text(c) : c)) });
export const heading = (depth: number, value: string, id?: string): Heading => ({
    type: 'heading', depth: Math.min(6, Math.max(1, depth)) as Heading['depth'], children: [text(value)],
    ...(id ? { data: { hProperties: { id } } } : {})
});
export const list = (items: Array<Array<PhrasingContent | string> | BlockContent[]>, ordered = false): List => ({
    type: 'list', ordered, spread: false,
    children: items.map((item): ListItem => ({
        type: 'listItem', spread: false,
        children: item.length > 0 && typeof item[0] === 'object' && 'type' in item[0] && (item[0].type === 'paragraph' || item[0].type === 'list' || item[0].type === 'blockquote')
            ? item as BlockContent[]
            : [paragraph(...(item as Array<PhrasingContent | string>))]
    }))
});
export const table = (header: string[], rows: Array<Array<string | PhrasingContent[]>>): Table => {
    const cells = (values: Array<string | PhrasingContent[]>): TableRow => ({
        type: 'tableRow', children: values.map(v => ({ type: 'tableCell', children: typeof v === 'string' ? [text(v)] : v }))
    });
    return { type: 'table', align: header.map(() => null), children: [cells(header), ...rows.map(cells)] };
};
export const quote = (value: string): RootContent => ({ type: 'blockquote', children: value.split('\n').map(line => paragraph(line)) });
export const root = (children: RootContent[]): Root => ({ type: 'root', children });

/**
 * Parses a writer's Markdown prose into mdast, with its headings moved below `baseDepth` so a
 * page's heading order stays valid whatever the prose uses.
 */
export function prose(markdown: string, baseDepth: number): RootContent[] {
    const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
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
    neutralise(tree.children);
    // Positions point into the prose string, not the source file; drop them.
    const strip = (node: { position?: unknown; children?: unknown[] }) => {
        delete node.position;
        (node.children as Array<{ position?: unknown; children?: unknown[] }> | undefined)?.forEach(strip);
    };
    tree.children.forEach(n => strip(n as never));
    return tree.children;
}

const safeUrl = /^(https?:|mailto:|#|[^:]*$)/i;

/**
 * Prose is untrusted: raw HTML becomes visible text (in every format, not only HTML, which is also
 * sanitised), and links or images with other schemes (javascript:, data:) keep only their text.
 */
function neutralise(nodes: RootContent[]): void {
    nodes.forEach((node, index) => {
        if (node.type === 'html') {
            nodes[index] = { type: 'text', value: node.value } as unknown as RootContent;
        } else if ((node.type === 'link' || node.type === 'image') && !safeUrl.test(node.url)) {
            nodes[index] = { type: 'text', value: node.type === 'link' ? node.children.map(c => ('value' in c ? c.value : '')).join('') : node.alt ?? '' } as unknown as RootContent;
        } else if ((node.type === 'definition') && !safeUrl.test(node.url)) {
            node.url = '#';
        }
        if ('children' in nodes[index]!) {
            neutralise((nodes[index] as { children: RootContent[] }).children);
        }
    });
}
