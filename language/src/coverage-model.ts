import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import * as ast from './generated/ast.js';
import { effectiveStatus } from './gdl-status.js';

/** The three kinds of thing that can cover an evidence requirement. */
export type CoverageKind = 'guidance' | 'training' | 'action';
export const coverageKinds: readonly CoverageKind[] = ['guidance', 'training', 'action'];

/** covered: by counted items of every required kind; wrong-kind: counted items exist but a required kind is missing; uncovered: nothing counts. */
export type CoverageState = 'covered' | 'wrong-kind' | 'uncovered';

/** One item that addresses an evidence requirement. */
export interface CoveringItem {
    readonly kind: CoverageKind;
    /** The id of the item (section, learning outcome) or `plan/recommendation` for a plan item. */
    readonly id: string;
    /** A reader's label: "guidance §recognising", "module FR-1 outcome FR1-LO2", "plan item 12". */
    readonly label: string;
    /** Whether it counts as coverage, and if not, why not. */
    readonly counts: boolean;
    readonly reason?: string;
    readonly node: AstNode;
    readonly uri: string;
    /** Zero-based position of the item's id. */
    readonly line: number;
    readonly character: number;
}

/** The coverage of one evidence requirement. */
export interface RequirementCoverage {
    readonly id: string;
    readonly evidence: ast.Evidence;
    readonly recommendation: ast.Recommendation;
    readonly framework: ast.Framework;
    /** Kinds the framework requires, all of them; empty means any kind will do. */
    readonly required: readonly CoverageKind[];
    /** Everything that addresses it, counted or not. */
    readonly items: readonly CoveringItem[];
    readonly state: CoverageState;
}

/** The coverage of a workspace: one entry per evidence requirement, in framework order. */
export interface CoverageModel {
    readonly requirements: readonly RequirementCoverage[];
    readonly covered: number;
    readonly total: number;
    /** Looks up the coverage of an evidence node. */
    of(evidence: ast.Evidence): RequirementCoverage | undefined;
}

/**
 * Computes the coverage model from the roots of every document in the workspace. Pure: it reads
 * the linked ASTs and nothing else, so the server, the CLI and the generator all agree.
 */
export function computeCoverage(documents: Iterable<LangiumDocument>): CoverageModel {
    const evidenceInOrder: Array<{ evidence: ast.Evidence; recommendation: ast.Recommendation; framework: ast.Framework }> = [];
    const items = new Map<ast.Evidence, CoveringItem[]>();
    const add = (evidence: ast.Evidence | undefined, item: CoveringItem) => {
        if (!evidence) {
            return;
        }
        const list = items.get(evidence) ?? [];
        list.push(item);
        items.set(evidence, list);
    };

    const sortedDocs = [...documents].sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()));
    for (const document of sortedDocs) {
        const root = document.parseResult.value;
        if (!ast.isGdlFile(root)) {
            continue;
        }
        const uri = document.uri.toString();
        for (const node of AstUtils.streamAllContents(root)) {
            if (ast.isFramework(node)) {
                for (const recommendation of node.recommendations) {
                    for (const evidence of recommendation.evidence) {
                        evidenceInOrder.push({ evidence, recommendation, framework: node });
                    }
                }
            } else if (ast.isSection(node)) {
                const status = effectiveStatus(node);
                for (const ref of node.addresses) {
                    add(ref.ref, item('guidance', node.name, `guidance §${node.name}`, status === 'approved', status === 'approved' ? undefined : `section is ${status}`, node, uri));
                }
            } else if (ast.isLearningOutcome(node)) {
                const module = node.$container;
                const status = effectiveStatus(module);
                for (const ref of node.addresses) {
                    add(ref.ref, item('training', node.name, `module ${module.name} outcome ${node.name}`, status === 'approved', status === 'approved' ? undefined : `module is ${status}`, node, uri));
                }
            } else if (ast.isPlanItem(node)) {
                const number = node.recommendation.$refText;
                const complete = node.status === 'complete';
                const reason = complete ? undefined : `plan item is ${describePlanStatus(node)}`;
                for (const ref of node.addresses) {
                    add(ref.ref, item('action', `${node.$container.name}/${number}`, `plan item ${number}`, complete, reason, node, uri));
                }
            }
        }
    }

    const byEvidence = new Map<ast.Evidence, RequirementCoverage>();
    const requirements = evidenceInOrder.map(({ evidence, recommendation, framework }) => {
        const required = requiredKinds(evidence);
        const all = items.get(evidence) ?? [];
        const counted = all.filter(i => i.counts);
        let state: CoverageState = 'uncovered';
        if (counted.length > 0) {
            state = required.every(kind => counted.some(i => i.kind === kind)) ? 'covered' : 'wrong-kind';
        }
        const coverage: RequirementCoverage = { id: evidence.name, evidence, recommendation, framework, required, items: all, state };
        byEvidence.set(evidence, coverage);
        return coverage;
    });
    return {
        requirements,
        covered: requirements.filter(r => r.state === 'covered').length,
        total: requirements.length,
        of: evidence => byEvidence.get(evidence)
    };
}

/** The kinds of coverage an evidence requirement needs: its own `requires`, else its recommendation's. */
export function requiredKinds(evidence: ast.Evidence): CoverageKind[] {
    const own = evidence.requires.length > 0 ? evidence.requires : evidence.$container.requires;
    return [...new Set(own)] as CoverageKind[];
}

function describePlanStatus(node: ast.PlanItem): string {
    if (!node.status) {
        return 'without a status';
    }
    return node.status === 'in-progress' && node.progress !== undefined ? `in progress (${node.progress}%)` : node.status.replace('-', ' ');
}

function item(kind: CoverageKind, id: string, label: string, counts: boolean, reason: string | undefined, node: AstNode, uri: string): CoveringItem {
    const position = node.$cstNode?.range.start ?? { line: 0, character: 0 };
    return { kind, id, label, counts, reason, node, uri, line: position.line, character: position.character };
}
