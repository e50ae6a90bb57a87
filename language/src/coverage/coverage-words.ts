/**
 * The coverage vocabulary: how every face (the check, the editor, the reports, the published pages)
 * names coverage states, plan statuses and waivers, and in what order it lists requirement ids.
 * Write a coverage word here once; a format decides only its own emphasis (capitals, colour).
 */
import type { AssuranceLevel, CoverageState, RequirementCoverage, Timeliness } from './coverage-model.js';

/** A state's name, in full ("Covered by the wrong kind") and short, for narrow columns ("Wrong kind"). */
export const stateNames: Readonly<Record<CoverageState, { readonly label: string; readonly short: string }>> = {
    covered: { label: 'Covered', short: 'Covered' },
    suspect: { label: 'Suspect: approved before the requirement was revised', short: 'Suspect' },
    'wrong-kind': { label: 'Covered by the wrong kind', short: 'Wrong kind' },
    waived: { label: 'Waived', short: 'Waived' },
    'for-others': { label: 'For others', short: 'For others' },
    uncovered: { label: 'Not covered', short: 'Not covered' }
};

/** Whether a state satisfies the requirement (covered or waived). */
export function isSatisfied(state: string): boolean {
    return state === 'covered' || state === 'waived';
}

/** A level of assurance as a reader says it, and what it means. */
export const levelNames: Readonly<Record<AssuranceLevel, { readonly label: string; readonly meaning: string }>> = {
    addressed: { label: 'Addressed', meaning: 'something approved or complete points at it' },
    evidenced: { label: 'Evidenced', meaning: 'backed by approved guidance or training, or by an exhibit on file' },
    verified: { label: 'Verified', meaning: 'backed by an exhibit verified by someone other than its lead' }
};

/** Timeliness as a reader says it: "on time", "met late", "overdue". */
export const timelinessNames: Readonly<Record<Timeliness, string>> = {
    'on-time': 'on time',
    'met-late': 'met late',
    met: 'met',
    overdue: 'overdue',
    due: 'due',
    open: 'open'
};

/** Who a recommendation is made to, as a reader says it. */
export const recipientNames: Readonly<Record<string, string>> = {
    'chief-constables': 'chief constables',
    pccs: 'PCCs',
    npcc: 'the NPCC',
    apcc: 'the APCC',
    'home-office': 'the Home Office',
    moj: 'the Ministry of Justice',
    cps: 'the CPS',
    college: 'the College of Policing'
};

/** "PCCs and the NPCC": the recipients of a recommendation in words. */
export function recipientsText(recipients: readonly string[]): string {
    const names = recipients.map(r => recipientNames[r] ?? r);
    return names.length <= 1 ? (names[0] ?? 'others') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Whose a recommendation made to others is: "For PCCs", "For PCCs and the NPCC". */
export function forOthersText(recipients: readonly string[]): string {
    return `For ${recipientsText(recipients)}`;
}

/** A requirement's state as a reader says it: "Covered", or "For PCCs" for one made to others. */
export function stateText(requirement: { readonly state: CoverageState; readonly recipients: readonly string[] }, short = false): string {
    if (requirement.state === 'for-others') {
        return forOthersText(requirement.recipients);
    }
    return short ? stateNames[requirement.state].short : stateNames[requirement.state].label;
}

/** The forces a requirement falls short for, the first `named` by name: "Essex Police (not covered), Kent Police (suspect) and 41 more". */
export function forcesShortText(short: ReadonlyArray<{ readonly force: string; readonly state: CoverageState }>, named: number): string {
    const names = short.slice(0, named).map(f => `${f.force} (${stateNames[f.state].short.toLowerCase()})`);
    return names.join(', ') + (short.length > named ? ` and ${short.length - named} more` : '');
}

/**
 * The level a requirement reached, or why none: "evidenced"; "addressed, not counted" when something points
 * at it but does not count (a plan item in progress, a draft); "not addressed" when nothing does.
 */
export function levelText(requirement: {
    readonly level?: string | null;
    readonly items?: ReadonlyArray<{ readonly counts: boolean }>;
}): string {
    return requirement.level
        ? requirement.level
        : (requirement.items ?? []).some(i => !i.counts)
          ? 'addressed, not counted'
          : 'not addressed';
}

/** A requirement's level and timeliness in a few words: "evidenced, met late (2025-09-19, due 2025-03-27)". */
export function assuranceText(requirement: {
    readonly level?: string | null;
    readonly items?: ReadonlyArray<{ readonly counts: boolean }>;
    readonly timeliness?: string | null;
    readonly firstMet?: string | null;
    readonly deadline?: string | null;
}): string {
    const parts: string[] = [];
    parts.push(levelText(requirement));
    if (requirement.timeliness) {
        const when =
            requirement.timeliness === 'on-time' || requirement.timeliness === 'met-late'
                ? ` (${requirement.firstMet}, due ${requirement.deadline})`
                : requirement.timeliness === 'overdue' || requirement.timeliness === 'due'
                  ? ` (due ${requirement.deadline})`
                  : '';
        parts.push(`${timelinessNames[requirement.timeliness as Timeliness] ?? requirement.timeliness}${when}`);
    }
    return parts.join(', ');
}

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
    return requirement.state === 'wrong-kind'
        ? `needs ${kindsText(requirement.required)} coverage`
        : requirement.state === 'suspect'
          ? 'is covered only by cover approved before its text was revised'
          : 'is not covered';
}

