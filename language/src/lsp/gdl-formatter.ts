import { CstUtils, GrammarAST, isLeafCstNode, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import type { Formatter } from 'langium/lsp';
import type { DocumentFormattingParams, DocumentOnTypeFormattingOptions, DocumentRangeFormattingParams, TextEdit } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';

// Keywords that start a property line inside a { } block.
const propertyKeywords = new Set([
    'publisher', 'published', 'address', 'total', 'source', 'note', 'to', 'recipient', 'text', 'requires', 'untexted',
    'audience', 'owner', 'version', 'status', 'approved', 'review-by', 'addresses', 'cites', 'see', 'duration', 'delivery',
    'maps', 'trainer-notes', 'supports', 'question', 'assesses', 'rationale', 'modules', 'editions', 'force', 'responds-to',
    'executive-lead', 'operational-lead', 'progress', 'updated', 'lead', 'update', 'evidence', 'reason', 'approved-by', 'expires'
]);

// Nodes that sit on a line of their own inside a block.
const isLineNode = (node: AstNode): boolean =>
    ast.isSection(node) || ast.isEvidence(node) || ast.isRecommendation(node) || ast.isLearningOutcome(node) || ast.isContent(node)
    || ast.isActivity(node) || ast.isKnowledgeCheck(node) || ast.isAnswerOption(node) || ast.isDeadline(node) || ast.isOmission(node)
    || ast.isProvision(node) || ast.isPlanItem(node) || ast.isCurriculumOutcome(node) || ast.isWaiver(node);

// Bare prose values (a section's Markdown, a module's content body) start a line.
const proseProperties = new Set(['prose', 'body', 'summary']);

/**
 * Lays a file out in the canonical form: blocks indented by four spaces, one property per line, a
 * space after commas, at most one blank line kept. It only ever changes whitespace between tokens,
 * so prose inside """ """ and comments are left exactly as written.
 */
export class GdlFormatter implements Formatter {
    formatDocument(document: LangiumDocument, params: DocumentFormattingParams): TextEdit[] {
        return this.edits(document, params.options.insertSpaces === false ? '\t' : ' '.repeat(params.options.tabSize || 4));
    }

    formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): TextEdit[] {
        const { start, end } = params.range;
        const inside = (p: { line: number }) => p.line >= start.line && p.line <= end.line;
        return this.formatDocument(document, params).filter(e => inside(e.range.start) && inside(e.range.end));
    }

    formatDocumentOnType(): TextEdit[] {
        return [];
    }

    get formatOnTypeOptions(): DocumentOnTypeFormattingOptions | undefined {
        return undefined;
    }

    private edits(document: LangiumDocument, unit: string): TextEdit[] {
        const root = document.parseResult.value.$cstNode;
        if (!root || document.parseResult.lexerErrors.length > 0 || document.parseResult.parserErrors.length > 0) {
            return []; // never reflow text the parser did not understand
        }
        const text = document.textDocument.getText();
        const leaves = CstUtils.streamCst(root).filter(isLeafCstNode).filter(l => l.length > 0 && !/^\s+$/.test(l.text)).toArray();
        const edits: TextEdit[] = [];
        let depth = 0;
        for (let i = 1; i < leaves.length; i++) {
            const previous = leaves[i - 1]!;
            const leaf = leaves[i]!;
            if (previous.text === '{' && isKeyword(previous)) {
                depth++;
            }
            if (leaf.text === '}' && isKeyword(leaf)) {
                depth = Math.max(0, depth - 1);
            }
            const gap = text.slice(previous.end, leaf.offset);
            const wanted = this.whitespace(previous, leaf, gap, depth, unit);
            if (wanted !== gap) {
                edits.push({ range: { start: document.textDocument.positionAt(previous.end), end: document.textDocument.positionAt(leaf.offset) }, newText: wanted });
            }
        }
        return edits;
    }

    private whitespace(previous: CstNode, leaf: CstNode, gap: string, depth: number, unit: string): string {
        const newlines = (gap.match(/\n/g) ?? []).length;
        const lineBreak = (indent: number) => (newlines >= 2 ? '\n\n' : '\n') + unit.repeat(indent);
        if (previous.hidden || leaf.hidden) {
            return newlines > 0 ? lineBreak(depth) : gap.length > 0 ? ' ' : '';
        }
        if (leaf.text === '}' && isKeyword(leaf)) {
            return '\n' + unit.repeat(depth);
        }
        if ((leaf.text === ',' || leaf.text === '%' || leaf.text === '.') && isKeyword(leaf) || previous.text === '.' && isKeyword(previous)) {
            return '';
        }
        if (this.startsLine(leaf, depth)) {
            return lineBreak(depth);
        }
        return newlines > 0 && !(previous.text === ',' && isKeyword(previous)) ? '\n' + unit.repeat(depth + 1) : ' ';
    }

    private startsLine(leaf: CstNode, depth: number): boolean {
        const node = leaf.astNode;
        const first = firstLeafOf(node);
        if (first === leaf.offset && node.$container && ast.isGdlFile(node.$container)) {
            return true;
        }
        if (depth === 0) {
            return false;
        }
        if (first === leaf.offset && isLineNode(node)) {
            return true;
        }
        if (isKeyword(leaf) && propertyKeywords.has(leaf.text) && hasBraces(node)) {
            return true;
        }
        const assignment = leaf.grammarSource && GrammarAST.isRuleCall(leaf.grammarSource) ? leaf.grammarSource.$container : undefined;
        return leaf.text.startsWith('"""') && GrammarAST.isAssignment(assignment) && proseProperties.has((assignment as GrammarAST.Assignment).feature);
    }
}

function isKeyword(leaf: CstNode): boolean {
    return GrammarAST.isKeyword(leaf.grammarSource);
}

function hasBraces(node: AstNode): boolean {
    return Boolean(node.$cstNode && CstUtils.streamCst(node.$cstNode).some(n => n.astNode === node && n.text === '{' && isKeyword(n)));
}

function firstLeafOf(node: AstNode): number | undefined {
    const cst = node.$cstNode;
    if (!cst) {
        return undefined;
    }
    const first = CstUtils.streamCst(cst).filter(isLeafCstNode).find(l => !l.hidden && l.length > 0);
    return first?.offset;
}
