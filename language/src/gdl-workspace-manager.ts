import { DefaultWorkspaceManager, URI, UriUtils, type FileSystemNode, type LangiumSharedCoreServices } from 'langium';
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

    /**
     * Whether the walk of the workspace reads `uri` when it is there: a source file's name, inside a workspace folder,
     * in folders that are read (not node_modules, not an output folder). A document the editor closes goes back to
     * its file only then; any other is dropped with it.
     */
    readsFromDisk(uri: URI): boolean {
        if (uri.scheme !== 'file' || !isSourceFileName(UriUtils.basename(uri))) {
            return false;
        }
        return (this.workspaceFolders ?? []).some(folder => {
            const root = URI.parse(folder.uri);
            if (!UriUtils.contains(root, uri)) {
                return false;
            }
            const between = UriUtils.relative(root, UriUtils.dirname(uri))
                .split('/')
                .filter(part => part !== '' && part !== '.');
            return between.every(isWorkspaceFolderName);
        });
    }
}