/** A plan status as words: "not started", "in progress", "complete", "unstated (the force gave none)" (`unstated`). */
export function planStatusText(status: string): string {
    return status === 'unstated' ? 'unstated (the force gave none)' : status.replace('-', ' ');
}

/** A plan item's progress after its status: " (40%)", or nothing. */
export function progressText(progress: number | null | undefined): string {
    return progress !== undefined && progress !== null ? ` (${progress}%)` : '';
}

/**
 * A plan item's status as a reader says it: "in progress (40%)", "complete", "without a status";
 * `unstated` as "unstated (the force gave none)", and "unstated (the force gave none), no update published" when it has no update
 * (the force published nothing on the recommendation).
 */
export function planItemStatusText(item: { readonly status?: string; readonly progress?: number; readonly update?: string }): string {
    if (!item.status) {
        return 'without a status';
    }
    if (item.status === 'unstated' && item.update === undefined) {
        return `${planStatusText(item.status)}, no update published`;
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

/** The totals in one sentence, for the report formats a person reads: whose, at what level, and every count. */
export function totalsSentence(report: {
    readonly asOf: string;
    readonly recipient: string | null;
    readonly level?: string;
    readonly force?: { readonly title: string } | null;
    readonly totals: {
        readonly covered: number;
        readonly waived: number;
        readonly wrongKind: number;
        readonly uncovered: number;
        readonly requirements: number;
        readonly percent: number;
        readonly overdue: number;
        readonly suspect?: number;
        readonly metLate?: number;
        readonly forOthers?: number;
    };
    readonly recommendations?: readonly OverdueRecommendation[];
}): string {
    const t = report.totals;
    const whose = `${report.force ? ` for ${report.force.title}` : ''}${report.recipient ? `, recommendations to ${report.recipient}` : ''}${report.level ? `, at the ${report.level} level` : ''}`;
    const others = t.forOthers ? ` ${t.forOthers} more of recommendations made to others: listed, not counted.` : '';
    const late = overdueRecommendationsSentence(report.recommendations ?? []);
    return `As of ${report.asOf}${whose}: ${t.covered} covered, ${t.waived} waived, ${t.suspect ?? 0} suspect, ${t.wrongKind} covered by the wrong kind, ${t.uncovered} not covered, of ${t.requirements} (${t.percent}%). ${t.overdue} overdue, ${t.metLate ?? 0} met late.${late ? ` ${late}` : ''}${others}`;
}

/** What the sentence about overdue recommendations reads of a report's recommendation. */
export interface OverdueRecommendation {
    readonly id: string;
    readonly overdue: boolean;
    readonly planStatus: string | null;
    readonly planProgress: number | null;
}

/**
 * The recommendations past their deadline and not met, in one sentence ("" when none): a report's requirements can all
 * be covered ("0 overdue", counted by requirement) while the plan items answering two recommendations are still in
 * progress after the deadline (the check's GDL0502 warns of those), or a plan item can be complete with a requirement
 * of it uncovered (GDL0201); an auditor reading the totals sees both.
 */
export function overdueRecommendationsSentence(recommendations: readonly OverdueRecommendation[]): string {
    const overdue = recommendations.filter(r => r.overdue);
    if (overdue.length === 0) {
        return '';
    }
    const why = (r: OverdueRecommendation) =>
        r.planStatus === null
            ? 'no plan item'
            : r.planStatus !== 'complete'
              ? `plan item ${r.planStatus === 'unstated' ? 'with no status given' : planStatusText(r.planStatus)}${r.planStatus === 'in-progress' && r.planProgress !== null ? `, ${r.planProgress}%` : ''}`
              : 'a requirement not met';
    // Those that are overdue for the same reason together, in the report's order: "13 and 18 (plan item in progress, 85%)".
    const byWhy = new Map<string, string[]>();
    for (const r of overdue) {
        const reason = why(r);
        const ids = byWhy.get(reason) ?? [];
        ids.push(r.id);
        byWhy.set(reason, ids);
    }
    const and = (words: readonly string[]) => (words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`);
    const groups = [...byWhy].map(([reason, ids]) => `${and(ids)} (${reason})`);
    return `Past their deadline and not yet met: recommendation${overdue.length === 1 ? '' : 's'} ${groups.join('; ')}.`;
}

/** A state in one character, for the forces × requirements matrix; never without {@link stateNames} beside it as the legend. */
export const stateSymbols: Readonly<Record<CoverageState, string>> = {
    covered: '✓',
    waived: 'w',
    suspect: '?',
    'wrong-kind': '~',
    'for-others': '·',
    uncovered: '✗'
};

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
        case 'suspect':
            return `suspect: its cover was approved before ${coverage.id} was revised on ${coverage.evidence.revised}${pendingText}`;
        case 'for-others':
            return `made to ${recipientsText(coverage.recommendation.recipients)}, not the force${counted.length > 0 ? `; supported by ${countedLabels(counted)}` : ''}`;
        default:
            return `not covered${coverage.waiver?.notCounted ? ` (its waiver does not count: ${coverage.waiver.notCounted})` : ''}${pendingText}`;
    }
}

/**
 * A recommendation's or requirement's text for a narrow place (the coverage view's rows): without the
 * deadline it opens with ("By 27 March 2025, take steps…" is "Take steps…"), cut at a word within
 * `width` characters and ended with "…". The whole text is for the tooltip.
 */
export function shortText(text: string | null | undefined, width = 60): string {
    const plain = (text ?? '').replace(/\s+/g, ' ').trim();
    const rest = plain.replace(/^By \d{1,2} \w+ \d{4}, /, '');
    const body = rest.charAt(0).toUpperCase() + rest.slice(1);
    if (body.length <= width) {
        return body;
    }
    const cut = body.slice(0, width - 1);
    const space = cut.lastIndexOf(' ');
    return `${(space > width / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/**
 * A recommendation past its deadline, in a few words, or undefined when it is not: 'overdue' while one of its
 * requirements is not met, 'plan item overdue' when every one is met but its plan item is not complete. The
 * requirements' own count ("0 overdue") does not count the second, and a bare 'overdue' beside it read as a contradiction.
 */
export function recommendationOverdueText(recommendation: {
    readonly overdue: boolean;
    readonly covered: number;
    readonly waived: number;
    readonly requirements: number;
}): string | undefined {
    if (!recommendation.overdue) {
        return undefined;
    }
    return recommendation.covered + recommendation.waived >= recommendation.requirements ? 'plan item overdue' : 'overdue';
}
