import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../errors.js';

/** Writes `text` to `file` atomically: a temporary file beside it, then a rename, so readers never see half a report. */
export async function writeAtomically(file: string, text: string): Promise<void> {
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    try {
        await fs.writeFile(temporary, text, 'utf8');
        await fs.rename(temporary, file);
    } catch (error) {
        await fs.rm(temporary, { force: true });
        throw new UsageError(
            `cannot write '${file}': ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (error as Error).message}`
        );
    }
}
