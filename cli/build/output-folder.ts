import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../errors.js';
import { isInside } from '../../language/src/folder-paths.js';

/** The file every published folder holds: proof that `gdl build` wrote it, so the next build may replace it. */
export const OUTPUT_MARKER = '.gdl-output';

/** What the marker says to a person who opens it. */
export const OUTPUT_MARKER_TEXT =
    'This folder was written by `gdl build`. The next build replaces the whole folder: keep nothing else here.\n';

/** A folder the output must keep clear of, and what to call it in a refusal. */
export interface ProtectedFolder {
    readonly folder: string;
    readonly what: string;
}

/**
 * Refuses an output folder that a build could not replace without destroying something else: one
 * that is, contains or lies inside a protected folder (the workspace, the templates), an existing
 * file, or a folder with other content that no earlier build wrote (no marker). Nothing is created
 * or changed here; the refusal is a usage error (exit 2).
 */
export async function checkOutputFolder(out: string, protect: ProtectedFolder[]): Promise<void> {
    const target = await realPathOf(out);
    for (const { folder, what } of protect) {
        const guarded = await realPathOf(folder);
        if (target === guarded) {
            throw refusal(out, `it is the ${what}`);
        }
        if (isInside(guarded, target)) {
            throw refusal(out, `it contains the ${what} ('${folder}')`);
        }
        if (isInside(target, guarded)) {
            throw refusal(out, `it lies inside the ${what} ('${folder}')`);
        }
    }
    const stat = await fs.lstat(target).catch(() => undefined);
    if (!stat) {
        return;
    }
    if (!stat.isDirectory()) {
        throw refusal(out, 'it is a file, not a folder');
    }
    const entries = await fs.readdir(target);
    if (entries.length > 0 && !entries.includes(OUTPUT_MARKER)) {
        throw refusal(out, `the folder is not empty and no earlier \`gdl build\` wrote it (it has no ${OUTPUT_MARKER} file)`);
    }
}

function refusal(out: string, why: string): UsageError {
    return new UsageError(
        `refusing to publish to '${out}': ${why}. Nothing was written; choose a new or empty folder outside the workspace.`
    );
}

/** The absolute path with links resolved, for a path that may not exist yet (its nearest existing ancestor is resolved). */
export async function realPathOf(file: string): Promise<string> {
    const absolute = path.resolve(file);
    const rest: string[] = [];
    let existing = absolute;
    for (;;) {
        try {
            return path.join(await fs.realpath(existing), ...rest.reverse());
        } catch {
            const parent = path.dirname(existing);
            if (parent === existing) {
                return absolute;
            }
            rest.push(path.basename(existing));
            existing = parent;
        }
    }
}
