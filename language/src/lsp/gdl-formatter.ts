import type { AstNode } from 'langium';
import { AbstractFormatter, Formatting } from 'langium/lsp';
import * as ast from '../generated/ast.js';

// Keywords that start a property line inside a { } block.
const propertyKeywords = [
    'publisher', 'published', 'address', 'total', 'source', 'note', 'to', 'recipient', 'text', 'requires', 'untexted',
    'audience', 'owner', 'version', 'status', 'approved', 'review-by', 'addresses', 'cites', 'see', 'duration', 'delivery',
    'maps', 'trainer-notes', 'supports', 'question', 'assesses', 'rationale', 'modules', 'editions', 'force', 'responds-to',
    'executive-lead', 'operational-lead', 'progress', 'updated', 'lead', 'update', 'evidence'
];

/** Block-level children, each on a line of its own. */
const isLineNode = (node: AstNode): boolean =>
    ast.isSection(node) || ast.isEvidence(node) || ast.isRecommendation(node) || ast.isLearningOutcome(node) || ast.isContent(node)
    || ast.isActivity(node) || ast.isKnowledgeCheck(node) || ast.isAnswerOption(node) || ast.isDeadline(node) || ast.isOmission(node)
    || ast.isProvision(node) || ast.isPlanItem(node) || ast.isCurriculumOutcome(node);

/** Indents blocks by four spaces, one property per line, a space after commas; prose text is never touched. */
export class GdlFormatter extends AbstractFormatter {
    protected override format(node: AstNode): void {
        const formatter = this.getNodeFormatter(node);
        if (ast.isGdlFile(node)) {
            formatter.nodes(...node.elements.slice(1)).prepend(Formatting.newLine({ allowMore: true }));
            return;
        }
        if (isLineNode(node) && node.$container && !ast.isGdlFile(node.$container)) {
            formatter.node(node).prepend(Formatting.newLine({ allowMore: true }));
        }
        formatter.keywords(',').prepend(Formatting.noSpace()).append(Formatting.oneSpace());
        const open = formatter.keywords('{');
        const close = formatter.keywords('}');
        if (open.nodes.length === 0 || close.nodes.length === 0) {
            return;
        }
        open.prepend(Formatting.oneSpace());
        formatter.interior(open, close).prepend(Formatting.indent());
        close.prepend(Formatting.newLine());
        formatter.keywords(...propertyKeywords).prepend(Formatting.newLine({ allowMore: true }));
        for (const property of ['prose', 'body', 'summary'] as const) {
            if (property in node) {
                formatter.properties(property as never).prepend(Formatting.newLine({ allowMore: true }));
            }
        }
    }
}
