import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import * as ast from '../generated/ast.js';
import { planItemStatusText } from './coverage-words.js';
import { forcesOf, type ForceInfo, type ForceMap } from './forces.js';
import { effectiveStatus, inherited, planStatus } from '../inheritance.js';
import { planItemState, type PlanItemState } from './plan-history.js';
import { dayAfter } from '../dates.js';
import { assuranceLevels, type AssuranceLevel } from './assurance-levels.js';
import { startOf } from '../syntax-trees.js';
import { append } from '../arrays.js';

/** The three kinds of thing that can cover an evidence requirement. */
export type CoverageKind = 'guidance' | 'training' | 'action';

export { assuranceLevels, type AssuranceLevel } from './assurance-levels.js';
/** The level that counts as covered when neither the command nor the plan says. */
export const defaultAssurance: AssuranceLevel = 'evidenced';
const rank = (level: AssuranceLevel | undefined) => (level ? assuranceLevels.indexOf(level) + 1 : 0);

/** The recipient a force's plan answers for: recommendations made only to others are "for others". */
const forceRecipient = 'chief-constables';

/**
 * Whether a recommendation is made only to others (PCCs, the NPCC…), not to the force: listed with
 * what the force did to support it, never counted. One whose recipients are not known is the force's.
 */
export function madeToOthers(recommendation: ast.Recommendation): boolean {
    return recommendation.recipients.length > 0 && !recommendation.recipients.includes(forceRecipient);
}

/**
 * covered: by counted items of every required kind at the level asked for; suspect: it would be
 * covered, but the cover was approved before the requirement's text was revised; wrong-kind: counted
 * items exist but a required kind is missing; waived: not covered, but a plan waives it (or marks it
 * not applicable) and the waiver has not expired; for-others: the recommendation is made to others
 * (PCCs, the NPCC…), not to the force; uncovered: nothing counts.
 */
export type CoverageState = 'covered' | 'suspect' | 'wrong-kind' | 'waived' | 'for-others' | 'uncovered';

/**
 * Whether a requirement was met by its recommendation's deadline, as of the as-of date: on time,
 * met late, met (no deadline, or the date it was met is not known), overdue (not met, deadline
 * passed), due (not met, deadline to come), open (not met, no deadline).
 */
export type Timeliness = 'on-time' | 'met-late' | 'met' | 'overdue' | 'due' | 'open';

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
    /** Whether it counts as coverage at the level asked for, and if not, why not. */
    readonly counts: boolean;
    readonly reason?: string;
    /** The level of assurance it gives as of the as-of date; undefined when it is not approved or complete then. */
    readonly level?: AssuranceLevel;
    /** Approved or completed before the requirement's text was revised, and not reviewed since. */
    readonly suspect: boolean;
    /** The date it was approved or completed, when known. */
    readonly since?: string;
    /** Who answers for it: a section's or module's owner, a plan item's lead. */
    readonly owner?: string;
    /** The exhibits it cites that are on file as of the as-of date. */
    readonly exhibits: readonly ast.Exhibit[];
    readonly node: AstNode;
    readonly uri: string;
    /** Zero-based position of the item's id. */
    readonly line: number;
    readonly character: number;
}

/** The coverage of one evidence requirement, for one force. */
export interface RequirementCoverage {
    readonly id: string;
    readonly evidence: ast.Evidence;
    readonly recommendation: ast.Recommendation;
    readonly framework: ast.Framework;
    /** Kinds the framework requires, all of them; empty means any kind will do. */
    readonly required: readonly CoverageKind[];
    /** Everything of the force that addresses it, counted or not. */
    readonly items: readonly CoveringItem[];
    /** The waiver that applies to it, if any: the first that counts, else the first written (expired or not). */
    readonly waiver?: WaiverInfo;
    /** Every waiver of it, in file order: more than one is a problem (GDL0207), whatever their order. */
    readonly waivers: readonly WaiverInfo[];
    readonly state: CoverageState;
    /** The strongest level its cover reaches as of the as-of date (every required kind at that level); undefined when nothing counts. */
    readonly level?: AssuranceLevel;
    /**
     * The date since which it has been satisfied (covered or waived) at the level asked for, without a
     * break up to the as-of date; undefined when it is not satisfied, or its cover is undated.
     */
    readonly firstMet?: string;
    /** The earliest deadline of its recommendation. */
    readonly deadline?: string;
    /** Met on time, late, overdue…; undefined for a waived requirement or one made to others. */
    readonly timeliness?: Timeliness;
}

