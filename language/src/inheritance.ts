import * as ast from './generated/ast.js';

/** A section's status, inherited from the nearest enclosing section or document that sets one; draft when none does. */
export function effectiveStatus(node: ast.Governed): ast.Status {
    let current: ast.Governed | undefined = node;
    while (current) {
        if (current.status) {
            return current.status;
        }
        current = ast.isSection(current) ? current.$container : undefined;
    }
    return 'draft';
}

/**
 * The status a governed item's own text is published with: its effective status, except that a document's own
 * text (its summary, its sources) is published with any of its sections, so it counts as approved when one is.
 */
export function publishedStatus(node: ast.Governed): ast.Status {
    const published = ast.isGuidance(node) && node.sections.some(s => effectiveStatus(s) === 'approved');
    return published ? 'approved' : effectiveStatus(node);
}

/** A plan's status: approved unless it says otherwise (`status draft`: an imported page not yet merged). */
export function planStatus(plan: ast.ActionPlan): ast.Status {
    return plan.status ?? 'approved';
}

/** The first value of `pick` set on the section or one of its enclosing sections or document. */
export function inherited<T>(node: ast.Section, pick: (n: ast.Guidance | ast.Section) => T | undefined): T | undefined {
    let current: ast.Guidance | ast.Section | undefined = node;
    while (current) {
        const value = pick(current);
        if (value !== undefined && (!Array.isArray(value) || value.length > 0)) {
            return value;
        }
        current = ast.isSection(current) ? current.$container : undefined;
    }
    return undefined;
}
