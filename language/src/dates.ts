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
