import { promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './errors.js';
import { findSources, isSourceFileName } from '../language/src/source-files.js';
import { CONFIG_FILES } from '../language/src/prose/config-files.js';

/** The sources a command reads from a folder (or a single file given), before anything is parsed. */
export interface WorkspaceSources {
    /** The workspace folder, absolute: the folder given, or the folder of the file given. */
    readonly root: string;
    /** Whether a folder was given (not one file). */
    readonly isFolder: boolean;
    /** Every source to read, absolute, sorted. */
    readonly files: string[];
    /** Links to sources outside the folder, which are reported and not followed. */
    readonly outside: string[];
}

/**
 * The sources under `folder`, or the file `folder` names; a usage error when there is nothing to read. `folders`,
 * when given, receives the folders walked.
 */
export async function workspaceSources(folder: string, folders?: string[]): Promise<WorkspaceSources> {
    const given = path.resolve(folder);
    let stat;
    try {
        stat = await fs.stat(given);
    } catch {
        throw new UsageError(`cannot read '${folder}': no such file or folder`);
    }
    // A single file given is checked alone: it must be a GDL source (a README, a .txt or /dev/null is not GDL).
    if (!stat.isDirectory() && !(stat.isFile() && isSourceFileName(path.basename(given)))) {
        throw new UsageError(
            `'${folder}' is not a folder or a GDL source (.gdl): give the workspace's folder, or one .gdl file to check it alone`
        );
    }
    const outside: string[] = [];
    const files = stat.isDirectory() ? await findSources(given, outside, folders) : [given];
    if (files.length === 0 && outside.length === 0) {
        throw new UsageError(`no .gdl sources found in '${folder}'`);
    }
    return { root: stat.isDirectory() ? given : path.dirname(given), isFolder: stat.isDirectory(), files, outside };
}

/** The workspace's own configuration files (gdl.config.json, gdl-words.txt at its root), whether they are there or not. */
export function configFiles(root: string): string[] {
    return CONFIG_FILES.map(name => path.join(root, name));
}

/**
 * Each source's and configuration file's size, time and inode ('' when it cannot be read): what tells, without
 * reading them, that none changed (a check that ran while a file was saved; `--watch`'s next look).
 */
export function fingerprints(sources: WorkspaceSources): Map<string, string> {
    const prints = new Map<string, string>();
    for (const file of [...sources.files, ...configFiles(sources.root)]) {
        try {
            const stat = statSync(file);
            prints.set(file, `${stat.size} ${stat.mtimeMs} ${stat.ino}`);
        } catch {
            prints.set(file, '');
        }
    }
    return prints;
}

/** Whether two {@link fingerprints} are of the same files, unchanged. */
export function sameFingerprints(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
    return a.size === b.size && [...a].every(([file, print]) => b.get(file) === print);
}
