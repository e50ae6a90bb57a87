import { afterEach, describe, expect, test } from 'vitest';
import { sourceDateEpochProblem, today } from '../../language/src/dates.js';

// "Today", which every command's as-of date, a build's dates and an import's date default to.
describe('today', () => {
    const zone = process.env['TZ'];
    afterEach(() => {
        if (zone === undefined) {
            delete process.env['TZ'];
        } else {
            process.env['TZ'] = zone;
        }
    });

    test('is the calendar date where the user is: 00:30 on 1 April in London is 1 April, though it is 31 March in UTC', () => {
        const halfPastMidnight = new Date('2027-03-31T23:30:00Z');
        process.env['TZ'] = 'Europe/London';
        expect(today({}, halfPastMidnight)).toBe('2027-04-01');
        process.env['TZ'] = 'UTC';
        expect(today({}, halfPastMidnight)).toBe('2027-03-31');
    });

    test("is SOURCE_DATE_EPOCH's day (UTC) when it is set, whatever the clock says", () => {
        process.env['TZ'] = 'Europe/London';
        expect(today({ SOURCE_DATE_EPOCH: '1795694400' }, new Date('2030-01-01T00:00:00Z'))).toBe('2026-11-26');
        expect(today({ SOURCE_DATE_EPOCH: '0' })).toBe('1970-01-01');
        expect(today({ SOURCE_DATE_EPOCH: '253402300799' })).toBe('9999-12-31');
        expect(sourceDateEpochProblem({ SOURCE_DATE_EPOCH: '1795694400' })).toBeUndefined();
        expect(sourceDateEpochProblem({})).toBeUndefined();
    });

    test('a SOURCE_DATE_EPOCH that is not a whole number of seconds is a problem, and the clock is used meanwhile', () => {
        for (const given of ['yesterday', '-1', '1.5e9', '1795694400 ', '253402300800', '99999999999999']) {
            expect(sourceDateEpochProblem({ SOURCE_DATE_EPOCH: given }), given).toMatch(
                /^SOURCE_DATE_EPOCH is '.*': it must be a time in seconds since 1970-01-01 UTC, a whole number from 0 to 253402300799 \(9999-12-31\)/
            );
            expect(today({ SOURCE_DATE_EPOCH: given }, new Date(2027, 0, 2, 12))).toBe('2027-01-02');
        }
    });
});
