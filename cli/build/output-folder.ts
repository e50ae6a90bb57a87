import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../errors.js';
import { isInside } from '../../language/src/folder-paths.js';
import { moduleFolder } from '../../language/src/module-folder.js';

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
 * that is, contains or lies inside a protected folder (the workspace, the templates), one inside
 * gdl's own code ({@link isGdlCode}: a site there would be lost with the next install or build), an
 * existing file, or a folder with other content that no earlier build wrote (no marker). Nothing is
 * created or changed here; the refusal is a usage error (exit 2).
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
    if (await isGdlCode(target)) {
        throw refusal(out, "it lies inside gdl's own code");
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

/**
 * Whether a path (links resolved, {@link realPathOf}) is, or lies inside, gdl's own code: the top of the code running
 * now (out/ when compiled, extension/out/ when bundled) and, beside the `gdl` command that started it (bin/gdl.js), that
 * folder and the package's compiled code and bundles; or anywhere in a node_modules folder. Neither a report nor a
 * site is written there: a report over bin/gdl.js left no gdl to run, and what is written into node_modules goes with
 * the next install.
 */
export async function isGdlCode(target: string): Promise<boolean> {
    if (target.split(path.sep).includes('node_modules')) {
        return true;
    }
    const code = await Promise.all(codeFolders().map(realPathOf));
    return code.some(folder => target === folder || isInside(target, folder));
}

function codeFolders(): string[] {
    const folders: string[] = [];
    for (let folder = moduleFolder(import.meta.url); path.dirname(folder) !== folder; folder = path.dirname(folder)) {
        if (path.basename(folder) === 'out') {
            folders.push(folder);
            break;
        }
    }
    const command = process.argv[1];
    if (command && path.basename(command) === 'gdl.js') {
        const bin = path.dirname(path.resolve(command));
        folders.push(bin, path.join(path.dirname(bin), 'out'), path.join(path.dirname(bin), 'extension'));
    }
    return folders;
}
