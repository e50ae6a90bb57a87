import { GrammarUtils, type LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import {
    CodeActionKind,
    type CodeAction,
    type CodeActionParams,
    type Diagnostic,
    type Position,
    type TextEdit
} from 'vscode-languageserver';
import type { CoverageModel } from '../coverage/coverage-model.js';
import { isSatisfied } from '../coverage/coverage-words.js';
import { forceName } from '../coverage/forces.js';
import { Codes } from '../validation/diagnostic-codes.js';
import type { GdlServices } from '../gdl-module.js';
import * as ast from '../generated/ast.js';
import { frameworkFacts } from '../onboarding/framework-facts.js';
import { findMentions } from '../onboarding/mentions.js';
import { draftSection, hasDraftFor } from './gdl-draft-section.js';
import { withProseActions } from './prose-code-actions.js';
import { addCitationActions } from './citation-code-actions.js';
import { addSharedQuickFix, enclosing, nodeAt } from './quick-fix-helpers.js';
import { append } from '../arrays.js';

const MAX_ADDRESS_ACTIONS = 8;

/**
 * Quick fixes: replace an unknown id, address an uncovered requirement here, create a covering stub,
 * add a missing plan item, record the review of suspect cover, mark a plan item for others as supporting.
 */
export class GdlCodeActionProvider implements CodeActionProvider {
    constructor(private readonly services: GdlServices) {}

    getCodeActions(document: LangiumDocument, params: CodeActionParams): CodeAction[] | Promise<CodeAction[]> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context?.diagnostics ?? []) {
            addCitationActions(document, diagnostic, actions);
            const data = diagnostic.data as { suggestion?: string; evidence?: string; recommendation?: string } | undefined;
            if (diagnostic.code === Codes['unresolved-reference'].code && data?.suggestion) {
                actions.push(this.replaceWith(document, diagnostic, data.suggestion));
            } else if (
                (diagnostic.code === Codes['evidence-not-covered'].code || diagnostic.code === Codes['evidence-wrong-kind'].code) &&
                data?.evidence
            ) {
                const action = this.createStub(document, diagnostic, data.evidence);
                if (action) {
                    actions.push(action);
                }
            } else if (diagnostic.code === Codes['plan-missing-recommendation'].code && data?.recommendation) {
                const action = this.addPlanItem(document, diagnostic, data.recommendation);
                if (action) {
                    actions.push(action);
                }
            } else if (diagnostic.code === Codes['cover-suspect'].code) {
                this.recordReview(document, diagnostic, actions);
            } else if (diagnostic.code === Codes['plan-item-for-others'].code) {
                const action = this.markSupporting(document, diagnostic);
                if (action) {
                    actions.push(action);
                }
            }
        }
        append(actions, this.addressHere(document, params.range.start));
        return withProseActions(actions, document, params, this.services);
    }

    private replaceWith(document: LangiumDocument, diagnostic: Diagnostic, suggestion: string): CodeAction {
        return {
            title: `Replace with '${suggestion}'`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: true,
            edit: { changes: { [document.uri.toString()]: [{ range: diagnostic.range, newText: suggestion }] } }
        };
    }

    /** In a guidance section: offer to address each requirement the workspace has not covered. */
    private addressHere(document: LangiumDocument, position: Position): CodeAction[] {
        const section = enclosing(document, position, ast.isSection);
        if (!section?.$cstNode) {
            return [];
        }
        const already = new Set(section.addresses.map(r => r.$refText));
        const model = this.services.gdl.WorkspaceFacts.coverageModel(document.uri.toString());
        // What the section's own text names (an imported document's "see 12.3"): offered first, never added unasked.
        const framework = model.requirements[0]?.evidence.$container.$container;
        const named: CodeAction[] = [];
        for (const mention of findMentions(section.prose.join('\n\n'), framework ? frameworkFacts(framework) : undefined)) {
            const missing = mention.requirements.filter(id => !already.has(id));
            if (missing.length > 0) {
                named.push({
                    title: `Add 'addresses ${missing.join(', ')}' (${mention.recommendation ? `recommendation ${mention.recommendation}, ` : ''}named in the text)`,
                    kind: CodeActionKind.QuickFix,
                    edit: { changes: { [document.uri.toString()]: [this.addressEdit(section, missing.join(', '))] } }
                });
            }
        }
        // The gaps of the force the section belongs to; a requirement made to others is not the force's to cover.
        const gaps = model.requirements
            .filter(r => r.state !== 'covered' && r.state !== 'for-others' && !already.has(r.id))
            .slice(0, MAX_ADDRESS_ACTIONS);
        return [
            ...named,
            ...gaps.map(gap => ({
                title: `Address ${gap.id} in section '${section.name}'`,
                kind: CodeActionKind.QuickFix,
                edit: { changes: { [document.uri.toString()]: [this.addressEdit(section, gap.id)] } }
            }))
        ];
    }

    private addressEdit(section: ast.Section, id: string) {
        const last = section.addresses.at(-1)?.$refNode;
        if (last) {
            return { range: { start: last.range.end, end: last.range.end }, newText: `, ${id}` };
        }
        const open = GrammarUtils.findNodeForKeyword(section.$cstNode, '{')!;
        const indent = ' '.repeat(section.$cstNode!.range.start.character + 4);
        return { range: { start: open.range.end, end: open.range.end }, newText: `\n${indent}addresses ${id}` };
    }

    /**
     * A draft section addressing the requirement, for the force of the document, or (in shared
     * material) the first force it falls short for; not offered once that force has a draft for it.
     */
    private createStub(document: LangiumDocument, diagnostic: Diagnostic, id: string): CodeAction | undefined {
        const model = this.modelFallingShort(document, id);
        const coverage = model?.requirements.find(r => r.id === id);
        if (!model || !coverage || hasDraftFor(coverage)) {
            return undefined;
        }
        const draft = draftSection(this.services, model, coverage);
        if (!draft) {
            return undefined;
        }
        const forces = this.services.gdl.WorkspaceFacts.workspaceCoverage().forces.declared;
        return {
            title: `Create a draft section covering ${id} ${draft.where}${forces ? ` for ${forceName(model.force)}` : ''}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: draft.edit,
            command: draft.open
        };
    }

    /** The coverage a stub is for: the document's force, or in shared material the first judged force the requirement falls short for. */
    private modelFallingShort(document: LangiumDocument, id: string): CoverageModel | undefined {
        const facts = this.services.gdl.WorkspaceFacts;
        const uri = document.uri.toString();
        if (facts.workspaceCoverage().forces.of(uri)) {
            return facts.coverageModel(uri);
        }
        const models = facts.judgedModels();
        return models.find(m => m.requirements.some(r => r.id === id && !isSatisfied(r.state) && r.state !== 'for-others')) ?? models[0];
    }

    /**
     * Suspect cover: "Record the review" writes `reviewed DATE` (the as-of date, else today) into the
     * section, module or plan item, or replaces the date of the review it records. Several suspect
     * requirements of one item are fixed by one review.
     */
    private recordReview(document: LangiumDocument, diagnostic: Diagnostic, actions: CodeAction[]): void {
        const target = reviewable(document, diagnostic.range.start);
        if (!target?.$cstNode) {
            return;
        }
        const what = ast.isPlanItem(target)
            ? `plan item ${target.recommendation?.$refText ?? ''}`
            : `${ast.isSection(target) ? 'section' : 'module'} '${target.name}'`;
        const title = `Record the review of ${what}`;
        const date = this.services.gdl.Settings.effectiveAsOf();
        const existing = GrammarUtils.findNodeForProperty(target.$cstNode, 'reviewed');
        let edit: TextEdit;
        if (existing) {
            edit = { range: existing.range, newText: date };
        } else {
            const open = GrammarUtils.findNodeForKeyword(target.$cstNode, '{');
            if (!open) {
                return;
            }
            const indent = ' '.repeat(target.$cstNode.range.start.character + 4);
            edit = { range: { start: open.range.end, end: open.range.end }, newText: `\n${indent}reviewed ${date}` };
        }
        addSharedQuickFix(actions, title, diagnostic, document, edit);
    }

    /** A plan item for a recommendation made to others: "Mark as supporting" writes `supporting` after `item N`. */
    private markSupporting(document: LangiumDocument, diagnostic: Diagnostic): CodeAction | undefined {
        const item = nodeAt(document, diagnostic.range.start, ast.isPlanItem);
        const number = item?.recommendation?.$refNode;
        if (!item || !number || item.supporting) {
            return undefined;
        }
        return {
            title: 'Mark as supporting',
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: true,
            edit: {
                changes: {
                    [document.uri.toString()]: [{ range: { start: number.range.end, end: number.range.end }, newText: ' supporting' }]
                }
            }
        };
    }

    private addPlanItem(document: LangiumDocument, diagnostic: Diagnostic, recommendation: string): CodeAction | undefined {
        const plan = nodeAt(document, diagnostic.range.start, ast.isActionPlan);
        const close = plan?.$cstNode && GrammarUtils.findNodesForKeyword(plan.$cstNode, '}').at(-1);
        if (!plan || !close) {
            return undefined;
        }
        const indent = ' '.repeat(plan.$cstNode!.range.start.character + 4);
        const item = [`item ${recommendation} {`, '    status not-started', '    progress 0%', '}'].map(l => indent + l).join('\n');
        return {
            title: `Add a plan item for recommendation ${recommendation}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: {
                changes: {
                    [document.uri.toString()]: [{ range: { start: close.range.start, end: close.range.start }, newText: `\n${item}\n` }]
                }
            }
        };
    }
}

/** What a `reviewed` date goes into: a section or plan item itself; for a learning outcome, its module (whose approval governs it). */
type Reviewable = ast.Section | ast.TrainingModule | ast.PlanItem;

function reviewable(document: LangiumDocument, position: Position): Reviewable | undefined {
    const item = nodeAt(
        document,
        position,
        (n): n is ast.Section | ast.LearningOutcome | ast.PlanItem => ast.isSection(n) || ast.isLearningOutcome(n) || ast.isPlanItem(n)
    );
    return ast.isLearningOutcome(item) ? item.$container : item;
}
