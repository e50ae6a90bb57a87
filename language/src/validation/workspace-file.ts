import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { AstUtils, UriUtils, URI, type AstNode, type FileSystemProvider, type WorkspaceManager } from 'langium';
import type { GdlSettings } from '../gdl-settings.js';
import { fileState } from '../file-state.js';

/** What is wrong with a file a source names: it lies outside the workspace, or it is not a file on disk (and why). */
export type WorkspaceFileProblem = { outside: true } | { outside: false; problem: string };

/**
 * The file a source names, resolved against the file that names it, or undefined when the path may
 * not be followed: absolute, a URL, written with backslashes, or leaving every workspace root. With no
 * root known (a file opened on its own), a path that climbs out with `..` is refused.
 */
export function workspaceFileUri(declaredIn: URI, file: string, roots: readonly string[]): URI | undefined {
    // A path relative to the file that declares it, with forward slashes; never absolute, never a URL.
    if (file === '' || /^([a-z][a-z0-9+.-]*:|[\\/])/i.test(file) || file.includes('\\')) {
        return undefined;
    }
    const target = UriUtils.resolvePath(UriUtils.dirname(declaredIn), file);
    const inside = (root: string) => target.toString().startsWith(URI.parse(root).toString().replace(/\/?$/, '/'));
    return (roots.length > 0 ? roots.some(inside) : !file.split('/').includes('..')) ? target : undefined;
}

/**
 * Whether a file on disk really lies inside one of the roots once links are followed: a path that stays
 * in the workspace may still be a link to a file elsewhere (`handouts/key.md -> /etc/passwd`), which
 * must be neither published nor counted as evidence. A file that cannot be resolved (missing, a broken
 * link) is not judged here: reading it reports the problem.
 */
export function reallyInside(file: URI, roots: readonly string[]): boolean {
    if (file.scheme !== 'file' || roots.length === 0) {
        return true;
    }
    let real: string;
    try {
        real = realpathSync(file.fsPath);
    } catch {
        return true;
    }
    return roots.some(root => {
        let top: string;
        try {
            top = realpathSync(URI.parse(root).fsPath);
        } catch {
            return false;
        }
        return real === top || real.startsWith(top + path.sep);
    });
}

/**
 * The one rule for files the workspace carries (an exhibit on file, a handout that travels with a
 * course pack): inside the workspace, and there. Each check reports the problem under its own code.
 */
export class WorkspaceFiles {
    /**
     * Every file on disk a check looked at, with its state when it first did (see {@link fileState}): what the
     * answer depends on besides the sources, so that `gdl check`'s cache can tell when an exhibit or a handout
     * was added, removed or moved.
     */
    readonly lookedAt = new Map<string, string>();

    constructor(
        private readonly settings: GdlSettings,
        private readonly files: FileSystemProvider,
        private readonly workspace: WorkspaceManager
    ) {}

    /** The workspace roots: the CLI's folder, or the editor's workspace folders. */
    roots(): string[] {
        return this.settings.workspaceRoot ? [this.settings.workspaceRoot] : (this.workspace.workspaceFolders ?? []).map(f => f.uri);
    }

    /** What is wrong with the file `node`'s source names, or undefined when it is a file inside the workspace. */
    problem(node: AstNode, file: string): WorkspaceFileProblem | undefined {
        const roots = this.roots();
        const target = workspaceFileUri(AstUtils.getDocument(node).uri, file, roots);
        if (target?.scheme === 'file' && !this.lookedAt.has(target.fsPath)) {
            this.lookedAt.set(target.fsPath, fileState(target.fsPath));
        }
        if (!target || !reallyInside(target, roots)) {
            return { outside: true };
        }
        // Only files on disk can be looked at; a document from elsewhere (an editor buffer) is trusted.
        const problem = target.scheme === 'file' ? this.notAFile(target) : undefined;
        return problem ? { outside: false, problem } : undefined;
    }

    /** Why a path is not a file on disk, or undefined when it is one. */
    private notAFile(uri: URI): string | undefined {
        try {
            return this.files.statSync(uri).isFile ? undefined : 'is a folder, not a file';
        } catch {
            return 'does not exist';
        }
    }
}
