import { describe, expect, test } from 'vitest';
import { writeInBatches } from '../../cli/report/write-output.js';
import type { WritePart } from '../../cli/write-all.js';

// A report is written whole or not at all: a write that takes only part of what it is given (a disk filling up) is
// followed by another for the rest, and a write that takes nothing is a full disk, never a report cut short.

/** A file that takes at most `each` bytes a write, and `room` bytes in all. */
function fakeFile(each: number, room = Infinity): { write: WritePart; bytes: Buffer[] } {
    const bytes: Buffer[] = [];
    let used = 0;
    return {
        bytes,
        write(buffer, offset, length) {
            const taken = Math.max(0, Math.min(length, each, room - used));
            bytes.push(Buffer.from(buffer.subarray(offset, offset + taken)));
            used += taken;
            return taken;
        }
    };
}

describe('writing a report in pieces', () => {
    const pieces = Array.from({ length: 5000 }, (_, i) => `<tr><td>row ${i} — é</td></tr>\n`);

    test('every byte is written when each write takes only part of what it is given', () => {
        // Before: the part a write did not take was dropped, and the report ended mid-row.
        const file = fakeFile(1000);
        writeInBatches(file.write, pieces);
        expect(Buffer.concat(file.bytes).toString('utf8')).toBe(pieces.join(''));
    });

    test('a disk with no room left is an error (ENOSPC), not a shorter report', () => {
        const file = fakeFile(65_536, 16_384);
        expect(() => writeInBatches(file.write, pieces)).toThrow(expect.objectContaining({ code: 'ENOSPC' }));
    });
});
