import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../workspace-loader.js';

/**
 * Writes every file into a temporary folder beside `out`, then swaps it in: a build that fails at any
 * point before the swap leaves the previous output exactly as it was.
 */
export async function writeSiteAtomically(out: string, files: Map<string, Buffer | string>): Promise<void> {
    const target = path.resolve(out);
    const parent = path.dirname(target);
    const staging = path.join(parent, `.${path.basename(target)}.building-${process.pid}`);
    const previous = path.join(parent, `.${path.basename(target)}.previous-${process.pid}`);
    try {
        await fs.mkdir(parent, { recursive: true });
        await fs.rm(staging, { recursive: true, force: true });
        for (const [file, content] of files) {
            const full = path.join(staging, file);
            if (!full.startsWith(staging + path.sep)) {
                throw new UsageError(`refusing to write '${file}' outside the output folder`);
            }
            await fs.mkdir(path.dirname(full), { recursive: true });
            await fs.writeFile(full, content);
        }
    } catch (error) {
        await removeQuietly(staging);
        if (error instanceof UsageError) {
            throw error;
        }
        throw new UsageError(`cannot write the output to '${out}': ${(error as Error).message}`);
    }
    const hadPrevious = await fs.stat(target).then(() => true, () => false);
    if (hadPrevious) {
        await fs.rename(target, previous);
    }
    try {
        await fs.rename(staging, target);
    } catch (error) {
        if (hadPrevious) {
            await fs.rename(previous, target);
        }
        await removeQuietly(staging);
        throw new UsageError(`cannot replace '${out}': ${(error as Error).message}`);
    }
    if (hadPrevious) {
        await fs.rm(previous, { recursive: true, force: true });
    }
}

// Cleaning up must not hide the error that made the build fail.
async function removeQuietly(folder: string): Promise<void> {
    await fs.rm(folder, { recursive: true, force: true }).catch(() => undefined);
}
