import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

const classes: Record<string, string[]> = {
    h1: ['govuk-heading-xl'],
    h2: ['govuk-heading-l'],
    h3: ['govuk-heading-m'],
    h4: ['govuk-heading-s'],
    h5: ['govuk-heading-s'],
    h6: ['govuk-heading-s'],
    p: ['govuk-body'],
    ul: ['govuk-list', 'govuk-list--bullet'],
    ol: ['govuk-list', 'govuk-list--number'],
    a: ['govuk-link'],
    table: ['govuk-table'],
    thead: ['govuk-table__head'],
    tbody: ['govuk-table__body'],
    tr: ['govuk-table__row'],
    th: ['govuk-table__header'],
    td: ['govuk-table__cell'],
    blockquote: ['govuk-inset-text'],
    code: ['gdl-code']
};

/** Gives generated HTML the GOV.UK Frontend classes, and column headers their scope. */
export default function rehypeGovuk() {
    return (tree: Root) => {
        visit(tree, 'element', (node: Element) => {
            const add = classes[node.tagName];
            if (add) {
                const existing = Array.isArray(node.properties.className) ? node.properties.className.map(String) : [];
                node.properties.className = [...existing, ...add];
            }
            if (node.tagName === 'th') {
                node.properties.scope = 'col';
            }
        });
    };
}
