import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import * as ast from '../generated/ast.js';
import { planItemStatusText } from './coverage-words.js';
import { effectiveStatus } from '../inheritance.js';

/** The three kinds of thing that can cover an evidence requirement. */
export type CoverageKind = 'guidance' | 'training' | 'action';

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
    /** Whether it satisfies the requirement as of the as-of date: complete, approved by then, not expired. */
    readonly counts: boolean;
    /** Why it does not count, when it does not ("expired on 2025-12-31"). */
    readonly notCounted?: string;
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
    /** The waiver that applies to it, if any: the first that counts, else the first written (expired or not). */
    readonly waiver?: WaiverInfo;
    /** Every waiver of it, in file order: more than one is a problem (GDL0207), whatever their order. */
    readonly waivers: readonly WaiverInfo[];
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

/** How the coverage model is computed. */
export interface CoverageOptions {
    /** The date waivers are judged against (YYYY-MM-DD); without it no waiver has expired. */
    readonly asOf?: string;
    /** Count draft sections and modules as if approved: "what would coverage be if the drafts were approved?". */
    readonly includeDrafts?: boolean;
}

/** What one document contributes to the coverage: its requirements, what it addresses, its waivers. */
export interface DocumentContribution {
    readonly evidence: Array<{ evidence: ast.Evidence; recommendation: ast.Recommendation; framework: ast.Framework }>;
    readonly items: Array<{
        evidence: ast.Evidence;
        kind: CoverageKind;
        id: string;
        label: string;
        status?: ast.Status;
        complete?: boolean;
        planReason?: string;
        node: AstNode;
        uri: string;
    }>;
    readonly waivers: Array<{ evidence: ast.Evidence; node: ast.Waiver; uri: string }>;
}

/** Walks one linked document once; the result depends on nothing outside it but its resolved references. */
export function documentContribution(document: LangiumDocument): DocumentContribution {
    const contribution: DocumentContribution = { evidence: [], items: [], waivers: [] };
    const root = document.parseResult.value;
    if (!ast.isGdlFile(root)) {
        return contribution;
    }
    const uri = document.uri.toString();
    // One covering item for each requirement a section, learning outcome or plan item addresses.
    type Item = DocumentContribution['items'][number];
    const address = (node: ast.Section | ast.LearningOutcome | ast.PlanItem, item: Omit<Item, 'evidence' | 'node' | 'uri'>) => {
        for (const ref of node.addresses) {
            if (ref.ref) {
                contribution.items.push({ ...item, evidence: ref.ref, node, uri });
            }
        }
    };
    for (const node of AstUtils.streamAllContents(root)) {
        if (ast.isFramework(node)) {
            // A tree recovered from a syntax error may hold a requirement without its id: the syntax
            // error is reported; a requirement with no id cannot be covered, listed or sorted.
            for (const recommendation of node.recommendations.filter(r => r.name !== undefined)) {
                for (const evidence of recommendation.evidence.filter(e => typeof e.name === 'string')) {
                    contribution.evidence.push({ evidence, recommendation, framework: node });
                }
            }
        } else if (ast.isSection(node)) {
            address(node, { kind: 'guidance', id: node.name, label: `guidance §${node.name}`, status: effectiveStatus(node) });
        } else if (ast.isLearningOutcome(node)) {
            const module = node.$container;
            address(node, {
                kind: 'training',
                id: node.name,
                label: `module ${module.name} outcome ${node.name}`,
                status: effectiveStatus(module)
            });
        } else if (ast.isPlanItem(node)) {
            // A tree recovered from a syntax error may lack even required properties.
            const number = node.recommendation?.$refText ?? '?';
            const complete = node.status === 'complete';
            address(node, {
                kind: 'action',
                id: `${node.$container.name}/${number}`,
                label: `plan item ${number}`,
                complete,
                planReason: complete ? undefined : `plan item is ${planItemStatusText(node)}`
            });
        } else if (ast.isWaiver(node) && node.evidence?.ref) {
            contribution.waivers.push({ evidence: node.evidence.ref, node, uri });
        }
    }
    return contribution;
}

/**
 * Computes the coverage model from every document in the workspace. Pure: it reads the linked ASTs
 * and nothing else, so the server, the CLI and the generator agree. `cache` keeps each document's
 * contribution between builds (the server drops a document's entry whenever it is relinked).
 */
