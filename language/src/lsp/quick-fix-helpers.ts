import { AstUtils, CstUtils, type AstNode, type LangiumDocument } from 'langium';
import { CodeActionKind, type CodeAction, type Diagnostic, type Position, type TextEdit } from 'vscode-languageserver';

/** The innermost node of a kind around the word at a position (none between words: see {@link enclosing}). */
export function nodeAt<T extends AstNode>(document: LangiumDocument, position: Position, guard: (n: unknown) => n is T): T | undefined {
    const root = document.parseResult.value.$cstNode;
    const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(position));
    return leaf ? AstUtils.getContainerOfType(leaf.astNode, guard) : undefined;
}

/**
 * The innermost node of a kind whose lines hold the position: the cursor at the end of a line, in
 * the indentation, on a blank line or in the whitespace of a section is in that section (a leaf
 * under the cursor is only found on a word).
 */
export function enclosing<T extends AstNode>(document: LangiumDocument, position: Position, guard: (n: unknown) => n is T): T | undefined {
    const offset = document.textDocument.offsetAt(position);
    let found: T | undefined;
    for (const node of AstUtils.streamAst(document.parseResult.value)) {
        const cst = node.$cstNode;
        // From the start of the node's first line (its indentation) to its end.
        const holds = cst && cst.offset - cst.range.start.character <= offset && offset <= cst.end;
        if (holds && guard(node) && (!found || found.$cstNode!.offset <= cst.offset)) {
            found = node;
        }
    }
    return found;
}

/**
 * A preferred quick fix editing one document; several diagnostics asking for the same fix (the same title) share
 * one action, so applying it once settles them all.
 */
export function addSharedQuickFix(
    actions: CodeAction[],
    title: string,
    diagnostic: Diagnostic,
    document: LangiumDocument,
    edit: TextEdit
): void {
    const same = actions.find(a => a.title === title);
    if (same) {
        same.diagnostics = [...(same.diagnostics ?? []), diagnostic];
        return;
    }
    actions.push({
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [document.uri.toString()]: [edit] } }
    });
}
