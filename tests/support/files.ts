import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isSourceFileName } from '../../language/src/source-files.js';
import { repositoryRoot } from './repository.js';

/** Every file below `folder`, as paths relative to it, each folder's entries in name order (a folder's files where its name sorts). */
export function filesBelow(folder: string): string[] {
    const out: string[] = [];
    const walk = (dir: string): void => {
        for (const entry of readdirSync(dir).sort()) {
            const full = path.join(dir, entry);
            if (statSync(full).isDirectory()) {
                walk(full);
            } else {
                out.push(path.relative(folder, full));
            }
        }
    };
    walk(folder);
    return out;
}

/** The text of every GDL source below `folder` (by the language's file extensions), in {@link filesBelow} order. */
export function sourceTextsBelow(folder: string): string[] {
    return filesBelow(folder)
        .filter(file => isSourceFileName(path.basename(file)))
        .map(file => readFileSync(path.join(folder, file), 'utf8'));
}

/** Copying the repository's workspaces: without the cache a check of them in place leaves (.gdl-cache/). */
const withoutCache = { recursive: true, filter: (source: string) => path.basename(source) !== '.gdl-cache' };

/** A fresh copy of a fixture workspace (`tests/fixtures/<name>`) in a new folder below `parent` (the system's temporary folder by default). */
export function fixtureCopy(name: string, prefix: string, parent = tmpdir()): string {
    const folder = mkdtempSync(path.join(parent, `gdl-${prefix}-`));
    cpSync(path.join(repositoryRoot(), 'tests/fixtures', name), folder, withoutCache);
    return folder;
}

/** A GDL source in a folder of its own outside any workspace, for links that point out of one. */
export function sourceOutside(name: string): string {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-outside-')), name);
    writeFileSync(file, `audience ${name.replace(/\.gdl$/, '')} "Outside the workspace"`);
    return file;
}

/**
 * The folders of the bundled workspace (guidance/) that make the Example Constabulary's workspace: the
 * framework, the common vocabulary and the example force. The real forces' transcribed plans beside them
 * are left out by whatever tests the example on its own.
 */
export const EXAMPLE_FOLDERS = ['framework', 'common', 'example-constabulary'];

/** Copies the Example Constabulary's workspace (the {@link EXAMPLE_FOLDERS} of guidance/) into `to`. */
export function copyExampleWorkspace(to: string): void {
    for (const folder of EXAMPLE_FOLDERS) {
        cpSync(path.join(repositoryRoot(), 'guidance', folder), path.join(to, folder), withoutCache);
    }
}
