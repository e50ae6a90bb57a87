import type * as ast from '../generated/ast.js';

/** A training day, for durations written in days: 7.5 hours of delivery. */
export const MINUTES_PER_DAY = 7.5 * 60;

/** A duration in minutes; undefined when none is written. */
export function minutesOf(duration: ast.Duration | undefined): number | undefined {
    if (duration === undefined) {
        return undefined;
    }
    const unit = duration.unit.replace(/s$/, '');
    return unit === 'hour' ? duration.value * 60 : unit === 'day' ? duration.value * MINUTES_PER_DAY : duration.value;
}

/** A duration as a trainer reads it: "45 minutes", "1 hour 30 minutes", "–" when none is written. */
export function durationText(minutes: number | undefined): string {
    if (minutes === undefined) {
        return '–';
    }
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    const h = hours === 0 ? '' : `${hours} hour${hours === 1 ? '' : 's'}`;
    const m = rest === 0 ? '' : `${rest} minute${rest === 1 ? '' : 's'}`;
    return [h, m].filter(Boolean).join(' ') || '0 minutes';
}

/** Minutes from the start of a session as a clock offset: "0:00", "1:45", "7:30". */
export function clockText(minutes: number): string {
    return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Minutes as a CPD record states them, in hours to two decimals at most: "4 hours", "1.5 hours", "1 hour". */
export function hoursText(minutes: number): string {
    const hours = Math.round((minutes / 60) * 100) / 100;
    return `${hours} hour${hours === 1 ? '' : 's'}`;
}
