import { AstUtils, MultiMap, type AstNode, type LangiumDocument } from 'langium';
import {
    madeToOthers,
    type AssuranceLevel,
    type CoverageModel,
    type CoverageState,
    type RequirementCoverage,
    type Timeliness,
    type WorkspaceCoverage
} from './coverage-model.js';
import { compareIds, isSatisfied } from './coverage-words.js';
import { forceName } from './forces.js';
import { planItemState } from './plan-history.js';
import { inherited } from '../inheritance.js';
import * as ast from '../generated/ast.js';
import { append } from '../arrays.js';

/** Version of the report's JSON shape; schemas/coverage-report-<version>.schema.json describes it. */
export const REPORT_SCHEMA_VERSION = '1.2';

/** A place in a source file, relative to the workspace folder, one-based. */
export interface SourceLocation {
    file: string;
    line: number;
    column: number;
}

/** An exhibit: evidence on file. */
export interface ReportExhibit extends SourceLocation {
    id: string;
    title: string;
    kind: string | null;
    dated: string | null;
    owner: string | null;
    /** Where it is: a file of the workspace (relative to it) or an address. */
    where: string | null;
    verifiedBy: string | null;
    verified: string | null;
}

export interface ReportItem extends SourceLocation {
    kind: 'guidance' | 'training' | 'action';
    id: string;
    label: string;
    counts: boolean;
    reason: string | null;
    audiences: string[];
    /** The level of assurance it gives as of the report's date (null: not approved or complete then). */
    level: AssuranceLevel | null;
    /** Approved before the requirement was revised, and not reviewed since. */
    suspect: boolean;
    /** When it was approved or completed. */
    since: string | null;
    /** Its owner or lead. */
    owner: string | null;
    exhibits: ReportExhibit[];
}

export interface ReportWaiver extends SourceLocation {
    kind: 'waive' | 'not-applicable';
    reason: string | null;
    approvedBy: string | null;
    expires: string | null;
    expired: boolean;
    /** Whether it satisfies the requirement as of the report's date. */
    counts: boolean;
    /** Why it does not count (incomplete, approved after the as-of date, expired). */
    notCounted: string | null;
}

export interface ReportRequirement extends SourceLocation {
    id: string;
    recommendation: string;
    framework: string;
    text: string | null;
    untexted: string | null;
    state: CoverageState;
    required: string[];
    deadline: string | null;
    overdue: boolean;
    /** The strongest level its cover reaches (null: nothing approved or complete addresses it). */
    level: AssuranceLevel | null;
    /** The date since which it has been satisfied at the report's level, without a break. */
    firstMet: string | null;
    /** On time, met late, overdue…; null when waived or made to others. */
    timeliness: Timeliness | null;
    /** Who leads the force's answer: the lead of the plan item for its recommendation. */
    owner: string | null;
    recipients: string[];
    audiences: string[];
    items: ReportItem[];
    waiver: ReportWaiver | null;
    /** The plan entries answering this requirement's recommendation. */
    planEntries: SourceLocation[];
}

export interface ReportRecommendation {
    id: string;
    framework: string;
    text: string | null;
    recipients: string[];
    deadlines: string[];
    /** Its evidence requirements; 0 for one with none in the source (it is listed all the same). */
    requirements: number;
    covered: number;
    waived: number;
    percent: number;
    overdue: boolean;
    planStatus: string | null;
    planProgress: number | null;
    /** Made only to others (PCCs, the NPCC…): listed with what the force did to support it, not counted. */
    forOthers: boolean;
    /** The lead of the plan item answering it. */
    owner: string | null;
    /** Counted covering items by kind, for the heat-map. */
    byKind: { guidance: number; training: number; action: number };
}

export interface ReportTotals {
    requirements: number;
    covered: number;
    wrongKind: number;
    waived: number;
    uncovered: number;
    overdue: number;
    suspect: number;
    metLate: number;
    /** Requirements of recommendations made to others: listed, not in `requirements`. */
    forOthers: number;
    /** (covered + waived) / requirements, one decimal. */
    percent: number;
}

