import type { Nodes, Root } from 'nlcst';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';

/** How far past its reported offset a word is looked for (the characters Markdown dropped before it in its paragraph). */
const MAX_DRIFT = 400;

/**
 * Puts every word back where it is in the Markdown. mdast-util-to-nlcst places a text node's words one after the
 * other from the node's start, so the characters Markdown drops inside a paragraph (the indentation of a list item's
 * continuation lines, `> ` of a quote, a backslash escape, an entity) shift every later word of it to the left: a
 * finding would be reported a few columns early. Each word is found again in the source, at or after its reported
 * offset (never before: dropped characters only ever shift words left); parents span their children.
 */
export default function retextRealignPositions() {
    return (tree: Root, file: VFile) => {
        const source = String(file.value);
        const place = location(file);
        let cursor = 0;
        const point = (offset: number) => place.toPoint(offset) ?? undefined;
        const visit = (node: Nodes): void => {
            if ('children' in node) {
                node.children.forEach(child => visit(child as Nodes));
                const first = node.children.find(c => c.position)?.position;
                const last = [...node.children].reverse().find(c => c.position)?.position;
                if (first && last) {
                    node.position = { start: first.start, end: last.end };
                }
                return;
            }
            const reported = node.position?.start.offset;
            if (reported === undefined || node.type === 'WhiteSpaceNode') {
                return;
            }
            const from = Math.max(reported, cursor);
            const found = source.indexOf(node.value, from);
            const at = found >= 0 && found - from <= MAX_DRIFT ? found : from;
            const start = point(at);
            const end = point(Math.min(source.length, at + node.value.length));
            if (start && end) {
                node.position = { start, end };
                cursor = at + node.value.length;
            }
        };
        visit(tree);
    };
}
