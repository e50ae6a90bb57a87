import { pathWithin } from '../language/src/folder-paths.js';

/** A path on disk as the command line shows it: relative to `cwd` when the file is below it, absolute otherwise. */
export function displayFsPath(fsPath: string, cwd: string): string {
    return pathWithin(cwd, fsPath) ?? fsPath;
}