/** One force's coverage, for the forces × requirements matrix. */
export interface ForceRow {
    id: string;
    title: string;
    /** The level this force is judged at (its plan's, unless the command chose one). */
    level: AssuranceLevel;
    totals: ReportTotals;
    /** Its state for each requirement, in the order of the report's requirements. */
    cells: Array<{
        id: string;
        framework: string;
        state: CoverageState;
        level: AssuranceLevel | null;
        timeliness: Timeliness | null;
        firstMet: string | null;
    }>;
}

export interface CoverageChange {
    id: string;
    before: CoverageState | 'absent';
    after: CoverageState | 'absent';
}

export interface CoverageReport {
    schemaVersion: string;
    asOf: string;
    recipient: string | null;
    /** The level of assurance that counts as covered. */
    level: AssuranceLevel;
    /** The force reported on (null for a workspace that declares no force). */
    force: { id: string; title: string } | null;
    totals: ReportTotals;
    recommendations: ReportRecommendation[];
    requirements: ReportRequirement[];
    since?: { ref: string; gained: CoverageChange[]; lost: CoverageChange[]; changed: CoverageChange[] };
    /** With --by-force: every force's coverage of the same requirements. */
    byForce?: ForceRow[];
}

export interface ReportOptions {
    asOf: string;
    /** Only recommendations made to this recipient (`chief-constables`, `pccs`, …). */
    recipient?: string;
    /** Where a node is, as the report's reader names files (a path for the CLI, a URI for the editor). */
    locate: (node: AstNode) => SourceLocation;
}

const percentOf = (part: number, whole: number) => (whole === 0 ? 100 : Math.round((1000 * part) / whole) / 10);
/** The auditor's report: requirement × what covers it × state × deadline, with per-recommendation and overall figures. */
export function buildCoverageReport(model: CoverageModel, documents: Iterable<LangiumDocument>, options: ReportOptions): CoverageReport {
    const madeTo = (recommendation: ast.Recommendation) =>
        !options.recipient || (recommendation.recipients as string[]).includes(options.recipient);
    const rows = model.requirements.filter(r => madeTo(r.recommendation));
    // The force's plan entries by recommendation (in a workspace of several forces, only its own plan answers for
    // it), and rows by recommendation, grouped once: looking them up per row would be quadratic.
    const entriesOf = new MultiMap<ast.Recommendation, ast.PlanItem>();
    for (const planItem of model.plans.flatMap(p => p.items)) {
        if (planItem.recommendation?.ref) {
            entriesOf.add(planItem.recommendation.ref, planItem);
        }
    }
    // A recommendation with no evidence requirements has no rows, yet it is one of the framework's and must be listed.
    // Documents in URI order, so that a framework defined twice (an error) still gives the same report every time.
    const withoutRequirements: Array<{ framework: ast.Framework; recommendation: ast.Recommendation }> = [];
    for (const document of [...documents].sort((a, b) => (a.uri.toString() < b.uri.toString() ? -1 : 1))) {
        const root = document.parseResult.value;
        const elements = ast.isGdlFile(root) ? root.elements : [];
        for (const framework of elements.filter(ast.isFramework)) {
            append(
                withoutRequirements,
                framework.recommendations
                    .filter(r => r.evidence.length === 0 && madeTo(r))
                    .map(recommendation => ({ framework, recommendation }))
            );
        }
    }
    const requirements = rows
        .map(r => requirementRow(r, entriesOf.get(r.recommendation), options))
        .sort((a, b) => compareIds(a.id, b.id) || String(a.framework).localeCompare(String(b.framework)));
    const rowsOf = new MultiMap<string, ReportRequirement>();
    for (const row of requirements) {
        rowsOf.add(`${row.framework}/${row.recommendation}`, row);
    }
    const recommendations = new Map<string, ReportRecommendation>();
    for (const { framework, recommendation } of [...rows, ...withoutRequirements]) {
        const key = `${framework.name}/${recommendation.name}`;
        if (recommendations.has(key)) {
            continue;
        }
        const own = rowsOf.get(key);
        const item = entriesOf.get(recommendation)[0];
        const covered = own.filter(r => r.state === 'covered').length;
        const waived = own.filter(r => r.state === 'waived').length;
        const deadlines = recommendation.deadlines.map(d => d.date).sort();
        const counted = own.flatMap(r => r.items.filter(i => i.counts));
        const forOthers = madeToOthers(recommendation);
        recommendations.set(key, {
            id: String(recommendation.name),
            framework: framework.name,
            text: recommendation.text ?? null,
            recipients: [...recommendation.recipients],
            deadlines,
            requirements: own.length,
            covered,
            waived,
            percent: percentOf(covered + waived, own.length),
            ...recommendationStanding(recommendation, own, item, options.asOf, forOthers),
            forOthers,
            owner: item?.lead ?? null,
            byKind: {
                guidance: counted.filter(i => i.kind === 'guidance').length,
                training: counted.filter(i => i.kind === 'training').length,
                action: counted.filter(i => i.kind === 'action').length
            }
        });
    }
    return {
        schemaVersion: REPORT_SCHEMA_VERSION,
        asOf: options.asOf,
        recipient: options.recipient ?? null,
        level: model.level,
        force: model.force.id ? { id: model.force.id, title: forceName(model.force) } : null,
        totals: totalsOf(requirements),
        recommendations: [...recommendations.values()].sort(
            (a, b) => compareIds(a.id, b.id) || String(a.framework).localeCompare(String(b.framework))
        ),
        requirements
    };
}

