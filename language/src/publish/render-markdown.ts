import type { Parents, Root, Text } from 'mdast';
import { defaultHandlers, type Info, type State } from 'mdast-util-to-markdown';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { withProse } from './mdast-helpers.js';

/**
 * Text escaped by mdast-util-to-markdown's own handler, in less time. Its escaping (`state.safe`) tries each unsafe
 * pattern (91 with GFM) on each text: the constructs it is in, a slice of the text, a regular expression. A pattern
 * matches only where its character is, so one whose character is in neither the text nor the characters around it
 * matches nothing: the handler is given only the others, and the string is the same.
 */
export function escapedText(node: Text, parent: Parents | undefined, state: State, info: Info): string {
    const around = `${info.before ?? ''}${node.value}${info.after ?? ''}`;
    const all = state.unsafe;
    state.unsafe = all.filter(pattern => around.includes(pattern.character));
    try {
        return defaultHandlers.text(node, parent, state, info);
    } finally {
        state.unsafe = all;
    }
}

const processor = unified()
    .use(remarkStringify, { bullet: '-', emphasis: '_', rule: '-', handlers: { text: escapedText } })
    .use(remarkGfm);

/** GitHub-flavoured Markdown for a CMS, serialised by remark from the page's mdast. */
export function renderMarkdown(tree: Root): string {
    return processor.stringify(withProse(tree));
}
