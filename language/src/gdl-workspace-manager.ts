import { DefaultWorkspaceManager, URI, UriUtils, type FileSystemNode, type LangiumSharedCoreServices } from 'langium';
import type { WorkspaceFolder } from 'vscode-languageserver';
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
     * The editor's workspace folders changed (a folder added to or removed from a multi-root workspace): the folders are
     * now those, and the answer is what the next build must read and drop — every source file of an added folder not
     * read already, and every document inside a removed folder that no remaining folder holds. Langium reads the
     * folders only at start-up; without this, a folder added later had no checks, and a removed one's files kept
     * covering requirements.
     */
    async changeFolders(
        added: readonly WorkspaceFolder[],
        removed: readonly WorkspaceFolder[]
    ): Promise<{ changed: URI[]; deleted: URI[] }> {
        const gone = new Set(removed.map(f => URI.parse(f.uri).toString()));
        const kept = (this.folders ?? []).filter(f => !gone.has(URI.parse(f.uri).toString()));
        const known = new Set(kept.map(f => URI.parse(f.uri).toString()));
        this.folders = [...kept, ...added.filter(f => !known.has(URI.parse(f.uri).toString()))];
        const changed: URI[] = [];
        for (const folder of added) {
            for (const uri of await this.searchFolder(URI.parse(folder.uri))) {
                if (!this.langiumDocuments.hasDocument(uri)) {
                    changed.push(uri);
                }
            }
        }
        const roots = removed.map(f => URI.parse(f.uri));
        const deleted = this.langiumDocuments.all
            .map(d => d.uri)
            .filter(uri => roots.some(root => UriUtils.contains(root, uri)) && !this.readsFromDisk(uri))
            .toArray();
        return { changed, deleted };
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