export function computeCoverage(
    documents: Iterable<LangiumDocument>,
    options: CoverageOptions = {},
    cache?: WeakMap<AstNode, DocumentContribution>
): CoverageModel {
    const counts = (status: ast.Status) => status === 'approved' || (options.includeDrafts === true && status === 'draft');
    const waivers = new Map<ast.Evidence, WaiverInfo[]>();
    const evidenceInOrder: DocumentContribution['evidence'] = [];
    const items = new Map<ast.Evidence, CoveringItem[]>();
    const sortedDocs = [...documents].sort((a, b) => (a.uri.toString() < b.uri.toString() ? -1 : 1));
    for (const document of sortedDocs) {
        const root = document.parseResult.value;
        let contribution = cache?.get(root);
        if (!contribution) {
            contribution = documentContribution(document);
            cache?.set(root, contribution);
        }
        evidenceInOrder.push(...contribution.evidence);
        for (const raw of contribution.items) {
            const ok = raw.kind === 'action' ? raw.complete === true : counts(raw.status ?? 'draft');
            const reason = ok
                ? undefined
                : raw.kind === 'action'
                  ? raw.planReason
                  : `${raw.kind === 'guidance' ? 'section' : 'module'} is ${raw.status}`;
            const list = items.get(raw.evidence) ?? [];
            list.push(item(raw.kind, raw.id, raw.label, ok, reason, raw.node, raw.uri));
            items.set(raw.evidence, list);
        }
        for (const { evidence, node, uri } of contribution.waivers) {
            const list = waivers.get(evidence) ?? [];
            list.push(waiverInfo(node, uri, options.asOf));
            waivers.set(evidence, list);
        }
    }

    // Whatever order the files were read in: frameworks by name, covering items by kind then id.
    evidenceInOrder.sort((a, b) => (a.framework === b.framework ? 0 : a.framework.name < b.framework.name ? -1 : 1));
    const kindRank = { guidance: 0, training: 1, action: 2 } as const;
    for (const list of items.values()) {
        list.sort(
            (a, b) =>
                kindRank[a.kind] - kindRank[b.kind] || (a.id < b.id ? -1 : a.id > b.id ? 1 : a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0)
        );
    }
    const byEvidence = new Map<ast.Evidence, RequirementCoverage>();
    const requirements = evidenceInOrder.map(({ evidence, recommendation, framework }) => {
        const required = requiredKinds(evidence);
        const all = items.get(evidence) ?? [];
        const counted = all.filter(i => i.counts);
        const ofIt = waivers.get(evidence) ?? [];
        const waiver = ofIt.find(w => w.counts) ?? ofIt[0];
        let state: CoverageState = 'uncovered';
        if (counted.length > 0 && required.every(kind => counted.some(i => i.kind === kind))) {
            state = 'covered';
        } else if (waiver?.counts) {
            state = 'waived';
        } else if (counted.length > 0) {
            state = 'wrong-kind';
        }
        const coverage: RequirementCoverage = {
            id: evidence.name,
            evidence,
            recommendation,
            framework,
            required,
            items: all,
            waiver,
            waivers: ofIt,
            state
        };
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

// Positions are computed only when a report or the editor asks for them: most builds never do.
function withStart<T extends object>(fields: T, node: AstNode): T & { readonly line: number; readonly character: number } {
    return Object.defineProperties(fields, {
        line: { get: () => node.$cstNode?.range.start.line ?? 0, enumerable: true },
        character: { get: () => node.$cstNode?.range.start.character ?? 0, enumerable: true }
    }) as T & { readonly line: number; readonly character: number };
}

function item(
    kind: CoverageKind,
    id: string,
    label: string,
    counts: boolean,
    reason: string | undefined,
    node: AstNode,
    uri: string
): CoveringItem {
    return withStart({ kind, id, label, counts, reason, node, uri }, node);
}

/** What a waiver lacks to be complete: a reason, who approved it, and (for a waiver, not a not-applicable) an expiry date. */
export function missingWaiverFields(node: ast.Waiver): string[] {
    return [!node.reason && 'reason', !node.approvedBy && 'approved-by', node.kind === 'waive' && !node.expires && 'expires'].filter(
        (m): m is string => typeof m === 'string'
    );
}

function waiverInfo(node: ast.Waiver, uri: string, asOf: string | undefined): WaiverInfo {
    const expired = node.expires !== undefined && asOf !== undefined && node.expires < asOf;
    const missing = missingWaiverFields(node);
    const notCounted =
        missing.length > 0
            ? `incomplete: no ${missing.join(', ')}`
            : node.approved !== undefined && asOf !== undefined && node.approved > asOf
              ? `approved on ${node.approved}, after ${asOf}`
              : expired
                ? `expired on ${node.expires}`
                : undefined;
    return withStart(
        {
            kind: node.kind as WaiverInfo['kind'],
            reason: node.reason,
            approvedBy: node.approvedBy,
            expires: node.expires,
            expired,
            counts: notCounted === undefined,
            notCounted,
            node,
            uri
        },
        node
    );
}
