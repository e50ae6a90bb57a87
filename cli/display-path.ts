import * as path from 'node:path';

/** A path on disk as the command line shows it: relative to `cwd` when the file is below it, absolute otherwise. */
export function displayFsPath(fsPath: string, cwd: string): string {
    const relative = path.relative(cwd, fsPath);
    return relative.startsWith('..') || path.isAbsolute(relative) ? fsPath : relative;
}
