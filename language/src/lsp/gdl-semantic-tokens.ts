import type { AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';

type ReferenceProperty =
    | 'addresses'
    | 'see'
    | 'cites'
    | 'audiences'
    | 'maps'
    | 'assesses'
    | 'supports'
    | 'uses'
    | 'modules'
    | 'links'
    | 'exhibits'
    | 'framework'
    | 'recommendation';

// What each kind of id is coloured as: requirement numbers stand out from section and module ids.
const referenceTokens: Record<ReferenceProperty, string> = {
    addresses: SemanticTokenTypes.enumMember,
    recommendation: SemanticTokenTypes.enumMember,
    see: SemanticTokenTypes.class,
    links: SemanticTokenTypes.class,
    exhibits: SemanticTokenTypes.variable,
    modules: SemanticTokenTypes.class,
    framework: SemanticTokenTypes.namespace,
    cites: SemanticTokenTypes.function,
    audiences: SemanticTokenTypes.type,
    maps: SemanticTokenTypes.property,
    assesses: SemanticTokenTypes.property,
    supports: SemanticTokenTypes.property,
    uses: SemanticTokenTypes.variable
};

// Every date property of the grammar; `withdrawn` and `verified` are dates only where they are strings (a date), not statuses or flags.
const dateProperties = [
    'published',
    'approved',
    'reviewBy',
    'updated',
    'reviewed',
    'withdrawn',
    'revised',
    'dated',
    'verified',
    'expires'
] as const;

/** Semantic colouring of ids by what they name, and of dates. */
export class GdlSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        for (const [property, type] of Object.entries(referenceTokens)) {
            const value = (node as unknown as Record<string, unknown>)[property];
            if (Array.isArray(value)) {
                value.forEach((_, index) => acceptor({ node, property: property as never, index, type }));
            } else if (value && typeof value === 'object' && '$refText' in value) {
                acceptor({ node, property: property as never, type });
            }
        }
        // A pool's `checks` are references; a module's `checks` are the checks themselves, so they are not in the table above.
        if (ast.isQuestionPool(node)) {
            node.checks.forEach((_, index) => acceptor({ node, property: 'checks', index, type: SemanticTokenTypes.property }));
        }
        const declared = declarationType(node);
        if (declared) {
            acceptor({ node, property: 'name' as never, type: declared, modifier: SemanticTokenModifiers.declaration });
        }
        for (const property of dateProperties) {
            if (typeof (node as unknown as Record<string, unknown>)[property] === 'string') {
                acceptor({ node, property: property as never, type: SemanticTokenTypes.number });
            }
        }
        if (ast.isDeadline(node) || ast.isPlanUpdate(node)) {
            acceptor({ node, property: 'date', type: SemanticTokenTypes.number });
        }
    }
}

function declarationType(node: AstNode): string | undefined {
    if (ast.isEvidence(node) || ast.isRecommendation(node)) {
        return SemanticTokenTypes.enumMember;
    }
    if (ast.isSection(node) || ast.isGuidance(node) || ast.isTrainingModule(node) || ast.isCoursePack(node)) {
        return SemanticTokenTypes.class;
    }
    if (ast.isLearningOutcome(node) || ast.isCurriculumOutcome(node)) {
        return SemanticTokenTypes.property;
    }
    if (ast.isKnowledgeCheck(node) || ast.isActivity(node) || ast.isQuestionPool(node)) {
        return SemanticTokenTypes.property;
    }
    if (ast.isExhibit(node) || ast.isHandout(node)) {
        return SemanticTokenTypes.variable;
    }
    if (ast.isForce(node)) {
        return SemanticTokenTypes.namespace;
    }
    if (ast.isAudience(node)) {
        return SemanticTokenTypes.type;
    }
    if (ast.isFramework(node) || ast.isActionPlan(node) || ast.isCurriculum(node) || ast.isLegislation(node)) {
        return SemanticTokenTypes.namespace;
    }
    return undefined;
}