/** The totals of a set of requirement rows: those made to others are counted apart. */
function totalsOf(rows: ReadonlyArray<{ state: CoverageState; timeliness: Timeliness | null }>): ReportTotals {
    const own = rows.filter(r => r.state !== 'for-others');
    const count = (state: CoverageState) => own.filter(r => r.state === state).length;
    return {
        requirements: own.length,
        covered: count('covered'),
        wrongKind: count('wrong-kind'),
        waived: count('waived'),
        uncovered: count('uncovered'),
        overdue: own.filter(r => r.timeliness === 'overdue').length,
        suspect: count('suspect'),
        metLate: own.filter(r => r.timeliness === 'met-late').length,
        forOthers: rows.length - own.length,
        percent: percentOf(count('covered') + count('waived'), own.length)
    };
}

/** The forces × requirements matrix: each force's state for every requirement the report lists. */
export function forceRows(coverage: WorkspaceCoverage, report: CoverageReport): ForceRow[] {
    const wanted = new Set(report.requirements.map(r => `${r.framework}/${r.id}`));
    return coverage.models.map(model => {
        const cells = model.requirements
            .filter(r => wanted.has(`${r.framework.name}/${r.id}`))
            .map(r => ({
                id: r.id,
                framework: r.framework.name,
                state: r.state,
                level: r.level ?? null,
                timeliness: r.timeliness ?? null,
                firstMet: r.firstMet ?? null
            }))
            .sort((a, b) => compareIds(a.id, b.id) || a.framework.localeCompare(b.framework));
        return { id: model.force.id, title: forceName(model.force), level: model.level, totals: totalsOf(cells), cells };
    });
}

/** One requirement's row; `planItems` are the force's plan entries for its recommendation. */
function requirementRow(coverage: RequirementCoverage, planItems: readonly ast.PlanItem[], options: ReportOptions): ReportRequirement {
    const own = planItems[0];
    const deadline = coverage.deadline ?? null;
    // A row and its items (one each per requirement: 10,000s) name their place field by field: a literal that starts
    // with a spread gets its other fields one by one, and with this many V8 keeps it as a dictionary, four times the size.
    const items: ReportItem[] = coverage.items.map(i => {
        const at = options.locate(i.node);
        return {
            file: at.file,
            line: at.line,
            column: at.column,
            kind: i.kind,
            id: i.id,
            label: i.label,
            counts: i.counts,
            reason: i.reason ?? null,
            audiences: audiencesOf(i.node),
            level: i.level ?? null,
            suspect: i.suspect,
            since: i.since ?? null,
            owner: i.owner ?? null,
            exhibits: i.exhibits.map(e => exhibitRow(e, options))
        };
    });
    const waiver = coverage.waiver;
    const at = options.locate(coverage.evidence);
    return {
        file: at.file,
        line: at.line,
        column: at.column,
        id: coverage.id,
        recommendation: String(coverage.recommendation.name),
        framework: coverage.framework.name,
        text: coverage.evidence.text ?? null,
        untexted: coverage.evidence.untexted ?? null,
        state: coverage.state,
        required: [...coverage.required],
        deadline,
        overdue: coverage.timeliness === 'overdue',
        level: coverage.level ?? null,
        firstMet: coverage.firstMet ?? null,
        timeliness: coverage.timeliness ?? null,
        owner: own?.lead ?? null,
        recipients: [...coverage.recommendation.recipients],
        audiences: [...new Set(items.filter(i => i.counts).flatMap(i => i.audiences))].sort(),
        items,
        waiver: waiver
            ? {
                  ...options.locate(waiver.node),
                  kind: waiver.kind,
                  reason: waiver.reason ?? null,
                  approvedBy: waiver.approvedBy ?? null,
                  expires: waiver.expires ?? null,
                  expired: waiver.expired,
                  counts: waiver.counts,
                  notCounted: waiver.notCounted ?? null
              }
            : null,
        planEntries: planItems.map(p => options.locate(p))
    };
}

