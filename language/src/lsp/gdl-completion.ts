import type { AstNodeDescription, ReferenceInfo } from 'langium';
import { DefaultCompletionProvider, type CompletionContext, type CompletionValueItem } from 'langium/lsp';
import * as ast from '../generated/ast.js';
import { idSortKey } from '../coverage/coverage-words.js';
import { effectiveStatus } from '../inheritance.js';

/** Completion of ids with what a writer needs to choose: a requirement's text, a section's title. */
export class GdlCompletionProvider extends DefaultCompletionProvider {
    protected override createReferenceCompletionItem(
        description: AstNodeDescription,
        refInfo: ReferenceInfo,
        context: CompletionContext
    ): CompletionValueItem {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        const node = description.node;
        let detail: string | undefined;
        let documentation: string | undefined;
        if (ast.isEvidence(node)) {
            detail = `Evidence ${node.name} (recommendation ${node.$container.name})`;
            documentation = node.text ?? `No text in the source: ${node.untexted ?? ''}`;
        } else if (ast.isRecommendation(node)) {
            detail = `Recommendation ${node.name}`;
            documentation = node.text;
        } else if (ast.isGoverned(node)) {
            detail = `${node.title} (${effectiveStatus(node)})`;
        } else if (ast.isLearningOutcome(node) || ast.isCurriculumOutcome(node)) {
            detail = node.text;
        } else if (ast.isAudience(node) || ast.isProvision(node) || ast.isCoursePack(node) || ast.isFramework(node)) {
            detail = node.title;
        }
        return {
            ...item,
            detail: detail ?? item.detail,
            documentation: documentation ?? item.documentation,
            sortText: idSortKey(description.name)
        };
    }
}
