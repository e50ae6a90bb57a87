/**
 * The dates a source's text states ("Terms of reference (22 October 2025)", "statutory guidance (April 2024)",
 * "review (2026)"), each with the earliest day it can mean: a month can mean its first day, a year its first
 * day. Web addresses are blanked first, so /ukpga/2021/17 or /2026/ in an address is not a date.
 */

import { isCalendarDate, MONTH_PATTERN, monthNumber } from '../dates.js';
import { blankWebAddresses } from './web-addresses.js';

/** A date written in a text: where it starts and ends, the words as written and the earliest day they can mean (YYYY-MM-DD). */
export interface WrittenDate {
    readonly start: number;
    readonly end: number;
    readonly text: string;
    readonly earliest: string;
}

const month = `${MONTH_PATTERN}\\.?`;
const ordinal = '(?:st|nd|rd|th)?';
// A year standing alone: in brackets ("(2026)", "(2020, in force …)", "[2024] EWHC") or after a word that dates a
// publication or names legislation ("Act 2026", "published 2026"). Not a number in a case or page reference
// ("EWHC 2031"), not part of a longer number or a range ("2025-26", "2025/26").
const yearAlone =
    String.raw`(?:(?<=[(\[]\s*)|(?<=\b(?:Act|Bill|Regulations|Order|Rules|published|updated|issued|dated|revised)\s+))` +
    String.raw`(?<year>(?:19|20)\d{2})(?![\p{L}\p{N}_/-])`;

// One pattern with the longest forms first, so "22 October 2025" is one date, not also "October 2025" and a year.
const writtenDate = new RegExp(
    [
        String.raw`(?<![\p{L}\p{N}_./-])(?<isoYear>\d{4})-(?<isoMonth>\d{2})-(?<isoDay>\d{2})(?![\p{N}/-])`,
        String.raw`(?<![\p{L}\p{N}_./-])(?<day>\d{1,2})${ordinal}\s+(?<dayMonth>${month})\s+(?<dayYear>\d{4})(?![\p{N}/-])`,
        String.raw`(?<![\p{L}\p{N}])(?<monthFirst>${month})\s+(?<monthDay>\d{1,2})${ordinal},?\s+(?<monthDayYear>\d{4})(?![\p{N}/-])`,
        String.raw`(?<![\p{L}\p{N}])(?<monthAlone>${month})\s+(?<monthYear>\d{4})(?![\p{N}/-])`,
        yearAlone
    ].join('|'),
    'gu'
);

/** The dates a text states, in text order; a written date that is not a real day (31 February 2025) is passed over. */
export function writtenDates(text: string): WrittenDate[] {
    if (!/\d{4}/.test(text)) {
        return [];
    }
    const found: WrittenDate[] = [];
    for (const m of blankWebAddresses(text).matchAll(writtenDate)) {
        const earliest = earliestDay(m.groups!);
        if (earliest) {
            found.push({ start: m.index, end: m.index + m[0].length, text: text.slice(m.index, m.index + m[0].length), earliest });
        }
    }
    return found;
}

// The first day a match can mean, or undefined when it names no real day.
function earliestDay(g: Record<string, string | undefined>): string | undefined {
    const day = (year: string, month: number, day: number): string | undefined => {
        const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        return isCalendarDate(iso) ? iso : undefined;
    };
    if (g.isoYear) {
        return day(g.isoYear, Number(g.isoMonth), Number(g.isoDay));
    }
    if (g.dayYear) {
        return day(g.dayYear, monthNumber(g.dayMonth!), Number(g.day));
    }
    if (g.monthDayYear) {
        return day(g.monthDayYear, monthNumber(g.monthFirst!), Number(g.monthDay));
    }
    if (g.monthYear) {
        return day(g.monthYear, monthNumber(g.monthAlone!), 1);
    }
    return g.year ? day(g.year, 1, 1) : undefined;
}
