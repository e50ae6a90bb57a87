import type { Paragraph, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

/**
 * How deep a source may nest: blocks inside blocks (`guidance { section { section { … } } }`), and
 * in prose, quotes, lists and emphasis inside each other. Real guidance uses a handful of levels; the
 * limit keeps the parser and the publisher (both recursive) far from the stack's end, whatever the
 * input. The README documents it; going past it is GDL0007.
 */
export const MAX_NESTING = 32;

// Made once, not for each prose: gfm() merges GFM's five syntax extensions, work a short prose block's parse would repeat.
const syntax = [gfm()];
const toMdast = [gfmFromMarkdown()];

/** A writer's Markdown prose as mdast (GitHub-flavoured): the one way prose is parsed, for the checks and the publisher. */
export function parseProse(markdown: string): Root {
    return fromMarkdown(markdown, { extensions: syntax, mdastExtensions: toMdast });
}

// A plain line: one line (a second line can make a heading, a table or a hard break) that starts with a letter or
// non-ASCII (a digit can start a list, '#' a heading, '>' a quote, a space code; a byte order mark is dropped) and ends
// with no space (trimmed), of letters, digits, spaces, non-ASCII and the punctuation .,;:?'"()-/%+, none of which
// starts anything in Markdown or GFM within a line. Left out: !&*<[\]_`~ (escapes, references, emphasis, code, links,
// HTML, strikethrough), '@' (email addresses), tabs and control characters.
const plainLine =
    /^[A-Za-z\u00A0-\uFEFE\uFF00-\uFFFD](?:[A-Za-z0-9 .,;:?'"()\-/%+\u00A0-\uFEFE\uFF00-\uFFFD]*[A-Za-z0-9.,;:?'"()\-/%+\u00A0-\uFEFE\uFF00-\uFFFD])?$/;
// What GFM turns into a link without '@' or '<': a web address after 'www.', 'http:' or 'https:', in any case.
const autolinkLiteral = /www\.|https?:/i;

/**
 * The paragraphs {@link parseProse} gives for prose that is provably plain text, without their positions: plain lines
 * (above) separated by one blank line ("\n\n") are a paragraph each, of one text node holding the line as written.
 * Undefined for any other prose. Most prose is plain words, and this saves parsing it: tests/unit/plain-prose.test.ts
 * compares the two on random and real prose.
 */
export function plainProse(markdown: string): Paragraph[] | undefined {
    const lines = markdown.split('\n\n');
    if (!lines.every(line => plainLine.test(line)) || autolinkLiteral.test(markdown)) {
        return undefined;
    }
    return lines.map(value => ({ type: 'paragraph', children: [{ type: 'text', value }] }));
}

/** How many levels of nodes lie below the root of `tree` (a paragraph of text is 2), counted without recursion. */
export function treeDepth(tree: Root): number {
    let deepest = 0;
    const stack: Array<[{ children?: unknown[] }, number]> = [[tree, 0]];
    while (stack.length > 0) {
        const [node, depth] = stack.pop()!;
        deepest = Math.max(deepest, depth);
        for (const child of node.children ?? []) {
            stack.push([child as { children?: unknown[] }, depth + 1]);
        }
    }
    return deepest;
}

// Only prose with a long run of nesting markers can be too deep: parse just that prose to be sure.
const mayNestDeeply = new RegExp(`(^|\\n)[ \\t>*+\\-\\d.)]{${MAX_NESTING},}|[*_\\[~]{${MAX_NESTING},}`);

// A line that opens more than this many quotes or lists at once is parsed with only the first this
// many: the Markdown parser takes seconds over thousands (and then overflows its stack), and a line
// cut to four times the limit still nests past it if the whole line did.
const MARKERS_KEPT = 4 * MAX_NESTING;
const marker = '[ \\t]*(?:[>*+\\-]|\\d{1,9}[.)])';
const longMarkerRun = new RegExp(`^((?:${marker}){${MARKERS_KEPT}})(?:${marker})+`, 'gm');

function cutMarkerRuns(markdown: string): string {
    return markdown.replace(longMarkerRun, '$1');
}

/**
 * False when a prose block cannot nest too deep, read from its text as written (indented, with any line breaks):
 * dedenting only takes spaces and tabs from the starts of lines, which the run of markers counts anyway, so prose whose
 * written text has no such run has none once dedented. Most prose is passed over without being dedented.
 */
export function writtenProseMayNestTooDeep(written: string): boolean {
    return mayNestDeeplyAsWritten.test(written);
}

// mayNestDeeply, with a line starting after any line break (a prose block may use CR alone).
const mayNestDeeplyAsWritten = new RegExp(`(^|[\\n\\r])[ \\t>*+\\-\\d.)]{${MAX_NESTING},}|[*_\\[~]{${MAX_NESTING},}`);

/** True when prose nests quotes, lists or emphasis more than {@link MAX_NESTING} levels deep. */
export function proseTooDeep(markdown: string): boolean {
    // A paragraph's text sits two levels below the root: allow MAX_NESTING containers above it.
    if (!mayNestDeeply.test(markdown)) {
        return false;
    }
    try {
        return treeDepth(parseProse(cutMarkerRuns(markdown))) > MAX_NESTING + 2;
    } catch (error) {
        // The Markdown parser itself recurses on deeply nested lists: a stack overflow means too deep.
        if (error instanceof RangeError) {
            return true;
        }
        throw error;
    }
}
