import type * as ast from '../generated/ast.js';

/** One dated update of a plan item: an earlier one (`on DATE { … }`) or the item's own, latest, fields. */
export interface PlanEntry {
    /** Undefined for the item's own fields without an `updated` date: they apply from the start. */
    readonly date?: string;
    readonly status?: ast.PlanStatus;
    readonly progress?: number;
    readonly update?: string;
    readonly node: ast.PlanItem | ast.PlanUpdate;
}

/** A plan item's state at a date: its status and progress then, and since when it has been complete. */
export interface PlanItemState {
    /** Undefined when no update was dated on or before the date. */
    readonly status?: ast.PlanStatus;
    readonly progress?: number;
    readonly update?: string;
    /** The date of the last update on or before the date (undefined when it is undated, or there is none). */
    readonly date?: string;
    /** When complete: the date of the update that completed it (undefined when that update is undated). */
    readonly completedOn?: string;
}

// A plan item's entries, found once per parse: the coverage reads each item's state at several dates (the as-of date,
// the end of time for when it was completed, each date its cover may change on), and the plan checks read it again.
const entriesOf = new WeakMap<ast.PlanItem, readonly PlanEntry[]>();

/** A plan item's updates, oldest first by date: its history and its own fields (written as the latest). Shared: never change it. */
export function planEntries(item: ast.PlanItem): readonly PlanEntry[] {
    let entries = entriesOf.get(item);
    if (!entries) {
        entries = sortedEntries(item);
        entriesOf.set(item, entries);
    }
    return entries;
}

function sortedEntries(item: ast.PlanItem): PlanEntry[] {
    const own: PlanEntry = { date: item.updated, status: item.status, progress: item.progress, update: item.update, node: item };
    const history: PlanEntry[] = (item.history ?? []).map(u => ({
        date: u.date,
        status: u.status,
        progress: u.progress,
        update: u.update,
        node: u
    }));
    const entries = [...history, ...(own.status !== undefined || own.update !== undefined || own.date !== undefined ? [own] : [])];
    // In date order whatever order they are written in (an update out of order is reported, GDL0511, and
    // still read at its date); an undated entry last. The sort is stable: same-day updates keep their order.
    return entries
        .map((entry, index) => ({ entry, index }))
        .sort((a, b) => compareDates(a.entry.date, b.entry.date) || a.index - b.index)
        .map(({ entry }) => entry);
}

function compareDates(a: string | undefined, b: string | undefined): number {
    return a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : a < b ? -1 : 1;
}

/** Where a plan item stood at a date: the last update on or before it (status carried forward from earlier updates). */
export function planItemState(item: ast.PlanItem, date: string): PlanItemState {
    let status: ast.PlanStatus | undefined;
    let progress: number | undefined;
    let update: string | undefined;
    let completedOn: string | undefined;
    let latest: string | undefined;
    for (const entry of planEntries(item)) {
        if (entry.date !== undefined && entry.date > date) {
            break;
        }
        if (entry.status !== undefined) {
            if (entry.status === 'complete' && status !== 'complete') {
                completedOn = entry.date;
            }
            status = entry.status;
        }
        progress = entry.progress ?? (entry.status !== undefined ? undefined : progress);
        update = entry.update ?? update;
        latest = entry.date;
    }
    return { status, progress, update, date: latest, completedOn: status === 'complete' ? completedOn : undefined };
}
