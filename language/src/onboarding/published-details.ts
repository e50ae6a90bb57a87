import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';

// What a published page (ours, or a force's own document) carries around its text that is not
// guidance: the protective marking at its top and foot, and its document control details.

/** A protective marking of the Government Security Classifications, alone in a paragraph ("OFFICIAL", "**OFFICIAL-SENSITIVE**"). */
const MARKING = /^(OFFICIAL(?:[- ]SENSITIVE)?|SECRET|TOP SECRET)(?:\s*[-–:]\s*[A-Z ]+)?$/;

/** Takes the protective markings off the top and foot of a document; returns the marking found, if any. */
export function takeMarkings(nodes: RootContent[]): string | undefined {
    const isMarking = (node: RootContent | undefined) => node?.type === 'paragraph' && MARKING.test(toString(node).trim());
    let found: string | undefined;
    while (isMarking(nodes[0])) {
        const marking = toString(nodes.shift()!).trim();
        found ??= marking;
    }
    while (isMarking(nodes.at(-1))) {
        const marking = toString(nodes.pop()!).trim();
        found ??= marking;
    }
    return found;
}

/**
 * A page's document control details, by lower-case key, and how many nodes they took: a list of
 * "**Owner:** …" items, or a table of one row under headings such as Owner, Version, Approved, then
 * any "**Audience:** …" paragraph. Undefined when the nodes do not begin with either.
 */
export function takeDetails(nodes: readonly RootContent[]): { details: Map<string, string>; count: number } | undefined {
    const details = new Map<string, string>();
    const first = nodes[0];
    if (first?.type === 'list') {
        for (const item of first.children) {
            const only = item.children[0];
            if (item.children.length !== 1 || only?.type !== 'paragraph' || only.children[0]?.type !== 'strong') {
                return undefined;
            }
            const key = toString(only.children[0]).replace(/:$/, '');
            details.set(key.toLowerCase(), toString(only).slice(toString(only.children[0]).length).trim());
        }
    } else if (first?.type === 'table' && first.children.length === 2) {
        const [head, row] = first.children.map(r => r.children.map(c => toString(c).trim()));
        if (!head!.some(h => /^(owner|version)$/i.test(h))) {
            return undefined;
        }
        head!.forEach((key, i) => details.set(key.toLowerCase(), row![i] ?? ''));
    } else {
        return undefined;
    }
    let count = 1;
    const next = nodes[1];
    if (
        first.type === 'table' &&
        next?.type === 'paragraph' &&
        next.children[0]?.type === 'strong' &&
        /^Audience:?$/.test(toString(next.children[0]))
    ) {
        details.set('audience', toString(next).slice(toString(next.children[0]).length).trim());
        count = 2;
    }
    return details.size > 0 ? { details, count } : undefined;
}
