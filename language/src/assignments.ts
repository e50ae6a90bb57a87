import { AstUtils, GrammarAST, GrammarUtils, type CstNode } from 'langium';

// What each grammar element is assigned to, found once per element (the grammar is fixed) instead of once per token.
const assignmentOfElement = new WeakMap<object, GrammarAST.Assignment | null>();

/**
 * The assignment a CST node's text was parsed for (`feature` is the property: 'text', 'notes', …): Langium's
 * `GrammarUtils.findAssignment`, with its first and usual step — the grammar element's enclosing assignment —
 * remembered per grammar element. The checks ask this for every token of every file.
 */
export function assignmentOf(cst: CstNode): GrammarAST.Assignment | undefined {
    const source = cst.grammarSource;
    if (source && cst.astNode === cst.container?.astNode) {
        let found = assignmentOfElement.get(source);
        if (found === undefined) {
            found = AstUtils.getContainerOfType(source, GrammarAST.isAssignment) ?? null;
            assignmentOfElement.set(source, found);
        }
        if (found) {
            return found;
        }
    }
    return GrammarUtils.findAssignment(cst);
}
