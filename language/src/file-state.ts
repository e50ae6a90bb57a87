import { realpathSync, statSync } from 'node:fs';

/**
 * What the checks of a file a source names depend on (an exhibit or a handout): whether it is a file, a folder,
 * something else or missing, and where it really is once links are followed (a link out of the workspace is
 * refused). Recorded as the checks look (WorkspaceFiles), so that `gdl check`'s cache can tell when it changed.
 */
export function fileState(file: string): string {
    let real: string;
    try {
        real = realpathSync(file);
    } catch {
        real = '';
    }
    try {
        const stat = statSync(file);
        return `${stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other'} ${real}`;
    } catch {
        return `missing ${real}`;
    }
}
