import type { Element } from 'hast';
import type { List, ListItem, Parents, Table, TableRow } from 'mdast';
import { defaultHandlers as markdownHandlers, type Handle, type Info, type State as MarkdownState } from 'mdast-util-to-markdown';
import { defaultHandlers as hastHandlers } from 'remark-rehype';

/**
 * remark's own handlers for list items and table rows, given what they would find by searching the item's list or the
 * row's table, so that they do not search it again for every item. Each search is over the whole list (is any item
 * loose? where is this item?), so a list or table of n items took n² steps: a page listing 80,000 sections spent 11 of
 * its 21 seconds in mdast-util-to-hast's `listItem` alone. What each handler writes is unchanged:
 * tests/unit/render-speed.test.ts compares both renderers with stock remark on random lists and tables.
 */

// mdast-util-to-hast: a list is loose when it is spread or any of its items is (an item is spread, or has more
// than one child when that is not said).
const looseLists = new WeakMap<List, boolean>();
function looseList(list: List): boolean {
    let loose = looseLists.get(list);
    if (loose === undefined) {
        loose = list.spread === true || list.children.some(item => (item.spread ?? item.children.length > 1) === true);
        looseLists.set(list, loose);
    }
    return loose;
}

/** A list item in HTML: remark-rehype's, told whether its list is loose instead of working it out again. */
function hastListItem(state: Parameters<typeof hastHandlers.listItem>[0], node: ListItem, parent: Parents | undefined): Element {
    if (parent?.type !== 'list') {
        return hastHandlers.listItem(state, node, parent);
    }
    // A list with no items and `spread` set to the answer: the handler reads `spread` and has no item to search.
    const answered: List = { type: 'list', spread: looseList(parent), children: [] };
    return hastHandlers.listItem(state, node, answered);
}

/** A table row in HTML: remark-rehype's, told whether it is the head row (the first) instead of searching the table. */
function hastTableRow(state: Parameters<typeof hastHandlers.tableRow>[0], node: TableRow, parent: Parents | undefined): Element {
    if (parent?.type !== 'table') {
        return hastHandlers.tableRow(state, node, parent);
    }
    // The handler takes the row's place among its table's rows: 0 (the head) or anything else (a body row).
    const answered: Table = { type: 'table', align: parent.align, children: parent.children[0] === node ? [node] : [] };
    return hastHandlers.tableRow(state, node, answered);
}

/** The handlers remark-rehype is given (render-html.ts). */
export const linearHastHandlers = { listItem: hastListItem, tableRow: hastTableRow };

// mdast-util-to-markdown numbers an ordered list's item by finding it among its list's items.
const itemNumbers = new WeakMap<List, Map<ListItem, number>>();
function placeInList(list: List, item: ListItem): number {
    let places = itemNumbers.get(list);
    if (!places) {
        places = new Map(list.children.map((child, index) => [child, index]));
        itemNumbers.set(list, places);
    }
    return places.get(item) ?? list.children.indexOf(item);
}

/** A list item in Markdown: remark-stringify's, given its number in an ordered list instead of searching for it. */
function markdownListItem(node: ListItem, parent: Parents | undefined, state: MarkdownState, info: Info): string {
    if (parent?.type !== 'list' || !parent.ordered || state.options.incrementListMarker === false) {
        return markdownHandlers.listItem(node, parent, state, info);
    }
    // The item alone in a copy of its list that starts at the item's number: the handler's search finds it first.
    const start = (typeof parent.start === 'number' && parent.start > -1 ? parent.start : 1) + placeInList(parent, node);
    return markdownHandlers.listItem(node, { ...parent, start, children: [node] }, state, info);
}

/** The handlers remark-stringify is given (render-markdown.ts). */
export const linearMarkdownHandlers: Record<string, Handle> = { listItem: markdownListItem as Handle };