/** The coverage of one force: one entry per evidence requirement, in framework order. */
export interface CoverageModel {
    readonly force: ForceInfo;
    /** The as-of date it was computed at ('' when nothing was judged by date). */
    readonly asOf: string;
    /** The level of assurance that counts as covered. */
    readonly level: AssuranceLevel;
    /** The force's action plans. */
    readonly plans: readonly ast.ActionPlan[];
    readonly requirements: readonly RequirementCoverage[];
    readonly covered: number;
    /** Requirements satisfied by a waiver that has not expired. */
    readonly waived: number;
    readonly suspect: number;
    /** Requirements of recommendations made to others: listed, not counted in the total. */
    readonly forOthers: number;
    /** The force's own requirements (all but those made to others). */
    readonly total: number;
    /** Looks up the coverage of an evidence node. */
    of(evidence: ast.Evidence): RequirementCoverage | undefined;
}

/** The coverage of every force of a workspace. */
export interface WorkspaceCoverage {
    readonly forces: ForceMap;
    /** One model per force, in the order of `forces.forces`. */
    readonly models: readonly CoverageModel[];
    /** The model of a force (by id); the first force's without one. */
    model(forceId?: string): CoverageModel;
}

/** How the coverage model is computed. */
export interface CoverageOptions {
    /** The date coverage is computed as at (YYYY-MM-DD): material counts from its approval, plan items from their completion. Without it, nothing is judged by date. */
    readonly asOf?: string;
    /** Count draft sections and modules as if approved: "what would coverage be if the drafts were approved?". */
    readonly includeDrafts?: boolean;
    /** The level that counts as covered; otherwise the level the force's plan asks for, else evidenced. */
    readonly level?: AssuranceLevel;
}

type ItemNode = ast.Section | ast.LearningOutcome | ast.PlanItem;

/** What one document contributes to the coverage: its requirements, what it addresses, its waivers. */
export interface DocumentContribution {
    readonly evidence: Array<{ evidence: ast.Evidence; recommendation: ast.Recommendation; framework: ast.Framework }>;
    readonly items: Array<{ evidence: ast.Evidence; kind: CoverageKind; id: string; label: string; node: ItemNode; uri: string }>;
    readonly waivers: Array<{ evidence: ast.Evidence; node: ast.Waiver; uri: string }>;
    readonly plans: ast.ActionPlan[];
    /** The exhibits it declares: a force's coverage depends on them through the items that cite them. */
    readonly exhibits: ast.Exhibit[];
}

/** Whether two contributions of one document hold the same things (after a relink that changed nothing for it). */
function sameContribution(a: DocumentContribution, b: DocumentContribution): boolean {
    const same = <T>(x: readonly T[], y: readonly T[], eq: (p: T, q: T) => boolean) =>
        x.length === y.length && x.every((v, i) => eq(v, y[i]!));
    return (
        same(
            a.evidence,
            b.evidence,
            (p, q) => p.evidence === q.evidence && p.recommendation === q.recommendation && p.framework === q.framework
        ) &&
        same(
            a.items,
            b.items,
            (p, q) => p.evidence === q.evidence && p.node === q.node && p.kind === q.kind && p.id === q.id && p.label === q.label
        ) &&
        same(a.waivers, b.waivers, (p, q) => p.evidence === q.evidence && p.node === q.node) &&
        same(a.plans, b.plans, (p, q) => p === q) &&
        same(a.exhibits, b.exhibits, (p, q) => p === q)
    );
}

/**
 * What is kept between builds: each document's contribution, and each force's model with the
 * contributions it was computed from. After an edit only the forces whose files (or the shared files)
 * contribute something different are computed again.
 */
export class CoverageCache {
    private readonly contributions = new WeakMap<AstNode, DocumentContribution>();
    private readonly stale = new WeakMap<AstNode, DocumentContribution>();
    /** Each force's model by force id, with what it was computed from. */
    readonly models = new Map<string, { key: string; inputs: readonly DocumentContribution[]; model: CoverageModel }>();
    private forces: ForceMap | undefined;

    /**
     * The workspace's forces: the earlier build's, when they are the same declarations in the same
     * folders (so a kept model's force is the very force this build names); when they change, every
     * model is computed again.
     */
    forcesOf(documents: readonly LangiumDocument[]): ForceMap {
        const found = forcesOf(documents);
        const before = this.forces;
        const same =
            before !== undefined &&
            before.declared === found.declared &&
            before.forces.length === found.forces.length &&
            before.forces.every((f, i) => {
                const g = found.forces[i]!;
                return f.id === g.id && f.title === g.title && f.folder === g.folder && f.node === g.node;
            });
        if (!same) {
            this.forces = found;
            this.models.clear();
        }
        return this.forces!;
    }

