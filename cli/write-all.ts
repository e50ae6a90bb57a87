/**
 * Writing text so that every byte of it is written. A write may take less than it is given (a disk that is filling up
 * takes what it has room for): the rest is written again, and a write that takes nothing is a full disk. Node's
 * streams and a single `write` call take no notice of a short write, which cut reports off with exit 0. Used by the
 * report files (report/write-output.ts) and the standard output redirected to a file (main.ts); kept free of other
 * imports, so that the command line's start-up loads nothing more for it.
 */

/** Writes part of `bytes` and says how much it wrote: `fs.writeSync`'s shape. */
export type WritePart = (bytes: Uint8Array, offset: number, length: number) => number;

/** The error of a write that took nothing: the disk is full (ENOSPC, as the system would say it). */
export function diskFull(): NodeJS.ErrnoException {
    return Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
}

/** Writes all of `text` (UTF-8) through `write`; throws {@link diskFull} when a write takes nothing. */
export function writeAll(write: WritePart, text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    for (let at = 0; at < bytes.length;) {
        const written = write(bytes, at, bytes.length - at);
        if (written <= 0) {
            throw diskFull();
        }
        at += written;
    }
}
