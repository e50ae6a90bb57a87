/** True when `text` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) {
        return false;
    }
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Compares two ISO dates (YYYY-MM-DD sort as strings). */
export function isBefore(a: string, b: string): boolean {
    return a < b;
}

/** The day after a date (YYYY-MM-DD); a date that is not one is returned as it is. */
export function dayAfter(date: string): string {
    const next = new Date(`${date}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return Number.isNaN(next.getTime()) ? date : next.toISOString().slice(0, 10);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A month's name as people write it, in full or shortened ("October", "Oct", "Sept"); capitalised unless the pattern is used with the `i` flag. */
export const MONTH_PATTERN =
    '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';

/** The number (1 to 12) of a month named in full or shortened, in any case ("Oct", "sept"); 0 when it names none. */
export function monthNumber(name: string): number {
    const start = name.slice(0, 3).toLowerCase();
    return MONTHS.findIndex(m => m.slice(0, 3).toLowerCase() === start) + 1;
}

/** A calendar date as people write it: "27 March 2025". */
export function longDate(date: string): string {
    const [year, month, day] = date.split('-').map(Number);
    return `${day} ${MONTHS[month! - 1]} ${year}`;
}

/** The date `months` calendar months after a date (YYYY-MM-DD), the day kept or, past a month's end, its last day (31 January + 1 month = 28 or 29 February). */
export function addMonths(date: string, months: number): string {
    const [year, month, day] = date.split('-').map(Number);
    const first = new Date(Date.UTC(year!, month! - 1 + months, 1));
    const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
    first.setUTCDate(Math.min(day!, last));
    return first.toISOString().slice(0, 10);
}

/**
 * Why the environment's SOURCE_DATE_EPOCH cannot be used (undefined when it is unset or usable). Set, it is the time
 * every gdl command takes as now (reproducible-builds.org's convention for tools that write the date into what they
 * make): a build's pages and Word files, a check's "as of", an import's date are then the same on any day.
 */
export function sourceDateEpochProblem(env: NodeJS.ProcessEnv = process.env): string | undefined {
    const given = env['SOURCE_DATE_EPOCH'];
    if (given === undefined || given === '') {
        return undefined;
    }
    const date = epochDate(given);
    return date === undefined
        ? `SOURCE_DATE_EPOCH is '${given}': it must be a time in seconds since 1970-01-01 UTC, a whole number from 0 to ${LAST_EPOCH} (9999-12-31), such as 1764158400; or unset, to take today's date`
        : undefined;
}

/** The last second of 9999-12-31 UTC: dates are written with four-figure years. */
const LAST_EPOCH = 253402300799;

function epochDate(seconds: string): string | undefined {
    if (!/^\d{1,12}$/.test(seconds) || Number(seconds) > LAST_EPOCH) {
        return undefined;
    }
    return new Date(Number(seconds) * 1000).toISOString().slice(0, 10);
}

/**
 * Today's date (YYYY-MM-DD): the day of SOURCE_DATE_EPOCH (UTC) when it is set and usable (see
 * {@link sourceDateEpochProblem}, which the command line refuses first), otherwise the calendar date where the user is
 * (a check at 00:30 on 1 April in London is a check on 1 April, though it is still 31 March in UTC).
 */
export function today(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
    const fixed = env['SOURCE_DATE_EPOCH'] ? epochDate(env['SOURCE_DATE_EPOCH']) : undefined;
    if (fixed !== undefined) {
        return fixed;
    }
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${String(now.getFullYear()).padStart(4, '0')}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
