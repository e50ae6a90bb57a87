import { DefaultWorkspaceManager, UriUtils, type FileSystemNode, type LangiumSharedCoreServices } from 'langium';
import { isSourceFileName, isWorkspaceFolderName } from './source-files.js';

/**
 * Validates every document at start-up, not only those the writer opens: coverage gaps, overdue
 * plan items and review dates belong in the Problems panel as soon as the workspace is opened.
 * Reads the same files as `gdl check` (`source-files.ts`).
 */
export class GdlWorkspaceManager extends DefaultWorkspaceManager {
    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.initialBuildOptions = { validation: true };
    }

    override shouldIncludeEntry(entry: FileSystemNode): boolean {
        const name = UriUtils.basename(entry.uri);
        return entry.isDirectory ? isWorkspaceFolderName(name) : entry.isFile && isSourceFileName(name);
    }
}
