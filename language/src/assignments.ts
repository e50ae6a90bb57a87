import { AstUtils, GrammarAST, isCompositeCstNode, type CstNode } from 'langium';

// What each grammar element is assigned to, found once per element (the grammar is fixed) instead of once per token.
const assignmentOfElement = new WeakMap<object, GrammarAST.Assignment | null>();

/** The assignment enclosing a grammar element (Langium's `getContainerOfType(element, isAssignment)`), remembered per element. */
function enclosingAssignment(element: object | undefined): GrammarAST.Assignment | undefined {
    if (!element) {
        return undefined;
    }
    let found = assignmentOfElement.get(element);
    if (found === undefined) {
        found = AstUtils.getContainerOfType(element as GrammarAST.AbstractElement, GrammarAST.isAssignment) ?? null;
        assignmentOfElement.set(element, found);
    }
    return found ?? undefined;
}

/**
 * The assignment a CST node's text was parsed for (`feature` is the property: 'text', 'notes', …): Langium's
 * `GrammarUtils.findAssignment` — the node's grammar element's enclosing assignment, else its container's, while the
 * container belongs to the same AST node — with each grammar element's enclosing assignment remembered. The checks ask
 * this for every token of every file (keywords and punctuation, which have none, climbed the grammar at every level).
 */
export function assignmentOf(cst: CstNode): GrammarAST.Assignment | undefined {
    const astNode = cst.astNode;
    let current: CstNode = cst;
    while (astNode === current.container?.astNode) {
        const assignment = enclosingAssignment(current.grammarSource);
        if (assignment) {
            return assignment;
        }
        current = current.container;
    }
    return undefined;
}

/**
 * The CST nodes a node's property was parsed from, in order: Langium's `GrammarUtils.findNodesForProperty`, with each
 * grammar element's enclosing assignment remembered.
 */
export function nodesForProperty(cst: CstNode | undefined, property: string): CstNode[] {
    if (!cst || !property) {
        return [];
    }
    const found: CstNode[] = [];
    collectForProperty(cst, property, cst.astNode, true, found);
    return found;
}

function collectForProperty(node: CstNode, property: string, element: unknown, first: boolean, into: CstNode[]): void {
    if (!first && enclosingAssignment(node.grammarSource)?.feature === property) {
        into.push(node);
        return;
    }
    if (isCompositeCstNode(node) && node.astNode === element) {
        for (const child of node.content) {
            collectForProperty(child, property, element, false, into);
        }
    }
}
