import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Folders never read as part of a workspace: dependencies, build output and dot-folders (`.git`, `.vscode`). */
const skippedFolders = new Set(['node_modules', 'out', 'dist']);

/** Whether a folder of this name is read as part of a workspace (the CLI and the language server agree). */
export function isWorkspaceFolderName(name: string): boolean {
    return !skippedFolders.has(name) && !name.startsWith('.');
}

/**
 * The file extensions of GDL sources: langium-config.json's, as the generated GdlLanguageMetaData has them (a
 * test holds the two equal). Written here, not imported from the generated module, which loads all of Langium:
 * the command line finds the sources (for its cache) before it loads the language.
 */
export const sourceFileExtensions: readonly string[] = ['.gdl'];

/** Whether a file of this name is a GDL source, by the language's file extensions. */
export function isSourceFileName(name: string): boolean {
    return !name.startsWith('.') && sourceFileExtensions.some(extension => name.endsWith(extension));
}

/**
 * The one walk of a workspace: every source file under `root`, sorted. Symbolic links to files are
 * followed only when they stay inside `root` (the others are added to `outside`); links to folders
 * are not followed. `folders`, when given, receives every folder walked (`gdl check --watch` watches them).
 */
export async function findSources(root: string, outside: string[] = [], folders?: string[]): Promise<string[]> {
    const found: string[] = [];
    const realRoot = await fs.realpath(root);
    const inside = async (full: string) => {
        try {
            const real = await fs.realpath(full);
            return real === realRoot || real.startsWith(realRoot + path.sep);
        } catch {
            return true; // a broken link: reading it reports the problem
        }
    };
    const visit = async (folder: string): Promise<void> => {
        folders?.push(folder);
        const entries = await fs.readdir(folder, { withFileTypes: true });
        for (const entry of entries) {
            const full = path.join(folder, entry.name);
            if (entry.isDirectory()) {
                if (isWorkspaceFolderName(entry.name)) {
                    await visit(full);
                }
            } else if ((entry.isFile() || entry.isSymbolicLink()) && isSourceFileName(entry.name)) {
                if (entry.isSymbolicLink() && !(await inside(full))) {
                    outside.push(full);
                    continue;
                }
                found.push(full);
            }
        }
    };
    await visit(root);
    return found.sort();
}
