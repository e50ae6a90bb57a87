import { AstUtils, CstUtils, GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import {
    CodeActionKind,
    type CodeAction,
    type CodeActionParams,
    type Diagnostic,
    type Position,
    type WorkspaceEdit
} from 'vscode-languageserver';
import { Codes } from '../validation/diagnostic-codes.js';
import type { GdlServices } from '../gdl-module.js';
import * as ast from '../generated/ast.js';

const MAX_ADDRESS_ACTIONS = 8;

/** Quick fixes: replace an unknown id, address an uncovered requirement here, create a covering stub, add a missing plan item. */
export class GdlCodeActionProvider implements CodeActionProvider {
    constructor(private readonly services: GdlServices) {}

    getCodeActions(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
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
            }
        }
        actions.push(...this.addressHere(document, params.range.start));
        return actions;
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
        const root = document.parseResult.value;
        const offset = document.textDocument.offsetAt(position);
        const leaf = root.$cstNode && CstUtils.findLeafNodeAtOffset(root.$cstNode, offset);
        const section = leaf && AstUtils.getContainerOfType(leaf.astNode, ast.isSection);
        if (!section || !section.$cstNode) {
            return [];
        }
        const already = new Set(section.addresses.map(r => r.$refText));
        const gaps = this.services.gdl.WorkspaceFacts.coverageModel()
            .requirements.filter(r => r.state !== 'covered' && !already.has(r.id))
            .slice(0, MAX_ADDRESS_ACTIONS);
        return gaps.map(gap => ({
            title: `Address ${gap.id} in section '${section.name}'`,
            kind: CodeActionKind.QuickFix,
            edit: { changes: { [document.uri.toString()]: [this.addressEdit(section, gap.id)] } }
        }));
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

    /** A draft section addressing the requirement, in the guidance that already answers its recommendation, or a new file. */
    private createStub(document: LangiumDocument, diagnostic: Diagnostic, id: string): CodeAction | undefined {
        const coverage = this.services.gdl.WorkspaceFacts.coverageModel().requirements.find(r => r.id === id);
        if (!coverage) {
            return undefined;
        }
        const sectionId = `cover-${id.replace(/\./g, '-')}`;
        const text = coverage.evidence.text ?? coverage.evidence.untexted ?? '';
        const summary = text.length > 60 ? `${text.slice(0, 57).trimEnd()}…` : text;
        const body = [
            `section ${sectionId} "${summary.replace(/"/g, "'")}" {`,
            '    status draft',
            `    addresses ${id}`,
            '    """',
            `    Draft: say how the force meets ${id}.`,
            '    """',
            '}'
        ];
        const host = this.guidanceAnswering(coverage.recommendation);
        const edit: WorkspaceEdit = {};
        if (host?.$cstNode) {
            const hostDocument = AstUtils.getDocument(host);
            const close = GrammarUtils.findNodesForKeyword(host.$cstNode, '}').at(-1)!;
            const indent = ' '.repeat(host.$cstNode.range.start.character + 4);
            edit.changes = {
                [hostDocument.uri.toString()]: [
                    { range: { start: close.range.start, end: close.range.start }, newText: `\n${body.map(l => indent + l).join('\n')}\n` }
                ]
            };
        } else {
            const uri = document.uri.with({ path: document.uri.path.replace(/[^/]+$/, `${sectionId}.gdl`) }).toString();
            const file = [
                `guidance ${sectionId}-guidance "Coverage of ${id}" {`,
                '    status draft',
                ...body.map(l => `    ${l}`),
                '}',
                ''
            ].join('\n');
            edit.documentChanges = [
                { kind: 'create', uri, options: { ignoreIfExists: true } },
                {
                    textDocument: { uri, version: null },
                    edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: file }]
                }
            ];
        }
        return {
            title: `Create a draft section covering ${id}${host ? ` in '${host.name}'` : ' in a new file'}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit
        };
    }

    /** Guidance that already addresses a requirement of the recommendation, found in the coverage model, not by walking every file. */
    private guidanceAnswering(recommendation: ast.Recommendation): ast.Guidance | undefined {
        const item = this.services.gdl.WorkspaceFacts.coverageModel()
            .requirements.filter(r => r.recommendation === recommendation)
            .flatMap(r => r.items)
            .find(i => i.kind === 'guidance');
        return item ? AstUtils.getContainerOfType(item.node, ast.isGuidance) : undefined;
    }

    private addPlanItem(document: LangiumDocument, diagnostic: Diagnostic, recommendation: string): CodeAction | undefined {
        const plan = findNode(document, diagnostic.range.start, ast.isActionPlan);
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

function findNode<T extends AstNode>(document: LangiumDocument, position: Position, guard: (n: unknown) => n is T): T | undefined {
    const root = document.parseResult.value.$cstNode;
    const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(position));
    return leaf ? AstUtils.getContainerOfType(leaf.astNode, guard) : undefined;
}