export function exhibitRow(exhibit: ast.Exhibit, options: Pick<ReportOptions, 'locate'>): ReportExhibit {
    return {
        ...options.locate(exhibit),
        id: exhibit.name,
        title: exhibit.title,
        kind: exhibit.kind ?? null,
        dated: exhibit.dated ?? null,
        owner: exhibit.owner ?? null,
        where: exhibit.file ?? exhibit.address ?? null,
        verifiedBy: exhibit.verifiedBy ?? null,
        verified: exhibit.verified ?? null
    };
}

function audiencesOf(node: AstNode): string[] {
    if (ast.isSection(node)) {
        return (inherited(node, n => n.audiences) ?? []).map(a => a.$refText);
    }
    const module = AstUtils.getContainerOfType(node, ast.isTrainingModule);
    return module ? module.audiences.map(a => a.$refText) : [];
}

/** What changed between an earlier report and this one: requirements now satisfied, no longer satisfied, or otherwise changed. */
export function compareReports(before: CoverageReport, after: CoverageReport, ref: string): NonNullable<CoverageReport['since']> {
    const key = (r: ReportRequirement) => `${r.framework}/${r.id}`;
    const old = new Map(before.requirements.map(r => [key(r), r]));
    const now = new Map(after.requirements.map(r => [key(r), r]));
    const ids = [...new Set([...old.keys(), ...now.keys()])];
    const changes = ids
        .map(
            k =>
                ({
                    id: (now.get(k) ?? old.get(k))!.id,
                    before: old.get(k)?.state ?? 'absent',
                    after: now.get(k)?.state ?? 'absent'
                }) as CoverageChange
        )
        .filter(c => c.before !== c.after)
        .sort((a, b) => compareIds(a.id, b.id));
    return {
        ref,
        gained: changes.filter(c => !isSatisfied(c.before) && isSatisfied(c.after)),
        lost: changes.filter(c => isSatisfied(c.before) && !isSatisfied(c.after)),
        changed: changes.filter(c => isSatisfied(c.before) === isSatisfied(c.after))
    };
}

/** Where a recommendation stands as at a date: its plan item as it stood then, and whether it is overdue. */
export interface RecommendationStanding {
    readonly overdue: boolean;
    readonly planStatus: ast.PlanStatus | null;
    readonly planProgress: number | null;
}

/**
 * Where a recommendation stands as at `asOf`, from its evidence requirements' rows and its plan item (the first that
 * answers it). It is overdue when a deadline of it has passed and its plan item, as it stood then, is not complete, or
 * one of its requirements is not met (covered or waived); one made only to others is never the force's to be overdue.
 * The report's recommendations and the published coverage page's sentence both ask this.
 */
export function recommendationStanding(
    recommendation: ast.Recommendation,
    rows: ReadonlyArray<{ readonly state: string }>,
    item: ast.PlanItem | undefined,
    asOf: string,
    forOthers: boolean
): RecommendationStanding {
    const then = item ? planItemState(item, asOf) : undefined;
    const met = rows.every(r => isSatisfied(r.state));
    return {
        overdue: !forOthers && recommendation.deadlines.some(d => d.date < asOf) && (then?.status !== 'complete' || !met),
        planStatus: then?.status ?? null,
        planProgress: then?.progress ?? null
    };
}
