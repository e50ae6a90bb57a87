import type { Comment } from 'hast';

// A comment no text from the sources can make: hast-util-to-html escapes '<' in text and attributes.
const HERE = 'gdl:here';

/** Where the rest of a page written in pieces goes: put in the page's tree, then {@link aroundHere} splits its HTML there. */
export function here(): Comment {
    return { type: 'comment', value: HERE };
}

/**
 * A page's HTML before and after its {@link here}: what is written around content made a piece at a time (a large
 * report's rows, a long page's parts), so that the page is never held, or copied, as one string with it.
 */
export function aroundHere(html: string): [before: string, after: string] {
    const marker = `<!--${HERE}-->`;
    const at = html.indexOf(marker);
    if (at < 0 || html.indexOf(marker, at + 1) >= 0) {
        throw new Error('a page written in pieces must hold exactly one place for them');
    }
    return [html.slice(0, at), html.slice(at + marker.length)];
}
