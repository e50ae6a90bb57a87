import { fromHtml } from 'hast-util-from-html';
import { toMdast } from 'hast-util-to-mdast';
import type { Heading, List, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { ImportError, type ImportNote } from './import-report.js';
import { takeDetails, takeMarkings } from './published-details.js';
import { safeLinkTarget } from '../publish/link-policy.js';
import { append, replaceAt, smallest } from '../arrays.js';

// A document (Markdown, or a Word file's HTML) as nested sections of Markdown prose. Every heading
// starts a section, nested by level; what comes before the first heading is the summary. Pages our
// own publisher wrote are recognised: their details list, contents, sources, "see also",
// legislation and "this section addresses" notes become properties again, not prose.

export interface ImportedSection {
    title: string;
    /** An id the source gave the heading (a contents link's anchor), used when it is free. */
    wantedId?: string;
    markdown: string;
    sources: string[];
    /** The owner and audiences (by title) the page states for the section. */
    owner?: string;
    audiences: string[];
    /** Requirement ids the source states the section addresses (our publisher's own note). */
    addresses: string[];
    /** Legislation links: their address and text, matched to provisions by the writer. */
    legislation: Array<{ url: string; title: string }>;
    /** Anchors of "see also" links, matched to sections by the writer. */
    see: Array<{ anchor: string; title: string }>;
    sections: ImportedSection[];
    /** Where the heading is in the source, for the report. */
    where: string;
}

export interface ImportedDocument {
    title: string;
    owner?: string;
    version?: string;
    /** Audiences (by title) the page states. */
    audiences: string[];
    summary: string;
    sections: ImportedSection[];
    notes: ImportNote[];
}

export interface DocumentSource {
    fileName: string;
    /** Properties of the file (a Word document's title, owner and version), preferred to what the text says. */
    title?: string;
    /** The title is the document's own (front matter, Word's Title style), not a file property that may be stale: no heading is taken for it. */
    titleGiven?: boolean;
    owner?: string;
    version?: string;
    /** How to say where a node is: "line 12" for Markdown, "paragraph 12" for Word. */
    where: (node: RootContent | undefined) => string;
}

const stringify = unified().use(remarkStringify, { bullet: '-', emphasis: '_', rule: '-' }).use(remarkGfm);

/** Markdown text as mdast (GitHub-flavoured: tables, strikethrough, task lists, footnotes). */
export function parseMarkdown(text: string): Root {
    return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

/** A Markdown document as sections. */
export function readMarkdownDocument(text: string, fileName: string): ImportedDocument {
    const body = text.replace(/^\uFEFF/, '');
    const { front, rest, offset } = frontMatter(body);
    const tree = parseMarkdown(rest);
    const doc = documentFromMdast(tree, {
        fileName,
        title: front.title,
        titleGiven: front.title !== undefined && front.title !== '',
        owner: front.owner,
        version: front.version,
        where: node => (node?.position ? `line ${node.position.start.line + offset}` : 'the end')
    });
    const unused = Object.entries(front).filter(([key]) => !['title', 'owner', 'version'].includes(key));
    if (unused.length > 0) {
        doc.notes.push({
            kind: 'not-carried',
            what: 'front matter',
            where: 'line 1',
            detail: `${unused.map(([key, value]) => `${key}: ${value}`).join('; ')} (only title, owner and version are read)`
        });
    }
    return doc;
}

/** HTML (a Word document converted by mammoth) as sections; places are named by their heading. */
export function readHtmlDocument(html: string, source: Omit<DocumentSource, 'where'>, titleClass?: string): ImportedDocument {
    const hast = fromHtml(html, { fragment: true });
    // The paragraph in Word's Title style is the title people see: preferred to the file's title property.
    const titleIndex = titleClass
        ? hast.children.findIndex(
              n => n.type === 'element' && n.tagName === 'p' && String(n.properties.className ?? '').includes(titleClass)
          )
        : -1;
    let titled = source;
    if (titleIndex >= 0) {
        const shown = toString(toMdast(hast.children[titleIndex]!) as Root)
            .replace(/\s+/g, ' ')
            .trim();
        hast.children.splice(titleIndex, 1);
        titled = { ...source, title: shown || source.title, titleGiven: shown !== '' };
    }
    headerRows(hast);
    const flattened = flattenCells(hast);
    const definitions = takeNotes(hast);
    const tree = toMdast(hast) as Root;
    placeNotes(tree, definitions);
    let last = 'the start of the document';
    const places = new Map<RootContent, string>();
    for (const node of tree.children) {
        if (node.type === 'heading') {
            last = `the heading "${plain(node)}"`;
            places.set(node, last);
        } else {
            places.set(node, `under ${last}`);
        }
    }
    const doc = documentFromMdast(tree, { ...titled, where: node => (node ? (places.get(node) ?? 'the document') : 'the document') });
    if (flattened > 0) {
        doc.notes.push({
            kind: 'changed',
            what: 'table cells',
            where: 'the tables',
            detail: `${flattened === 1 ? '1 cell' : `${flattened} cells`} held several paragraphs, a list or a heading: each is written on one line (a Markdown table holds one line per cell), list items marked •.`
        });
    }
    return doc;
}

const BLOCK = /^(p|div|h[1-6]|ul|ol|li|table|thead|tbody|tr|td|th|blockquote|pre)$/;

/**
 * A table cell's content on one line: its paragraphs, headings and list items (marked •) side by
 * side, inline emphasis and links kept; a line break within a heading or a cell becomes a space.
 * Returns how many cells changed.
 */
function flattenCells(tree: HastRoot): number {
    let changed = 0;
    const inline = (nodes: ElementContent[]): ElementContent[] =>
        nodes.flatMap((node): ElementContent[] => {
            if (node.type !== 'element') {
                return [node];
            }
            if (node.tagName === 'br') {
                return [{ type: 'text', value: ' ' }];
            }
            if (node.tagName === 'li') {
                return [{ type: 'text', value: ' • ' }, ...inline(node.children), { type: 'text', value: ' ' }];
            }
            if (BLOCK.test(node.tagName)) {
                return [...inline(node.children), { type: 'text', value: ' ' }];
            }
            return [{ ...node, children: inline(node.children) }];
        });
    visit(tree, 'element', (node: Element) => {
        if (node.tagName === 'td' || node.tagName === 'th') {
            const blocks = node.children.filter(c => c.type === 'element' && BLOCK.test(c.tagName));
            const several = blocks.length > 1 || blocks.some(b => b.type === 'element' && b.tagName !== 'p');
            const breaks = node.children.some(c => c.type === 'element' && c.tagName === 'br');
            if (several || breaks) {
                changed++;
            }
            node.children = inline(node.children);
            return SKIP;
        }
        if (/^h[1-6]$/.test(node.tagName)) {
            node.children = inline(node.children);
            return SKIP;
        }
        return undefined;
    });
    return changed;
}

/** A Word table has no header cells: its first row is taken as its header, as Markdown tables need one. */
function headerRows(tree: HastRoot): void {
    visit(tree, 'element', (table: Element) => {
        if (table.tagName !== 'table') {
            return;
        }
        let first: Element | undefined;
        visit(table, 'element', (row: Element) => {
            if (row.tagName === 'tr' && !first) {
                first = row;
            }
        });
        if (first && !first.children.some(c => c.type === 'element' && c.tagName === 'th')) {
            for (const cell of first.children) {
                if (cell.type === 'element' && cell.tagName === 'td') {
                    cell.tagName = 'th';
                }
            }
        }
    });
}

const NOTE_ID = /^(footnote|endnote)-(\d+)$/;
const noteLabel = (id: string) => id.replace(NOTE_ID, (_, kind: string, n: string) => (kind === 'footnote' ? n : `endnote-${n}`));
const MARK = '\u0000note:';

/**
 * Footnotes and endnotes as mammoth writes them (a list at the end, items with ids, a back link;
 * markers linking to them) become Markdown footnotes: the marker a footnote reference, the text a
 * definition placed after the block that refers to it, so each section's prose holds its own notes.
 */
function takeNotes(tree: HastRoot): Map<string, Root> {
    const definitions = new Map<string, Root>();
    visit(tree, 'element', (node: Element, index, parent) => {
        const id = String(node.properties.id ?? '');
        if (node.tagName === 'li' && NOTE_ID.test(id) && parent && index !== undefined) {
            visit(node, 'element', (link: Element, i, holder) => {
                if (
                    link.tagName === 'a' &&
                    /^#(footnote|endnote)-ref-\d+$/.test(String(link.properties.href ?? '')) &&
                    holder &&
                    i !== undefined
                ) {
                    holder.children.splice(i, 1);
                    return [SKIP, i];
                }
                return undefined;
            });
            definitions.set(noteLabel(id), toMdast({ type: 'root', children: node.children }) as Root);
            parent.children.splice(index, 1);
            return [SKIP, index];
        }
        const href = String(node.properties.href ?? '');
        if (node.tagName === 'a' && NOTE_ID.test(href.slice(1)) && href.startsWith('#') && parent && index !== undefined) {
            parent.children.splice(index, 1, { type: 'text', value: `${MARK}${noteLabel(href.slice(1))}\u0000` });
            return [SKIP, index + 1];
        }
        return undefined;
    });
    // Lists left empty once their notes are taken out.
    visit(tree, 'element', (node: Element, index, parent) => {
        if (
            (node.tagName === 'ol' || node.tagName === 'ul') &&
            parent &&
            index !== undefined &&
            !node.children.some(c => c.type === 'element')
        ) {
            parent.children.splice(index, 1);
            return [SKIP, index];
        }
        return undefined;
    });
    return definitions;
}

function placeNotes(tree: Root, definitions: Map<string, Root>): void {
    const placed = new Set<string>();
    for (let i = 0; i < tree.children.length; i++) {
        const block = tree.children[i]!;
        const labels: string[] = [];
        visit(block, 'text', (node, index, parent) => {
            if (!node.value.includes(MARK) || !parent || index === undefined) {
                return undefined;
            }
            const parts = node.value.split(/\u0000note:([^\u0000]+)\u0000/);
            const replacement: PhrasingContent[] = parts.map((part, n) =>
                n % 2 === 1 ? { type: 'footnoteReference', identifier: part, label: part } : { type: 'text', value: part }
            );
            append(
                labels,
                parts.filter((_, n) => n % 2 === 1)
            );
            replaceAt(
                parent.children as PhrasingContent[],
                index,
                1,
                replacement.filter(r => r.type !== 'text' || r.value !== '')
            );
            return [SKIP, index + replacement.length];
        });
        // A marker inside a superscript: the superscript goes, the reference stays.
        const definitionsHere = labels
            .filter(label => definitions.has(label) && !placed.has(label))
            .map(label => {
                placed.add(label);
                return { type: 'footnoteDefinition', identifier: label, label, children: definitions.get(label)!.children } as RootContent;
            });
        replaceAt(tree.children, i + 1, 0, definitionsHere);
        i += definitionsHere.length;
    }
    // A note no marker points at stays, as its own definition, at the end.
    for (const [label, definition] of definitions) {
        if (!placed.has(label)) {
            tree.children.push({ type: 'footnoteDefinition', identifier: label, label, children: definition.children } as RootContent);
        }
    }
}

/** Simple YAML front matter (`title:`, `owner:`, `version:`), as many Markdown tools write it. */
function frontMatter(text: string): { front: Record<string, string | undefined>; rest: string; offset: number } {
    const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
    if (!match) {
        return { front: {}, rest: text, offset: 0 };
    }
    const front: Record<string, string> = {};
    for (const line of match[1]!.split(/\r?\n/)) {
        const pair = /^([A-Za-z][\w -]*):\s*(.*)$/.exec(line);
        if (pair) {
            front[pair[1]!.trim().toLowerCase()] = pair[2]!.replace(/^(["'])(.*)\1$/, '$2').trim();
        }
    }
    return { front, rest: text.slice(match[0].length), offset: match[0].split('\n').length - 1 };
}

const plain = (node: RootContent | PhrasingContent): string => toString(node).replace(/\s+/g, ' ').trim();

/** A paragraph that is only a bold label ("**Sources**"), as our publisher writes before a list. */
function labelOf(node: RootContent): string | undefined {
    if (node.type !== 'paragraph' || node.children.length !== 1 || node.children[0]!.type !== 'strong') {
        return undefined;
    }
    return plain(node).replace(/:$/, '');
}

function linksOf(list: List): Array<{ url: string; title: string }> {
    const links: Array<{ url: string; title: string }> = [];
    visit(list, 'link', node => {
        links.push({ url: node.url, title: plain(node) });
    });
    return links;
}

const CONTENTS = /^(contents|table of contents)$/i;
const ADDRESSES = /^This section addresses evidence requirement (\d+(?:\.\d+)+)$/;

interface Draft {
    section: ImportedSection;
    depth: number;
    body: RootContent[];
}

/**
 * The anchor a heading names its place by, taken out of it: our published Markdown writes a section's id so
 * (`## <a id="risk-breaches"></a>Breaches`, render-markdown.ts), as do many hand-written pages (`<a name='…'>`, with
 * other attributes, around the title or empty). The tag is read by the HTML parser, as a browser reads it; the heading
 * keeps the rest as its text.
 */
function takeAnchor(heading: Heading): string[] {
    const first = heading.children[0];
    const written = first?.type === 'html' ? first.value : '';
    const tag = written ? fromHtml(written, { fragment: true }).children : [];
    const anchor = tag.length === 1 && tag[0]!.type === 'element' && tag[0]!.tagName === 'a' ? tag[0]! : undefined;
    const id = anchor?.properties['id'] ?? anchor?.properties['name'];
    if (typeof id !== 'string') {
        return [];
    }
    heading.children.shift();
    // `<a id="x">Title</a>`: the closing tag is a node of its own, at the start (an empty anchor) or at the end.
    const isClose = (node: PhrasingContent | undefined) => node?.type === 'html' && /^<\/a\s*>$/i.test(node.value);
    if (!/<\/a\s*>$/i.test(written)) {
        const closing = isClose(heading.children[0]) ? 0 : isClose(heading.children.at(-1)) ? heading.children.length - 1 : -1;
        if (closing >= 0) {
            heading.children.splice(closing, 1);
        }
    }
    return id === '' ? [] : [id];
}

/**
 * The sections of a document: each heading opens a section inside the nearest open section of a
 * higher level. The title is the file's own title property, else a single top-level heading that
 * opens the document, else the file name.
 */
export function documentFromMdast(tree: Root, source: DocumentSource): ImportedDocument {
    const notes: ImportNote[] = [];
    const nodes = [...tree.children];
    const marking = takeMarkings(nodes);
    if (marking) {
        notes.push({
            kind: 'left-out',
            what: 'protective marking',
            where: 'the top and foot of the document',
            detail: `"${marking}": a published page carries the marking set in out-templates/site.json.`
        });
    }
    const headings = nodes.filter((n): n is Heading => n.type === 'heading');
    const headingIds = new Map(headings.flatMap(h => takeAnchor(h).map(id => [h, id] as const)));
    if (headings.length === 0) {
        throw new ImportError(
            `${source.fileName} has no headings. The importer makes a section of each heading: mark the document's headings ` +
                '(Heading 1, Heading 2… in Word; #, ## in Markdown) and import it again.'
        );
    }
    let title = source.title?.trim() || undefined;
    const topDepth = smallest(headings.map(x => x.depth));
    const topLevel = headings.filter(h => h.depth === topDepth);
    if (!source.titleGiven && nodes[0]?.type === 'heading' && topLevel.length === 1 && topLevel[0] === nodes[0]) {
        const first = nodes.shift() as Heading;
        if (title && title !== plain(first)) {
            notes.push({
                kind: 'changed',
                what: 'title',
                where: source.where(first),
                detail: `The file's title property is "${title}"; its first heading "${plain(first)}" is used as the title.`
            });
        }
        title = plain(first);
    }
    title ??= source.fileName.replace(/\.[^.]+$/, '').replace(/[_-]+/g, ' ');
    let owner = source.owner?.trim() || undefined;
    let version = source.version?.trim() || undefined;
    const audiences: string[] = [];

    // A published page's details list: owner and version are kept; the rest belongs to an approval.
    const taken = takeDetails(nodes);
    const details = taken?.details;
    if (details && (details.has('owner') || details.has('version'))) {
        nodes.splice(0, taken.count);
        owner ??= details.get('owner') && details.get('owner') !== 'not set' ? details.get('owner') : undefined;
        version ??= details.get('version') && details.get('version') !== 'not set' ? details.get('version') : undefined;
        if (details.get('audience') && details.get('audience') !== 'all') {
            append(audiences, details.get('audience')!.split(', '));
        }
        const rest = [...details].filter(([key]) => key !== 'owner' && key !== 'version' && key !== 'audience');
        if (rest.length > 0) {
            notes.push({
                kind: 'left-out',
                what: 'publication details',
                where: source.where(undefined),
                detail:
                    rest.map(([key, value]) => `${key}: ${value}`).join('; ') +
                    '. Imported material is a draft: set its status, approval and review dates, and audience when it is approved.'
            });
        }
    }

    const anchors = new Map<string, string>();
    const summary: RootContent[] = [];
    const top: ImportedSection[] = [];
    const open: Draft[] = [];
    const close = (draft: Draft) => {
        draft.section.markdown = sectionBody(draft, notes, source);
    };
    for (let i = 0; i < nodes.length; i++) {
        const node = nodes[i]!;
        if (node.type === 'heading') {
            const heading = plain(node);
            // A contents list the publisher rebuilds: left out, its anchors kept as the sections' ids.
            if (CONTENTS.test(heading) && nodes[i + 1]?.type === 'list') {
                for (const link of linksOf(nodes[i + 1] as List)) {
                    if (link.url.startsWith('#')) {
                        anchors.set(link.title, decodeURIComponent(link.url.slice(1)));
                    }
                }
                notes.push({
                    kind: 'left-out',
                    what: 'table of contents',
                    where: source.where(node),
                    detail: 'The published page lists the sections again; the publisher builds the contents itself.'
                });
                i++;
                continue;
            }
            while (open.length > 0 && open[open.length - 1]!.depth >= node.depth) {
                close(open.pop()!);
            }
            const parent = open[open.length - 1];
            if (heading === '') {
                notes.push({
                    kind: 'changed',
                    what: 'empty heading',
                    where: source.where(node),
                    detail: 'A heading with no text is titled "Untitled".'
                });
            }
            const section: ImportedSection = {
                ...emptySection(),
                title: heading || 'Untitled',
                wantedId: headingIds.get(node),
                where: source.where(node)
            };
            if (parent && node.depth > parent.depth + 1) {
                notes.push({
                    kind: 'changed',
                    what: 'heading level skipped',
                    where: section.where,
                    detail: `"${section.title}" (level ${node.depth}) follows "${parent.section.title}" (level ${parent.depth}): it becomes its subsection.`
                });
            }
            (parent ? parent.section.sections : top).push(section);
            open.push({ section, depth: node.depth, body: [] });
            continue;
        }
        (open.length > 0 ? open[open.length - 1]!.body : summary).push(node);
    }
    while (open.length > 0) {
        close(open.pop()!);
    }
    const walk = (sections: ImportedSection[]) => {
        for (const section of sections) {
            section.wantedId ??= anchors.get(section.title);
            walk(section.sections);
        }
    };
    walk(top);
    const head: Draft = { section: { ...emptySection(), title }, depth: 0, body: summary };
    const summaryText = sectionBody(head, notes, source);
    return { title, owner, version, audiences, summary: summaryText, sections: top, notes };
}

const emptySection = (): ImportedSection => ({
    title: '',
    markdown: '',
    sources: [],
    audiences: [],
    addresses: [],
    legislation: [],
    see: [],
    sections: [],
    where: ''
});

/** A section's own blocks as Markdown, with the publisher's notes taken out as properties. */
function sectionBody(draft: Draft, notes: ImportNote[], source: DocumentSource): string {
    const kept: RootContent[] = [];
    const { section, body } = draft;
    for (let i = 0; i < body.length; i++) {
        const node = body[i]!;
        // The line our publisher writes under a section's heading: "Owner: … · Review by: … · Audience: …".
        const meta = i === 0 && node.type === 'paragraph' ? sectionMeta(plain(node)) : undefined;
        if (meta) {
            section.owner = meta.get('owner');
            append(section.audiences, meta.get('audience')?.split(', ') ?? []);
            const rest = [...meta].filter(([key]) => key !== 'owner' && key !== 'audience');
            if (rest.length > 0) {
                notes.push({
                    kind: 'left-out',
                    what: 'section details',
                    where: section.where,
                    detail: `${rest.map(([key, value]) => `${key}: ${value}`).join('; ')} (imported material is a draft)`
                });
            }
            continue;
        }
        const label = labelOf(node);
        const next = body[i + 1];
        if (label && next?.type === 'list' && /^(Sources|See also|Legislation)$/.test(label)) {
            if (label === 'Sources') {
                append(
                    section.sources,
                    next.children.map(item => plain(item as never))
                );
            } else if (label === 'See also') {
                for (const link of linksOf(next)) {
                    section.see.push({ anchor: decodeURIComponent(link.url.replace(/^[^#]*#?/, '')), title: link.title });
                }
            } else {
                append(section.legislation, linksOf(next));
            }
            i++;
            continue;
        }
        const addresses = node.type === 'paragraph' ? addressesNote(node) : undefined;
        if (addresses) {
            section.addresses.push(addresses);
            if (next?.type === 'blockquote') {
                i++; // the requirement's text, quoted by the publisher from the framework
            }
            continue;
        }
        if (node.type === 'html') {
            notes.push({
                kind: 'not-carried',
                what: 'raw HTML',
                where: source.where(node),
                detail: `${node.value.slice(0, 120)}${node.value.length > 120 ? '…' : ''} (the publisher removes HTML from prose)`
            });
            continue;
        }
        kept.push(node);
    }
    for (const node of kept) {
        visit(node, 'image', image => {
            if (!/^https?:/i.test(image.url)) {
                notes.push({
                    kind: 'changed',
                    what: 'image',
                    where: source.where(node),
                    detail: `${image.alt ? `"${image.alt}" ` : ''}(${image.url.slice(0, 80)}): the reference is kept, the picture is not copied, and only pictures on the web are shown when published; put it on the web or file it as an exhibit.`
                });
            }
        });
        // A link the publisher would not follow (javascript:, data:, file:…) keeps its text, not its target.
        visit(node, 'link', (link, index, parent) => {
            // A published page's link from an id in code to the page or section it names (`ec-risk` → ec-risk.md):
            // the publisher made it from the code span, which is what the writer wrote, and makes it again.
            const [only] = link.children;
            if (link.children.length === 1 && only?.type === 'inlineCode' && isSiteLink(link.url) && parent && index !== undefined) {
                replaceAt(parent.children, index, 1, link.children);
                return [SKIP, index];
            }
            if (safeLinkTarget(link.url) === undefined && parent && index !== undefined) {
                notes.push({
                    kind: 'not-carried',
                    what: 'link',
                    where: source.where(node),
                    detail: `"${plain(link)}" pointed at ${link.url.slice(0, 80)}, which is not a web or mail address: its text is kept, not the link.`
                });
                replaceAt(parent.children, index, 1, link.children);
                return [SKIP, index];
            }
            return undefined;
        });
    }
    const markdown = kept.length > 0 ? String(stringify.stringify({ type: 'root', children: kept })).trim() : '';
    return markdown;
}

const META_KEYS = ['Owner', 'Review by', 'Status', 'Audience'];

function sectionMeta(text: string): Map<string, string> | undefined {
    const parts = text.split(' · ');
    const meta = new Map<string, string>();
    for (const part of parts) {
        const key = META_KEYS.find(k => part.startsWith(`${k}: `));
        if (!key) {
            return undefined;
        }
        meta.set(key.toLowerCase(), part.slice(key.length + 2).trim());
    }
    return meta;
}

function addressesNote(node: Paragraph): string | undefined {
    const first = node.children[0];
    if (first?.type !== 'strong') {
        return undefined;
    }
    return ADDRESSES.exec(plain(first))?.[1];
}

/** A link within a published site: to a page of it (`ec-risk.md`, `../guidance/ec-risk.html#risk-breaches`) or a place on this page. */
function isSiteLink(url: string): boolean {
    return /^#[^#\s]+$/.test(url) || /^(\.\.\/)*([\w.-]+\/)*[\w.-]+\.(md|html|docx)(#[^#\s]+)?$/.test(url);
}
