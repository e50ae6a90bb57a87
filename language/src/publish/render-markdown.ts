import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { withProse } from './mdast-helpers.js';

const processor = unified().use(remarkStringify, { bullet: '-', emphasis: '_', rule: '-' }).use(remarkGfm);

/** GitHub-flavoured Markdown for a CMS, serialised by remark from the page's mdast. */
export function renderMarkdown(tree: Root): string {
    return processor.stringify(withProse(tree));
}
