import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isSourceFileName } from '../../language/src/source-files.js';
import { isInside, realPathOf } from '../build/output-folder.js';
import { UsageError } from '../errors.js';

/**
 * Writes `text` to `file` atomically: a temporary file beside it, then a rename, so readers never see half a report.
 * Text given in pieces is written as the pieces are made, so a large report is never held whole.
 */
export async function writeAtomically(file: string, text: string | Iterable<string>): Promise<void> {
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    try {
        if (typeof text === 'string') {
            await fs.writeFile(temporary, text, 'utf8');
        } else {
            await writePieces(temporary, text);
        }
        await fs.rename(temporary, file);
    } catch (error) {
        await fs.rm(temporary, { force: true });
        throw new UsageError(
            `cannot write '${file}': ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (error as Error).message}`
        );
    }
}

/** Pieces gathered into writes of about 64 KB: one write per piece of a 10,000-row report would be 10,000 calls. */
async function writePieces(file: string, pieces: Iterable<string>): Promise<void> {
    const handle = await fs.open(file, 'w');
    try {
        let batch: string[] = [];
        let size = 0;
        for (const piece of pieces) {
            batch.push(piece);
            size += piece.length;
            if (size >= 65536) {
                await handle.write(batch.join(''), null, 'utf8');
                batch = [];
                size = 0;
            }
        }
        await handle.write(batch.join(''), null, 'utf8');
    } finally {
        await handle.close();
    }
}

/**
 * Refuses a report file that would destroy or join the sources: a name the workspace reads as GDL
 * (overwriting a source, or adding a file the next check would parse), or a place inside the
 * templates folder. Checked before anything is read or written (exit 2).
 */
export async function checkReportFile(file: string, templates: string): Promise<void> {
    const target = await realPathOf(file);
    const refuse = (why: string) =>
        new UsageError(`refusing to write the report to '${file}': ${why}. Nothing was written; choose another file.`);
    if (isSourceFileName(path.basename(file)) || isSourceFileName(path.basename(target))) {
        throw refuse('that is the name of a GDL source');
    }
    const guarded = await realPathOf(templates);
    if (target === guarded || isInside(target, guarded)) {
        throw refuse(`it lies inside the templates folder ('${templates}')`);
    }
}
