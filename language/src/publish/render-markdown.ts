import type { Heading, Parents, Root, Table, Text } from 'mdast';
import { toHtml } from 'hast-util-to-html';
import { gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { defaultHandlers, type ConstructName, type Handle, type Info, type State, type Unsafe } from 'mdast-util-to-markdown';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { linearMarkdownHandlers } from './linear-handlers.js';
import { root, withProse, type TableRun } from './mdast-helpers.js';

/**
 * Text escaped by mdast-util-to-markdown's own handler, in less time. Its escaping (`state.safe`) tries each unsafe
 * pattern (91 with GFM) on each text: whether it applies in the constructs the text is in, then a regular expression
 * over the text with the characters around it, and escapes the pattern's character where one matches within the text.
 * Here the patterns that apply where the text is are grouped by their character once for each set of constructs (see
 * `patternsIn`), and each text tries only those whose character it or the characters around it hold, with the same
 * expressions on the same string. When none matches with its character in the text, and there is no backslash (the one
 * thing escaped besides), the handler's answer is the text as it is; otherwise the handler is given only the patterns
 * that matched, and the string is the same.
 */
export function escapedText(node: Text, parent: Parents | undefined, state: State, info: Info): string {
    const value = node.value;
    const around = `${info.before ?? ''}${value}${info.after ?? ''}`;
    let matching: Unsafe[] | undefined;
    // Whether a pattern matches with its character in the text itself: one matched only in the characters around
    // the text escapes nothing (the handler passes over it), though it can change how a neighbouring match is escaped.
    let inText = false;
    for (const { character, patterns } of patternsIn(state)) {
        if (!around.includes(character)) {
            continue;
        }
        for (const pattern of patterns) {
            // A pattern bound to the node before or after is tried on part of the string: leave it to the handler.
            // `search` leaves the shared expression's lastIndex, which the handler's own loop starts from, as it was.
            if (pattern.beforeNode || pattern.afterNode || around.search(state.compilePattern(pattern)) !== -1) {
                (matching ??= []).push(pattern);
                inText ||= value.includes(character);
            }
        }
    }
    if (!inText && !around.includes('\\')) {
        return value;
    }
    const all = state.unsafe;
    state.unsafe = matching ?? [];
    try {
        return defaultHandlers.text(node, parent, state, info);
    } finally {
        state.unsafe = all;
    }
}

interface PatternGroup {
    character: string;
    patterns: Unsafe[];
}

// For each list of unsafe patterns (one a document), the patterns that apply in each set of constructs, by character.
const patternGroups = new WeakMap<Unsafe[], Map<string, PatternGroup[]>>();

/** The unsafe patterns that apply in the constructs `state` is in, grouped by their character. */
function patternsIn(state: State): PatternGroup[] {
    let byStack = patternGroups.get(state.unsafe);
    if (byStack === undefined) {
        byStack = new Map();
        patternGroups.set(state.unsafe, byStack);
    }
    const key = state.stack.join(' ');
    let groups = byStack.get(key);
    if (groups === undefined) {
        const byCharacter = new Map<string, Unsafe[]>();
        for (const pattern of state.unsafe) {
            if (patternInScope(state.stack, pattern)) {
                byCharacter.set(pattern.character, [...(byCharacter.get(pattern.character) ?? []), pattern]);
            }
        }
        groups = [...byCharacter].map(([character, patterns]) => ({ character, patterns }));
        byStack.set(key, groups);
    }
    return groups;
}

/**
 * Whether a pattern applies in the constructs of `stack`: mdast-util-to-markdown's own rule (lib/util/pattern-in-scope.js,
 * which it does not export), by which `state.safe` passes over the patterns that do not.
 */
function patternInScope(stack: readonly ConstructName[], pattern: Unsafe): boolean {
    const inScope = (list: Unsafe['inConstruct'], none: boolean) => {
        const names = typeof list === 'string' ? [list] : list;
        return !names || names.length === 0 ? none : names.some(name => stack.includes(name));
    };
    return inScope(pattern.inConstruct, true) && !inScope(pattern.notInConstruct, false);
}

/**
 * A heading that has an id (mdast-helpers' `heading`: a section, a module, a requirement) written with that id as an
 * anchor of its own, `## <a id="risk-breaches"></a>Breaches`: links to `#risk-breaches` (the contents, a page citing the
 * section) then resolve in a Markdown reader, which otherwise makes a heading's anchor from its text ("#breaches") and
 * numbers repeated titles. The HTML page gives the heading the id itself; nothing else in the Markdown changes.
 */
function anchoredHeading(node: Heading, parent: Parents | undefined, state: State, info: Info): string {
    const id = node.data?.hProperties?.['id'];
    if (typeof id !== 'string' || id === '') {
        return defaultHandlers.heading(node, parent, state, info);
    }
    return defaultHandlers.heading({ ...node, children: [{ type: 'html', value: anchorTag(id) }, ...node.children] }, parent, state, info);
}

/** The empty anchor that names a place in a Markdown page: `<a id="…"></a>`, written by the HTML serialiser (the id escaped as an attribute). */
export function anchorTag(id: string): string {
    return toHtml({ type: 'element', tagName: 'a', properties: { id }, children: [] });
}

// remark-gfm's own table handler (options as remark-gfm gives them), and the same without padding, for long tables.
const alignedTable = gfmTableToMarkdown().handlers!['table'] as Handle;
const unalignedTable = gfmTableToMarkdown({ tablePipeAlign: false }).handlers!['table'] as Handle;

/** A table as remark-gfm writes it; a long one (mdast-helpers' `table`) without its cells padded to one width. */
function tableByLength(node: Table, parent: Parents | undefined, state: State, info: Info): string {
    return (node.data?.long ? unalignedTable : alignedTable)(node, parent, state, info);
}

const processor = unified()
    .use(remarkStringify, {
        bullet: '-',
        emphasis: '_',
        rule: '-',
        handlers: { ...linearMarkdownHandlers, text: escapedText, table: tableByLength, heading: anchoredHeading }
    })
    .use(remarkGfm);

/**
 * GitHub-flavoured Markdown for a CMS, serialised by remark from the page's mdast. Given a run of a long table's rows
 * (`run`, a tree of that run's table alone), the rows' lines as they are in the whole table's Markdown: a run after the
 * first without the header and its delimiter row, which its tree repeats.
 */
export function renderMarkdown(tree: Root, run?: TableRun): string {
    const markdown = processor.stringify(withProse(tree));
    const runTable = tree.children[0];
    if (!run || run.first || runTable?.type !== 'table') {
        return markdown;
    }
    // The header and its delimiter row, as the run's table writes them (a long table's cells are not padded, so they do not depend on the rows).
    const header = processor.stringify(root([{ ...runTable, children: runTable.children.slice(0, 1) }]));
    if (!markdown.startsWith(header)) {
        throw new Error("a run of a long table's rows does not begin with the table's header");
    }
    return markdown.slice(header.length);
}
