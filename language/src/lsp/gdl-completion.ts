import { AstUtils, CstUtils, GrammarAST, type AstNodeDescription, type LangiumDocument, type ReferenceInfo } from 'langium';
import { DefaultCompletionProvider, type CompletionContext, type CompletionProviderOptions, type CompletionValueItem } from 'langium/lsp';
import {
    CompletionItemKind,
    CompletionTriggerKind,
    MarkupKind,
    type CancellationToken,
    type CompletionList,
    type CompletionParams
} from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { idSortKey, isSatisfied, stateNames } from '../coverage/coverage-words.js';
import { forceName } from '../coverage/forces.js';
import type { GdlServices } from '../gdl-module.js';
import { effectiveStatus } from '../inheritance.js';
import { shortened } from '../wording.js';

/** How much of a requirement's text the completion list shows beside its id. */
const DESCRIPTION_WIDTH = 60;

/**
 * Completion of ids with what a writer needs to choose: a requirement's text beside its id (the
 * label's description) and in full with its recommendation (the documentation), the requirements
 * the document's force has not yet covered marked and listed first; a section's title. Typing a
 * space after a keyword that takes an id (`addresses `) or a comma in a list of ids opens the list;
 * a space anywhere else answers nothing, at once.
 */
export class GdlCompletionProvider extends DefaultCompletionProvider {
    override readonly completionOptions: CompletionProviderOptions = { triggerCharacters: [' ', ','] };
    /** The keywords that come right before an id in the grammar (`addresses`, `audience`, `see`…) and the list comma. */
    private readonly beforeReference: ReadonlySet<string>;
    constructor(private readonly gdl: GdlServices) {
        super(gdl);
        this.beforeReference = new Set(
            AstUtils.streamAllContents(gdl.Grammar)
                .filter(GrammarAST.isCrossReference)
                .map(reference => precedingKeyword(reference))
                .nonNullable()
        );
    }

    override async getCompletion(
        document: LangiumDocument,
        params: CompletionParams,
        cancelToken?: CancellationToken
    ): Promise<CompletionList | undefined> {
        const typed = params.context?.triggerKind === CompletionTriggerKind.TriggerCharacter;
        if (typed && !this.referenceExpected(document, document.textDocument.offsetAt(params.position))) {
            return { isIncomplete: false, items: [] };
        }
        const list = await super.getCompletion(document, params, cancelToken);
        // After a typed space or comma only ids are offered, never the keywords that could also follow.
        return typed && list ? { ...list, items: list.items.filter(i => i.kind !== CompletionItemKind.Keyword) } : list;
    }

    /**
     * Whether the word before the offset (past spaces) is a keyword an id follows, or a comma, and is
     * not inside a title or a text: read from the text, since the parser may have dropped a keyword
     * left without its id; the parsed document says only whether it is in a string.
     */
    private referenceExpected(document: LangiumDocument, offset: number): boolean {
        const text = document.textDocument.getText();
        const word = /(,|[A-Za-z][\w-]*)[ \t]*$/.exec(text.slice(Math.max(0, offset - 64), offset))?.[1];
        if (!word || !this.beforeReference.has(word)) {
            return false;
        }
        const root = document.parseResult.value.$cstNode;
        const at = offset - (text.slice(0, offset).length - text.slice(0, offset).trimEnd().length) - 1;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, at);
        return !leaf || GrammarAST.isKeyword(leaf.grammarSource);
    }

    protected override createReferenceCompletionItem(
        description: AstNodeDescription,
        refInfo: ReferenceInfo,
        context: CompletionContext
    ): CompletionValueItem {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        const node = description.node;
        if (ast.isEvidence(node)) {
            return { ...item, ...this.requirementItem(node, context.document) };
        }
        let detail: string | undefined;
        let documentation: string | undefined;
        if (ast.isRecommendation(node)) {
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

    /** A requirement: its text beside the id, in full below; marked and first when the force has not covered it. */
    private requirementItem(node: ast.Evidence, document: LangiumDocument): Partial<CompletionValueItem> {
        // The force of the document being completed (the coverage is computed once per build).
        const model = this.gdl.gdl.WorkspaceFacts.coverageModel(document.uri.toString());
        const state = model.of(node)?.state;
        const text = node.text ?? `No text in the source: ${node.untexted ?? ''}`;
        const recommendation = node.$container;
        const open = state !== undefined && !isSatisfied(state) && state !== 'for-others';
        const lines = [
            `**Evidence requirement ${node.name}** — recommendation ${recommendation.name} of ${recommendation.$container.name}`,
            '',
            text,
            ...(recommendation.text ? ['', `**Recommendation ${recommendation.name}:** ${recommendation.text}`] : []),
            ...(state ? ['', `**Coverage (${forceName(model.force)}):** ${stateNames[state].label}`] : [])
        ];
        return {
            detail: `Evidence ${node.name} (recommendation ${recommendation.name})`,
            labelDetails: {
                ...(open ? { detail: ` ${stateNames[state].short.toLowerCase()}` } : {}),
                description: shortened(text, DESCRIPTION_WIDTH)
            },
            documentation: { kind: MarkupKind.Markdown, value: lines.join('\n') },
            sortText: `${open ? '0' : '1'}${idSortKey(node.name)}`
        };
    }
}

/** The keyword written right before a cross-reference in its rule (`'addresses' addresses+=[Evidence:ReqId]`, `',' see+=[…]`). */
function precedingKeyword(reference: GrammarAST.CrossReference): string | undefined {
    const assignment = reference.$container;
    const group = assignment?.$container;
    if (!GrammarAST.isGroup(group)) {
        return undefined;
    }
    const previous = group.elements[group.elements.indexOf(assignment as GrammarAST.AbstractElement) - 1];
    return GrammarAST.isKeyword(previous) ? previous.value : undefined;
}
