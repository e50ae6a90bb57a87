import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import * as ast from './generated/ast.js';
import { effectiveStatus } from './gdl-status.js';

/** The three kinds of thing that can cover an evidence requirement. */
export type CoverageKind = 'guidance' | 'training' | 'action';
export const coverageKinds: readonly CoverageKind[] = ['guidance', 'training', 'action'];

/**
 * covered: by counted items of every required kind; wrong-kind: counted items exist but a required
 * kind is missing; waived: not covered, but a plan waives it (or marks it not applicable) and the
 * waiver has not expired; uncovered: nothing counts.
 */
export type CoverageState = 'covered' | 'wrong-kind' | 'waived' | 'uncovered';

/** A plan's waiver of a requirement, as the model sees it. */
export interface WaiverInfo {
    readonly kind: 'waive' | 'not-applicable';
    readonly reason?: string;
    readonly approvedBy?: string;
    readonly expires?: string;
    /** Expired at the as-of date: the requirement is a gap again. */
    readonly expired: boolean;
    readonly node: ast.Waiver;
    readonly uri: string;
    readonly line: number;
    readonly character: number;
}

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
    /** The waiver that applies to it, if any (expired or not). */
    readonly waiver?: WaiverInfo;
    readonly state: CoverageState;
}

/** The coverage of a workspace: one entry per evidence requirement, in framework order. */
export interface CoverageModel {
    readonly requirements: readonly RequirementCoverage[];
    readonly covered: number;
    /** Requirements satisfied by a waiver that has not expired. */
    readonly waived: number;
    readonly total: number;
    /** Looks up the coverage of an evidence node. */
    of(evidence: ast.Evidence): RequirementCoverage | undefined;
}

/**
 * Computes the coverage model from the roots of every document in the workspace. Pure: it reads
 * the linked ASTs and nothing else, so the server, the CLI and the generator all agree.
 */
export interface CoverageOptions {
    /** The date waivers are judged against (YYYY-MM-DD); without it no waiver has expired. */
    readonly asOf?: string;
    /** Count draft sections and modules as if approved: "what would coverage be if the drafts were approved?". */
    readonly includeDrafts?: boolean;
}

export function computeCoverage(documents: Iterable<LangiumDocument>, options: CoverageOptions = {}): CoverageModel {
    const counts = (status: ast.Status) => status === 'approved' || (options.includeDrafts === true && status === 'draft');
    const waivers = new Map<ast.Evidence, WaiverInfo>();
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
                    add(ref.ref, item('guidance', node.name, `guidance §${node.name}`, counts(status), counts(status) ? undefined : `section is ${status}`, node, uri));
                }
            } else if (ast.isLearningOutcome(node)) {
                const module = node.$container;
                const status = effectiveStatus(module);
                for (const ref of node.addresses) {
                    add(ref.ref, item('training', node.name, `module ${module.name} outcome ${node.name}`, counts(status), counts(status) ? undefined : `module is ${status}`, node, uri));
                }
            } else if (ast.isPlanItem(node)) {
                const number = node.recommendation.$refText;
                const complete = node.status === 'complete';
                const reason = complete ? undefined : `plan item is ${describePlanStatus(node)}`;
                for (const ref of node.addresses) {
                    add(ref.ref, item('action', `${node.$container.name}/${number}`, `plan item ${number}`, complete, reason, node, uri));
                }
            } else if (ast.isWaiver(node) && node.evidence.ref && !waivers.has(node.evidence.ref)) {
                const position = node.$cstNode?.range.start ?? { line: 0, character: 0 };
                waivers.set(node.evidence.ref, {
                    kind: node.kind as WaiverInfo['kind'], reason: node.reason, approvedBy: node.approvedBy, expires: node.expires,
                    expired: node.expires !== undefined && options.asOf !== undefined && node.expires < options.asOf,
                    node, uri, line: position.line, character: position.character
                });
            }
        }
    }

    const byEvidence = new Map<ast.Evidence, RequirementCoverage>();
    const requirements = evidenceInOrder.map(({ evidence, recommendation, framework }) => {
        const required = requiredKinds(evidence);
        const all = items.get(evidence) ?? [];
        const counted = all.filter(i => i.counts);
        const waiver = waivers.get(evidence);
        let state: CoverageState = 'uncovered';
        if (counted.length > 0 && required.every(kind => counted.some(i => i.kind === kind))) {
            state = 'covered';
        } else if (waiver && !waiver.expired) {
            state = 'waived';
        } else if (counted.length > 0) {
            state = 'wrong-kind';
        }
        const coverage: RequirementCoverage = { id: evidence.name, evidence, recommendation, framework, required, items: all, waiver, state };
        byEvidence.set(evidence, coverage);
        return coverage;
    });
    return {
        requirements,
        covered: requirements.filter(r => r.state === 'covered').length,
        waived: requirements.filter(r => r.state === 'waived').length,
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
