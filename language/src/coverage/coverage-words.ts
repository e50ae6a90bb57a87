/**
 * The coverage vocabulary: how every face (the check, the editor, the reports, the published pages)
 * names coverage states, plan statuses and waivers, and in what order it lists requirement ids.
 * Write a coverage word here once; a format decides only its own emphasis (capitals, colour).
 */
import type { CoverageState, RequirementCoverage } from './coverage-model.js';

/** A state's name, in full ("Covered by the wrong kind") and short, for narrow columns ("Wrong kind"). */
export const stateNames: Readonly<Record<CoverageState, { readonly label: string; readonly short: string }>> = {
    covered: { label: 'Covered', short: 'Covered' },
    'wrong-kind': { label: 'Covered by the wrong kind', short: 'Wrong kind' },
    waived: { label: 'Waived', short: 'Waived' },
    uncovered: { label: 'Not covered', short: 'Not covered' }
};

/** Kinds of coverage a requirement needs, as a reader says them: "guidance and training". */
export function kindsText(kinds: readonly string[]): string {
    return kinds.join(' and ');
}

/** The labels of what counts towards a requirement, in order: "guidance §a, plan item 12". */
export function countedLabels(items: ReadonlyArray<{ readonly counts: boolean; readonly label: string }>): string {
    return items
        .filter(i => i.counts)
        .map(i => i.label)
        .join(', ');
}

/** Why a requirement falls short, after its id: "is not covered" or "needs guidance and training coverage". */
export function shortfall(requirement: { readonly state: CoverageState; readonly required: readonly string[] }): string {
    return requirement.state === 'wrong-kind' ? `needs ${kindsText(requirement.required)} coverage` : 'is not covered';
}

/** A plan status as words: "not started", "in progress", "complete". */
export function planStatusText(status: string): string {
    return status.replace('-', ' ');
}

/** A plan item's progress after its status: " (40%)", or nothing. */
export function progressText(progress: number | null | undefined): string {
    return progress !== undefined && progress !== null ? ` (${progress}%)` : '';
}

/** A plan item's status as a reader says it: "in progress (40%)", "complete", "without a status". */
export function planItemStatusText(item: { readonly status?: string; readonly progress?: number }): string {
    if (!item.status) {
        return 'without a status';
    }
    return planStatusText(item.status) + (item.status === 'in-progress' ? progressText(item.progress) : '');
}

/** A waiver as a reader says it: "not applicable", "waived until 2026-03-31" or "waived". */
export function waiverText(waiver: { readonly kind: string; readonly expires?: string | null }): string {
    return waiver.kind === 'not-applicable' ? 'not applicable' : `waived${waiver.expires ? ` until ${waiver.expires}` : ''}`;
}

/** A report's waiver in full: "waived until 2026-03-31 (does not count: …): reason". */
export function waiverSummary(waiver: {
    readonly kind: string;
    readonly expires: string | null;
    readonly notCounted: string | null;
    readonly reason: string | null;
}): string {
    return `${waiverText(waiver)}${waiver.notCounted ? ` (does not count: ${waiver.notCounted})` : ''}: ${waiver.reason ?? ''}`;
}

/** The totals in one sentence, for the report formats a person reads. */
export function totalsSentence(report: {
    readonly asOf: string;
    readonly recipient: string | null;
    readonly totals: {
        readonly covered: number;
        readonly waived: number;
        readonly wrongKind: number;
        readonly uncovered: number;
        readonly requirements: number;
        readonly percent: number;
        readonly overdue: number;
    };
}): string {
    const t = report.totals;
    return `As of ${report.asOf}${report.recipient ? `, recommendations to ${report.recipient}` : ''}: ${t.covered} covered, ${t.waived} waived, ${t.wrongKind} covered by the wrong kind, ${t.uncovered} not covered, of ${t.requirements} (${t.percent}%). ${t.overdue} overdue.`;
}

/** Orders recommendation and requirement ids by number, part by part: 7.2 before 10.1, 12 before 12.1. */
export function compareIds(a: string | number, b: string | number): number {
    const pa = String(a).split('.').map(Number);
    const pb = String(b).split('.').map(Number);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const d = (pa[i] ?? -1) - (pb[i] ?? -1);
        if (d !== 0) {
            return d;
        }
    }
    return 0;
}

/** A key that sorts as {@link compareIds} does, as text (for editors' sortText); other names sort as they are. */
export function idSortKey(name: string): string {
    return /^\d+(\.\d+)*$/.test(name)
        ? name
              .split('.')
              .map(p => p.padStart(4, '0'))
              .join('.')
        : name;
}

/** One line on a requirement's coverage: "covered by 3 — guidance §a, module M outcome O, plan item 12". */
export function coverageLine(coverage: RequirementCoverage): string {
    const counted = coverage.items.filter(i => i.counts);
    const pending = coverage.items.filter(i => !i.counts);
    const pendingText = pending.length > 0 ? ` (not counted: ${pending.map(i => `${i.label}, ${i.reason}`).join('; ')})` : '';
    switch (coverage.state) {
        case 'covered':
            return `covered by ${counted.length} — ${countedLabels(counted)}${pendingText}`;
        case 'wrong-kind':
            return `covered by the wrong kind: needs ${kindsText(coverage.required)}; has ${countedLabels(counted)}${pendingText}`;
        case 'waived':
            return `${waiverText(coverage.waiver!)}: ${coverage.waiver!.reason ?? 'no reason given'}${pendingText}`;
        default:
            return `not covered${coverage.waiver?.notCounted ? ` (its waiver does not count: ${coverage.waiver.notCounted})` : ''}${pendingText}`;
    }
}