    /** A document was linked again: its references may resolve to other things now. */
    relinked(root: AstNode): void {
        const contribution = this.contributions.get(root);
        if (contribution) {
            this.stale.set(root, contribution);
            this.contributions.delete(root);
        }
    }

    /** The document's contribution: kept, or walked again (and the earlier object kept when nothing changed, so models can be reused). */
    contributionOf(document: LangiumDocument): DocumentContribution {
        const root = document.parseResult.value;
        let contribution = this.contributions.get(root);
        if (!contribution) {
            contribution = documentContribution(document);
            const before = this.stale.get(root);
            if (before && sameContribution(before, contribution)) {
                contribution = before;
            }
            this.stale.delete(root);
            this.contributions.set(root, contribution);
        }
        return contribution;
    }
}

/** Walks one linked document once; the result depends on nothing outside it but its resolved references. */
export function documentContribution(document: LangiumDocument): DocumentContribution {
    const contribution: DocumentContribution = { evidence: [], items: [], waivers: [], plans: [], exhibits: [] };
    const root = document.parseResult.value;
    if (!ast.isGdlFile(root)) {
        return contribution;
    }
    const uri = document.uri.toString();
    // One covering item for each requirement a section, learning outcome or plan item addresses.
    const address = (node: ItemNode, kind: CoverageKind, id: string, label: string) => {
        for (const ref of node.addresses) {
            if (ref.ref) {
                contribution.items.push({ evidence: ref.ref, kind, id, label, node, uri });
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
            address(node, 'guidance', node.name, `guidance §${node.name}`);
        } else if (ast.isLearningOutcome(node)) {
            address(node, 'training', node.name, `module ${node.$container.name} outcome ${node.name}`);
        } else if (ast.isPlanItem(node)) {
            // A tree recovered from a syntax error may lack even required properties.
            const number = node.recommendation?.$refText ?? '?';
            address(node, 'action', `${node.$container.name}/${number}`, `plan item ${number}`);
        } else if (ast.isWaiver(node) && node.evidence?.ref) {
            contribution.waivers.push({ evidence: node.evidence.ref, node, uri });
        } else if (ast.isActionPlan(node)) {
            contribution.plans.push(node);
        } else if (ast.isExhibit(node)) {
            contribution.exhibits.push(node);
        }
    }
    return contribution;
}

/** The end of time: as of it, everything dated has happened. */
const END = '9999-12-31';
/** The beginning of time: what is undated counts from it. */
const START = '';

/** What a covering item gives at one date. */
interface ItemAt {
    readonly level?: AssuranceLevel;
    /** Why it gives nothing (not approved then, in progress…), or why not more (narrative only). */
    readonly reason?: string;
    readonly suspect: boolean;
    readonly exhibits: readonly ast.Exhibit[];
}

/** A covering item whose cover can be read at any date. */
interface Timeline {
    readonly kind: CoverageKind;
    readonly id: string;
    readonly label: string;
    readonly node: ItemNode;
    readonly uri: string;
    readonly owner?: string;
    /** The dates its cover can change on. */
    readonly dates: readonly string[];
    since(): string | undefined;
    at(date: string): ItemAt;
}

/** Whether an exhibit is on file at a date: from its `dated` (an undated one always). */
export function isOnFile(exhibit: ast.Exhibit, date: string): boolean {
    return exhibit.dated === undefined || exhibit.dated <= date;
}

/** The exhibits on file at a date, and whether one of them is verified by then, for an item led by `lead`. */
function exhibitsAt(
    exhibits: readonly ast.Exhibit[],
    date: string,
    lead: string | undefined
): { onFile: ast.Exhibit[]; verified: boolean } {
    const onFile = exhibits.filter(e => isOnFile(e, date));
    const who = (name: string | undefined) => (name ?? '').trim().toLowerCase();
    const verified = onFile.some(
        e => e.verifiedBy !== undefined && e.verified !== undefined && e.verified <= date && who(e.verifiedBy) !== who(lead)
    );
    return { onFile, verified };
}

function exhibitDates(exhibits: readonly ast.Exhibit[]): string[] {
    return exhibits.flatMap(e => [e.dated, e.verified]).filter((d): d is string => d !== undefined);
}

/** The section or module whose approval governs an item of guidance or training. */
function governing(node: ast.Section | ast.LearningOutcome): ast.Section | ast.TrainingModule {
    return ast.isLearningOutcome(node) ? node.$container : node;
}

function approvedOn(node: ast.Section | ast.TrainingModule): string | undefined {
    return ast.isSection(node) ? inherited(node, n => n.approved) : node.approved;
}

function withdrawnOn(node: ast.Section | ast.TrainingModule): string | undefined {
    return ast.isSection(node) ? inherited(node, n => n.withdrawn) : node.withdrawn;
}

/** When the cover was last reviewed against the framework's text: its own `reviewed`, or its enclosing section's or document's. */
function reviewedOn(node: ast.Section | ast.TrainingModule): string | undefined {
    return ast.isSection(node) ? inherited(node, n => n.reviewed) : node.reviewed;
}

function ownerOf(node: ast.Section | ast.TrainingModule): string | undefined {
    return ast.isSection(node) ? inherited(node, n => n.owner) : node.owner;
}

function exhibitsOf(node: ast.Section | ast.TrainingModule): ast.Exhibit[] {
    const own: ast.Exhibit[] = [];
    let current: AstNode | undefined = node;
    while (ast.isSection(current) || ast.isTrainingModule(current)) {
        append(
            own,
            current.exhibits.map(r => r.ref).filter((e): e is ast.Exhibit => e !== undefined)
        );
        current = ast.isSection(current) ? current.$container : undefined;
    }
    return own;
}

/** Whether approved guidance or training counts at a date, and if not, why not. */
export function materialAt(node: ast.Section | ast.TrainingModule, date: string, includeDrafts = false): string | undefined {
    const what = ast.isSection(node) ? 'section' : 'module';
    const status = effectiveStatus(node);
    const approved = approvedOn(node);
    if (status === 'draft') {
        return includeDrafts ? undefined : `${what} is draft`;
    }
    if (approved !== undefined && approved > date) {
        return `approved on ${approved}, after ${date}`;
    }
    if (status === 'withdrawn') {
        const withdrawn = withdrawnOn(node);
        if (withdrawn === undefined) {
            return `${what} is withdrawn`;
        }
        if (withdrawn <= date) {
            return `withdrawn on ${withdrawn}`;
        }
    }
    return undefined;
}

/** A covering thing's material: a section, or a training module (for its outcomes). */
type Material = ast.Section | ast.TrainingModule;

/**
 * The sections and modules within what plan items cite (guidance, sections, modules, outcomes, course packs) whose
 * material addresses each requirement: each cited thing is walked once, however many plan items cite it and however
 * many requirements they address. Walking the cited guidance again for every requirement of every item was
 * quadratic in one file: a plan of 800 items citing a guidance document of 4,000 sections took 40 s.
 */
export class MaterialAddressing {
    private readonly byTarget = new Map<ast.Evidenceable, Map<ast.Evidence, Material[]>>();
    /** How many cited things were walked (each once). */
    walks = 0;

    /** The sections and modules within `target` whose material addresses `evidence`, in the order of the text. */
    of(target: ast.Evidenceable, evidence: ast.Evidence): readonly Material[] {
        let index = this.byTarget.get(target);
        if (!index) {
            this.walks++;
            index = materialByEvidence(target);
            this.byTarget.set(target, index);
        }
        return index.get(evidence) ?? [];
    }
}

// Within a target: a section and the sections below it (a guidance document: its sections), an outcome's module, a
// module, or each module of a course pack (as often as it lists it), under each requirement it addresses, once each.
function materialByEvidence(target: ast.Evidenceable): Map<ast.Evidence, Material[]> {
    const index = new Map<ast.Evidence, Material[]>();
    const add = (material: Material, addressing: ReadonlyArray<ast.Section | ast.LearningOutcome>) => {
        const evidence = new Set(addressing.flatMap(n => n.addresses.map(r => r.ref).filter((e): e is ast.Evidence => e !== undefined)));
        for (const e of evidence) {
            const list = index.get(e);
            if (list) {
                list.push(material);
            } else {
                index.set(e, [material]);
            }
        }
    };
    if (ast.isSection(target) || ast.isGuidance(target)) {
        const sections = AstUtils.streamAllContents(target).filter(ast.isSection).toArray();
        for (const section of ast.isSection(target) ? [target, ...sections] : sections) {
            add(section, [section]);
        }
    } else if (ast.isLearningOutcome(target)) {
        add(target.$container, [target]);
    } else {
        const modules = ast.isTrainingModule(target) ? [target] : target.modules.map(m => m.ref);
        for (const module of modules) {
            if (module !== undefined) {
                add(module, module.outcomes);
            }
        }
    }
    return index;
}

function suspectAt(evidence: ast.Evidence, date: string, certified: string | undefined): boolean {
    return evidence.revised !== undefined && evidence.revised <= date && (certified === undefined || certified < evidence.revised);
}

/** A date that has happened by `date`, else undefined. */
const by = (when: string | undefined, date: string) => (when !== undefined && when <= date ? when : undefined);

const latest = (...dates: Array<string | undefined>) =>
    dates.filter((d): d is string => d !== undefined).reduce<string | undefined>((a, b) => (a === undefined || b > a ? b : a), undefined);

function materialTimeline(
    raw: DocumentContribution['items'][number] & { node: ast.Section | ast.LearningOutcome },
    includeDrafts: boolean,
    sameForce: (node: AstNode) => boolean
): Timeline {
    const governed = governing(raw.node);
    const owner = ownerOf(governed);
    const exhibits = exhibitsOf(governed).filter(sameForce);
    const approved = approvedOn(governed);
    return {
        kind: raw.kind,
        id: raw.id,
        label: raw.label,
        node: raw.node,
        uri: raw.uri,
        owner,
        dates: [approved, withdrawnOn(governed), reviewedOn(governed), ...exhibitDates(exhibits)].filter(
            (d): d is string => d !== undefined
        ),
        since: () => approved,
        at: date => {
            const reason = materialAt(governed, date, includeDrafts);
            if (reason) {
                return { reason, suspect: false, exhibits: [] };
            }
            const { onFile, verified } = exhibitsAt(exhibits, date, owner);
            const suspect = suspectAt(raw.evidence, date, latest(approved, by(reviewedOn(governed), date)));
            return { level: verified ? 'verified' : 'evidenced', suspect, exhibits: onFile };
        }
    };
}

function planTimeline(
    raw: DocumentContribution['items'][number] & { node: ast.PlanItem },
    includeDrafts: boolean,
    sameForce: (node: AstNode) => boolean,
    addressing: MaterialAddressing
): Timeline {
    const item = raw.node;
    const exhibits = item.exhibits.map(r => r.ref).filter((e): e is ast.Exhibit => e !== undefined && sameForce(e));
    // The cited material that itself addresses the requirement: what can back the item besides an exhibit.
    const backing = item.links
        .map(r => r.ref)
        .filter((t): t is ast.Evidenceable => t !== undefined)
        .filter(sameForce)
        .flatMap(t => addressing.of(t, raw.evidence));
    const linkDates = backing.flatMap(g => [approvedOn(g), withdrawnOn(g)]);
    const completedOn = (date: string): string | undefined => planItemState(item, date).completedOn;
    return {
        kind: raw.kind,
        id: raw.id,
        label: raw.label,
        node: raw.node,
        uri: raw.uri,
        owner: item.lead,
        dates: [...item.history.map(u => u.date), item.updated, item.reviewed, ...exhibitDates(exhibits), ...linkDates].filter(
            (d): d is string => d !== undefined
        ),
        since: () => completedOn(END),
        at: date => {
            // A plan not yet approved (an imported page, typically) answers nothing until it is.
            const status = planStatus(item.$container);
            if (status === 'withdrawn' || (status === 'draft' && !includeDrafts)) {
                return { reason: `the plan is ${status}`, suspect: false, exhibits: [] };
            }
            const state: PlanItemState = planItemState(item, date);
            if (state.status !== 'complete') {
                const reason =
                    state.status === undefined ? `plan item had no update by ${date}` : `plan item is ${planItemStatusText(state)}`;
                return { reason, suspect: false, exhibits: [] };
            }
            const { onFile, verified } = exhibitsAt(exhibits, date, item.lead);
            const backed = onFile.length > 0 || backing.some(g => materialAt(g, date, includeDrafts) === undefined);
            const suspect = suspectAt(raw.evidence, date, latest(state.completedOn, by(item.reviewed, date)));
            if (!backed) {
                return {
                    level: 'addressed',
                    reason: `narrative only: it cites no exhibit and no approved material that addresses ${raw.evidence.name}`,
                    suspect,
                    exhibits: []
                };
            }
            return { level: verified ? 'verified' : 'evidenced', suspect, exhibits: onFile };
        }
    };
}

/** The state of a requirement at one date, from its items and waivers. */
function stateAt(
    required: readonly CoverageKind[],
    items: ReadonlyArray<{ kind: CoverageKind; at: ItemAt }>,
    waiverCounts: boolean,
    threshold: AssuranceLevel
): { state: CoverageState; level?: AssuranceLevel } {
    const meets = (min: AssuranceLevel, withSuspect: boolean) => {
        const counted = items.filter(i => rank(i.at.level) >= rank(min) && (withSuspect || !i.at.suspect));
        return { any: counted.length > 0, all: counted.length > 0 && required.every(kind => counted.some(i => i.kind === kind)) };
    };
    // The strongest level at which every required kind is met; for cover of the wrong kind, the strongest any item reaches.
    const strongest = [...assuranceLevels].reverse();
    const level = strongest.find(l => meets(l, false).all) ?? strongest.find(l => meets(l, false).any);
    const sound = meets(threshold, false);
    if (sound.all) {
        return { state: 'covered', level };
    }
    if (meets(threshold, true).all) {
        return { state: 'suspect', level };
    }
    if (waiverCounts) {
        return { state: 'waived', level };
    }
    return { state: sound.any ? 'wrong-kind' : 'uncovered', level };
}

/** The level a force asks for: the command's, else its plan's `assurance`, else evidenced. */
function thresholdOf(plans: readonly ast.ActionPlan[], options: CoverageOptions): AssuranceLevel {
    return options.level ?? (plans.map(p => p.assurance).find(a => a !== undefined) as AssuranceLevel | undefined) ?? defaultAssurance;
}

/**
 * Computes the coverage of every force from every document in the workspace. Pure: it reads the
 * linked ASTs and nothing else, so the server, the CLI and the generator agree. `cache` keeps each
 * document's contribution and each force's model between builds (the server marks a document's
 * contribution stale whenever it is relinked).
 */
export function computeWorkspaceCoverage(
    documents: Iterable<LangiumDocument>,
    options: CoverageOptions = {},
    cache?: CoverageCache
): WorkspaceCoverage {
    const asOf = options.asOf ?? END;
    const includeDrafts = options.includeDrafts === true;
    const sortedDocs = [...documents].sort((a, b) => (a.uri.toString() < b.uri.toString() ? -1 : 1));
    const forces = cache ? cache.forcesOf(sortedDocs) : forcesOf(sortedDocs);
    const evidenceInOrder: DocumentContribution['evidence'] = [];
    type Own = {
        items: DocumentContribution['items'];
        waivers: DocumentContribution['waivers'];
        plans: ast.ActionPlan[];
        inputs: DocumentContribution[];
    };
    const perForce = new Map<ForceInfo, Own>(forces.forces.map(f => [f, { items: [], waivers: [], plans: [], inputs: [] }]));
    const shared: DocumentContribution[] = [];
    for (const document of sortedDocs) {
        const contribution = cache ? cache.contributionOf(document) : documentContribution(document);
        append(evidenceInOrder, contribution.evidence);
        // Material outside every force's folder answers for none (the check says so where it is).
        const own = perForce.get(forces.of(document.uri.toString())!);
        if (own) {
            append(own.items, contribution.items);
            append(own.waivers, contribution.waivers);
            append(own.plans, contribution.plans);
            own.inputs.push(contribution);
        } else {
            shared.push(contribution);
        }
    }
    // Whatever order the files were read in: frameworks by name.
    evidenceInOrder.sort((a, b) => (a.framework === b.framework ? 0 : a.framework.name < b.framework.name ? -1 : 1));
    // A force's model depends only on the shared files and its own: reused while they contribute the same
    // (and the forces, the date, the drafts and the level are the same).
    const models = forces.forces.map(force => {
        const own = perForce.get(force)!;
        const threshold = thresholdOf(own.plans, options);
        const inputs = [...shared, ...own.inputs];
        const key = `${asOf}|${includeDrafts}|${threshold}`;
        const kept = cache?.models.get(force.id);
        if (kept && kept.key === key && kept.inputs.length === inputs.length && kept.inputs.every((c, i) => c === inputs[i])) {
            return kept.model;
        }
        const sameForce = (node: AstNode) => forces.of(AstUtils.getDocument(node).uri.toString()) === force;
        const model = forceModel(force, evidenceInOrder, own, threshold, asOf, includeDrafts, sameForce);
        cache?.models.set(force.id, { key, inputs, model });
        return model;
    });
    return {
        forces,
        models,
        model: forceId => models.find(m => m.force.id === forceId) ?? models[0]!
    };
}

/** The coverage of one force (the first, or the only one, without `force`). */
export function computeCoverage(
    documents: Iterable<LangiumDocument>,
    options: CoverageOptions = {},
    cache?: CoverageCache,
    forceId?: string
): CoverageModel {
    return computeWorkspaceCoverage(documents, options, cache).model(forceId);
}

const kindRank = { guidance: 0, training: 1, action: 2 } as const;

function forceModel(
    force: ForceInfo,
    evidenceInOrder: DocumentContribution['evidence'],
    own: { items: DocumentContribution['items']; waivers: DocumentContribution['waivers']; plans: ast.ActionPlan[] },
    threshold: AssuranceLevel,
    asOf: string,
    includeDrafts: boolean,
    sameForce: (node: AstNode) => boolean
): CoverageModel {
    const timelines = new Map<ast.Evidence, Timeline[]>();
    const addressing = new MaterialAddressing();
    for (const raw of own.items) {
        const timeline = ast.isPlanItem(raw.node)
            ? planTimeline(raw as typeof raw & { node: ast.PlanItem }, includeDrafts, sameForce, addressing)
            : materialTimeline(raw as typeof raw & { node: ast.Section | ast.LearningOutcome }, includeDrafts, sameForce);
        const list = timelines.get(raw.evidence) ?? [];
        list.push(timeline);
        timelines.set(raw.evidence, list);
    }
    const waiverNodes = new Map<ast.Evidence, Array<{ node: ast.Waiver; uri: string }>>();
    for (const w of own.waivers) {
        const list = waiverNodes.get(w.evidence) ?? [];
        list.push(w);
        waiverNodes.set(w.evidence, list);
    }
    // Covering items by kind then id, whatever order the files were read in.
    for (const list of timelines.values()) {
        list.sort(
            (a, b) =>
                kindRank[a.kind] - kindRank[b.kind] || (a.id < b.id ? -1 : a.id > b.id ? 1 : a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0)
        );
    }
    const byEvidence = new Map<ast.Evidence, RequirementCoverage>();
    const requirements = evidenceInOrder.map(({ evidence, recommendation, framework }) => {
        const required = requiredKinds(evidence);
        const lines = timelines.get(evidence) ?? [];
        const ofIt = (waiverNodes.get(evidence) ?? []).map(w => waiverInfo(w.node, w.uri, asOf === END ? undefined : asOf));
        const waiver = ofIt.find(w => w.counts) ?? ofIt[0];
        const now = lines.map(t => ({ kind: t.kind, at: t.at(asOf) }));
        const forOthers = madeToOthers(recommendation);
        const judged = stateAt(required, now, waiver?.counts === true, threshold);
        const state: CoverageState = forOthers ? 'for-others' : judged.state;
        const items = lines.map((t, i) => {
            const at = now[i]!.at;
            const reached = rank(at.level) >= rank(threshold);
            const counts = reached && !at.suspect;
            const reason = counts
                ? undefined
                : at.suspect
                  ? `suspect: ${t.since() ? `approved or completed on ${t.since()}, ` : ''}before ${evidence.name} was revised on ${evidence.revised}`
                  : (at.reason ?? `${at.level ?? 'nothing'} only, not ${threshold}`);
            return new Item({
                kind: t.kind,
                id: t.id,
                label: t.label,
                counts,
                reason,
                level: at.level,
                suspect: at.suspect,
                since: t.since(),
                owner: t.owner,
                exhibits: at.exhibits,
                node: t.node as AstNode,
                uri: t.uri
            });
        });
        const deadline = recommendation.deadlines.map(d => d.date).sort()[0];
        // When it was first met is worked out only when a report asks: the checks and the editor need the state alone.
        const judgeTime = (): Met => {
            const first =
                state === 'covered' || state === 'waived'
                    ? firstSatisfied(evidence, lines, waiverNodes.get(evidence) ?? [], required, threshold, asOf)
                    : undefined;
            const timeliness: Timeliness | undefined =
                state === 'for-others' || state === 'waived'
                    ? undefined
                    : state === 'covered'
                      ? !deadline || first === undefined || first === START
                          ? 'met'
                          : first <= deadline
                            ? 'on-time'
                            : 'met-late'
                      : deadline === undefined
                        ? 'open'
                        : deadline < asOf
                          ? 'overdue'
                          : 'due';
            return { firstMet: first === START ? undefined : first, timeliness };
        };
        const coverage = new Requirement(
            {
                id: evidence.name,
                evidence,
                recommendation,
                framework,
                required,
                items,
                waiver,
                waivers: ofIt,
                state,
                level: judged.level,
                deadline
            },
            judgeTime
        );
        byEvidence.set(evidence, coverage);
        return coverage;
    });
    const count = (state: CoverageState) => requirements.filter(r => r.state === state).length;
    return {
        force,
        asOf: asOf === END ? '' : asOf,
        level: threshold,
        plans: own.plans,
        requirements,
        covered: count('covered'),
        waived: count('waived'),
        suspect: count('suspect'),
        forOthers: count('for-others'),
        total: requirements.length - count('for-others'),
        of: evidence => byEvidence.get(evidence)
    };
}

/** The date (START for undated cover) since which a requirement has been covered or waived without a break, up to the as-of date. */
function firstSatisfied(
    evidence: ast.Evidence,
    lines: readonly Timeline[],
    waivers: ReadonlyArray<{ node: ast.Waiver; uri: string }>,
    required: readonly CoverageKind[],
    threshold: AssuranceLevel,
    asOf: string
): string | undefined {
    const candidates = new Set<string>([START]);
    for (const line of lines) {
        line.dates.forEach(d => candidates.add(d));
    }
    for (const w of waivers) {
        if (w.node.approved) {
            candidates.add(w.node.approved);
        }
        if (w.node.expires) {
            candidates.add(dayAfter(w.node.expires));
        }
    }
    if (evidence.revised) {
        candidates.add(evidence.revised);
    }
    // The start of the unbroken run of dates on which it is satisfied that reaches the as-of date: cover
    // that lapsed (withdrawn, expired, suspect after a revision) and came back is met from its return.
    let since: string | undefined;
    for (const date of [...candidates].filter(d => d <= asOf).sort()) {
        const at = date === START ? '0000-00-00' : date;
        const items = lines.map(t => ({ kind: t.kind, at: t.at(at) }));
        const waived = waivers.some(w => waiverInfo(w.node, w.uri, at).counts);
        const { state } = stateAt(required, items, waived, threshold);
        since = state === 'covered' || state === 'waived' ? (since ?? date) : undefined;
    }
    return since;
}

/** The kinds of coverage an evidence requirement needs: its own `requires`, else its recommendation's. */
export function requiredKinds(evidence: ast.Evidence): CoverageKind[] {
    const own = evidence.requires.length > 0 ? evidence.requires : evidence.$container.requires;
    return [...new Set(own)] as CoverageKind[];
}

/**
 * A class for covering items or waivers: their fields as given, and where they start worked out only when a report
 * or the editor asks (most builds never do). The getters are the class's: objects given getters of their own
 * (`Object.defineProperties` with a closure each) cannot share a shape, and V8 keeps them as dictionaries of about
 * 800 bytes; at 10,000 requirements that was a tenth of the check's heap.
 */
function positioned<T extends { readonly node: AstNode }>(): new (fields: T) => T & { readonly line: number; readonly character: number } {
    return class {
        declare readonly node: AstNode;

        constructor(fields: T) {
            Object.assign(this, fields);
        }

        /** Zero-based line of the node's start. */
        get line(): number {
            return startOf(this.node).line;
        }

        get character(): number {
            return startOf(this.node).character;
        }
    } as unknown as new (fields: T) => T & { readonly line: number; readonly character: number };
}

const Item = positioned<Omit<CoveringItem, 'line' | 'character'>>();
const Waiver = positioned<Omit<WaiverInfo, 'line' | 'character'>>();

/** When a requirement was first met, and so whether on time. */
interface Met {
    readonly firstMet?: string;
    readonly timeliness?: Timeliness;
}

/** A requirement's coverage, with when it was first met worked out on the first question (a class: see {@link positioned}). */
const Requirement = class {
    private met: Met | (() => Met);

    constructor(fields: Omit<RequirementCoverage, 'firstMet' | 'timeliness'>, judgeTime: () => Met) {
        Object.assign(this, fields);
        this.met = judgeTime;
    }

    get firstMet(): string | undefined {
        return this.judged().firstMet;
    }

    get timeliness(): Timeliness | undefined {
        return this.judged().timeliness;
    }

    private judged(): Met {
        if (typeof this.met === 'function') {
            this.met = this.met();
        }
        return this.met;
    }
} as unknown as new (fields: Omit<RequirementCoverage, 'firstMet' | 'timeliness'>, judgeTime: () => Met) => RequirementCoverage;

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
    return new Waiver({
        kind: node.kind as WaiverInfo['kind'],
        reason: node.reason,
        approvedBy: node.approvedBy,
        expires: node.expires,
        expired,
        counts: notCounted === undefined,
        notCounted,
        node,
        uri
    });
}
