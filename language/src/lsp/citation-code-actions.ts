import { CstUtils, GrammarUtils, isLeafCstNode, type LangiumDocument } from 'langium';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver';
import { addSharedQuickFix, nodeAt } from './quick-fix-helpers.js';
import { Codes } from '../validation/diagnostic-codes.js';
import type { CitationFixData } from '../validation/checks/citation-checks.js';
import * as ast from '../generated/ast.js';

/** What can cite: a guidance section, a training module, a content step of a module. */
type Citer = ast.Section | ast.TrainingModule | ast.Content;

const fixable = new Set([Codes['provision-named-not-cited'].code]);

/**
 * A provision named in prose but not cited (GDL0314): "Cite X in …"
 * adds it to the `cites` list of the section, step or module the text belongs to, or writes a `cites` line where
 * the formatter would put it (its own line, indented as the block's other lines). Several diagnostics asking for
 * the same citation in the same place share one action.
 */
export function addCitationActions(document: LangiumDocument, diagnostic: Diagnostic, actions: CodeAction[]): void {
    const provision = (diagnostic.data as Partial<CitationFixData> | undefined)?.provision;
    if (!fixable.has(String(diagnostic.code)) || !provision) {
        return;
    }
    const citer = nodeAt(
        document,
        diagnostic.range.start,
        (n): n is Citer => ast.isSection(n) || ast.isTrainingModule(n) || ast.isContent(n)
    );
    const edit = citer && citeEdit(document, citer, provision);
    if (!citer || !edit) {
        return;
    }
    const where = ast.isContent(citer) ? `the step '${citer.title}'` : `${ast.isSection(citer) ? 'section' : 'module'} '${citer.name}'`;
    addSharedQuickFix(actions, `Cite ${provision} in ${where}`, diagnostic, document, edit);
}

// After the last provision the item already cites, or a `cites` line opening its block.
function citeEdit(document: LangiumDocument, citer: Citer, provision: string): TextEdit | undefined {
    const last = citer.cites.at(-1)?.$refNode;
    if (last) {
        return { range: { start: last.range.end, end: last.range.end }, newText: `, ${provision}` };
    }
    const cst = citer.$cstNode;
    const open = cst && GrammarUtils.findNodeForKeyword(cst, '{');
    if (!cst || !open) {
        return undefined;
    }
    const next = CstUtils.streamCst(cst).find(n => isLeafCstNode(n) && !n.hidden && n.offset >= open.end);
    const text = document.textDocument;
    const lineIndent = (line: number) =>
        /^[ \t]*/.exec(text.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }))![0];
    if (next && next !== open && next.range.start.line === open.range.start.line) {
        // A block written on one line: the citation goes first on it.
        return { range: { start: next.range.start, end: next.range.start }, newText: `cites ${provision} ` };
    }
    const indent =
        next && next !== open && !(isLeafCstNode(next) && next.text === '}')
            ? lineIndent(next.range.start.line)
            : `${lineIndent(open.range.start.line)}    `;
    return { range: { start: open.range.end, end: open.range.end }, newText: `\n${indent}cites ${provision}` };
}
