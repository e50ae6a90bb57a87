import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './errors.js';

export interface NewFile {
    /** Relative to `root`, with forward slashes. */
    path: string;
    text: string;
}

/**
 * Writes files that must be new: refuses (writing nothing) if any exists, and creates each with the
 * exclusive flag so a file that appears meanwhile is never overwritten; if a write fails, the files
 * already written by this call are removed again. Returns the files written, relative to `root`.
 */
export async function writeNewFiles(root: string, files: readonly NewFile[], folders: readonly string[] = []): Promise<string[]> {
    const existing: string[] = [];
    for (const file of files) {
        if (await fs.lstat(path.join(root, file.path)).catch(() => undefined)) {
            existing.push(file.path);
        }
    }
    if (existing.length > 0) {
        throw new UsageError(
            `nothing written: ${existing.map(f => `'${path.join(root, f)}'`).join(', ')} already ${existing.length === 1 ? 'exists' : 'exist'}, and gdl never overwrites a file`
        );
    }
    const written: string[] = [];
    try {
        for (const file of files) {
            const full = path.join(root, file.path);
            await fs.mkdir(path.dirname(full), { recursive: true });
            await fs.writeFile(full, file.text, { encoding: 'utf8', flag: 'wx' });
            written.push(full);
        }
        for (const folder of folders) {
            await fs.mkdir(path.join(root, folder), { recursive: true });
        }
    } catch (error) {
        await Promise.all(written.map(full => fs.rm(full, { force: true })));
        const reason = (error as NodeJS.ErrnoException).code === 'EEXIST' ? 'a file appeared while writing' : (error as Error).message;
        throw new UsageError(`nothing written to '${root}': ${reason}`);
    }
    return files.map(f => f.path);
}
