import { AstUtils, MultiMap, type AstNode, type LangiumDocument } from 'langium';
import type { CoverageModel, CoverageState, RequirementCoverage } from './coverage-model.js';
import { compareIds } from './coverage-words.js';
import { inherited } from '../inheritance.js';
import * as ast from '../generated/ast.js';

/** Version of the report's JSON shape; schemas/coverage-report-<version>.schema.json describes it. */
export const REPORT_SCHEMA_VERSION = '1.0';

/** A place in a source file, relative to the workspace folder, one-based. */
export interface SourceLocation {
    file: string;
    line: number;
    column: number;
}

export interface ReportItem extends SourceLocation {
    kind: 'guidance' | 'training' | 'action';
    id: string;
    label: string;
    counts: boolean;
    reason: string | null;
    audiences: string[];
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
    /** (covered + waived) / requirements, one decimal. */
    percent: number;
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
    totals: ReportTotals;
    recommendations: ReportRecommendation[];
    requirements: ReportRequirement[];
    since?: { ref: string; gained: CoverageChange[]; lost: CoverageChange[]; changed: CoverageChange[] };
}

export interface ReportOptions {
    asOf: string;
    /** Only recommendations made to this recipient (`chief-constables`, `pccs`, …). */
    recipient?: string;
    /** Where a node is, as the report's reader names files (a path for the CLI, a URI for the editor). */
    locate: (node: AstNode) => SourceLocation;
}

const satisfied = (state: CoverageState) => state === 'covered' || state === 'waived';
const percentOf = (part: number, whole: number) => (whole === 0 ? 100 : Math.round((1000 * part) / whole) / 10);
/** The auditor's report: requirement × what covers it × state × deadline, with per-recommendation and overall figures. */
export function buildCoverageReport(model: CoverageModel, documents: Iterable<LangiumDocument>, options: ReportOptions): CoverageReport {
    const madeTo = (recommendation: ast.Recommendation) =>
        !options.recipient || (recommendation.recipients as string[]).includes(options.recipient);
    const rows = model.requirements.filter(r => madeTo(r.recommendation));
    // Plan entries by recommendation, and rows by recommendation, grouped once: looking them up per row would be quadratic.
    const entriesOf = new MultiMap<ast.Recommendation, ast.PlanItem>();
    // A recommendation with no evidence requirements has no rows, yet it is one of the framework's and must be listed.
    // Documents in URI order, so that a framework defined twice (an error) still gives the same report every time.
    const withoutRequirements: Array<{ framework: ast.Framework; recommendation: ast.Recommendation }> = [];
    for (const document of [...documents].sort((a, b) => (a.uri.toString() < b.uri.toString() ? -1 : 1))) {
        const root = document.parseResult.value;
        const elements = ast.isGdlFile(root) ? root.elements : [];
        for (const planItem of elements.filter(ast.isActionPlan).flatMap(p => p.items)) {
            if (planItem.recommendation?.ref) {
                entriesOf.add(planItem.recommendation.ref, planItem);
            }
        }
        for (const framework of elements.filter(ast.isFramework)) {
            withoutRequirements.push(
                ...framework.recommendations
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
            overdue: deadlines.some(d => d < options.asOf) && (item?.status !== 'complete' || own.some(r => !satisfied(r.state))),
            planStatus: item?.status ?? null,
            planProgress: item?.progress ?? null,
            byKind: {
                guidance: counted.filter(i => i.kind === 'guidance').length,
                training: counted.filter(i => i.kind === 'training').length,
                action: counted.filter(i => i.kind === 'action').length
            }
        });
    }
    const count = (state: CoverageState) => requirements.filter(r => r.state === state).length;
    return {
        schemaVersion: REPORT_SCHEMA_VERSION,
        asOf: options.asOf,
        recipient: options.recipient ?? null,
        totals: {
            requirements: requirements.length,
            covered: count('covered'),
            wrongKind: count('wrong-kind'),
            waived: count('waived'),
            uncovered: count('uncovered'),
            overdue: requirements.filter(r => r.overdue).length,
            percent: percentOf(count('covered') + count('waived'), requirements.length)
        },
        recommendations: [...recommendations.values()].sort(
            (a, b) => compareIds(a.id, b.id) || String(a.framework).localeCompare(String(b.framework))
        ),
        requirements
    };
}

/** One requirement's row; `planItems` are the plan entries for its recommendation. */
function requirementRow(coverage: RequirementCoverage, planItems: readonly ast.PlanItem[], options: ReportOptions): ReportRequirement {
    const deadline = coverage.recommendation.deadlines.map(d => d.date).sort()[0] ?? null;
    const items: ReportItem[] = coverage.items.map(i => ({
        ...options.locate(i.node),
        kind: i.kind,
        id: i.id,
        label: i.label,
        counts: i.counts,
        reason: i.reason ?? null,
        audiences: audiencesOf(i.node)
    }));
    const waiver = coverage.waiver;
    return {
        ...options.locate(coverage.evidence),
        id: coverage.id,
        recommendation: String(coverage.recommendation.name),
        framework: coverage.framework.name,
        text: coverage.evidence.text ?? null,
        untexted: coverage.evidence.untexted ?? null,
        state: coverage.state,
        required: [...coverage.required],
        deadline,
        overdue: deadline !== null && deadline < options.asOf && !satisfied(coverage.state),
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
    const ok = (s: CoverageChange['before']) => s === 'covered' || s === 'waived';
    return {
        ref,
        gained: changes.filter(c => !ok(c.before) && ok(c.after)),
        lost: changes.filter(c => ok(c.before) && !ok(c.after)),
        changed: changes.filter(c => ok(c.before) === ok(c.after))
    };
}
