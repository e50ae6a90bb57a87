import { accessSync, constants, statSync, watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import { DocumentState, URI, type LangiumDocument } from 'langium';
import { CONFIG_FILE, WORDS_FILE } from '../language/src/prose/config-files.js';
import { isSourceFileName } from '../language/src/source-files.js';
import { count } from '../language/src/wording.js';
import { printCheck } from './check-workspace.js';
import type { CheckOptions } from './check-command.js';
import { displayFsPath } from './display-path.js';
import { describeReadError, loadWorkspace, outsideLinks, type LoadedWorkspace, type ReadFailure } from './workspace-loader.js';
import { workspaceSources } from './workspace-sources.js';

/** How long the files are left to settle after a change before the check runs again (an editor's save is several events). */
const SETTLE_MS = 100;

/**
 * `gdl check --watch`: the check, then again after every change to the workspace, each time printing what `gdl check`
 * would print. Only the files that changed are read and parsed again: the workspace stays built between checks, and
 * Langium's incremental build (the language server's) relinks and revalidates what depends on them, so a check after
 * one edit of a national workspace costs a fraction of a first one. A change to the configuration (gdl.config.json,
 * gdl-words.txt) or to a file a source names (an exhibit, a handout) reads the workspace again whole. Runs until
 * interrupted (Ctrl+C), then exits with the last check's code.
 */
export async function watchCheck(folder: string, options: CheckOptions, out: (line: string) => void): Promise<number> {
    let workspace = await loadWorkspace(folder, options);
    let exitCode = await printCheck(folder, options, workspace, out);
    const root = workspace.root;
    out(`Watching '${folder}': checked again after every change (Ctrl+C to stop).`);
    const changes = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    let queue = Promise.resolve();
    const recheck = async () => {
        const changed = [...changes];
        changes.clear();
        const rebuilt = await again(folder, options, workspace, changed);
        if (!rebuilt) {
            return;
        }
        workspace = rebuilt.workspace;
        out('');
        out(`[${new Date().toTimeString().slice(0, 8)}] ${rebuilt.what}`);
        exitCode = await printCheck(folder, options, workspace, out);
    };
    let watcher: FSWatcher;
    try {
        watcher = watch(root, { recursive: true }, (_event, name) => {
            if (name) {
                changes.add(path.join(root, name.toString()));
                clearTimeout(timer);
                timer = setTimeout(() => {
                    queue = queue.then(recheck).catch((error: unknown) => out(`gdl: the check after a change failed: ${String(error)}`));
                }, SETTLE_MS);
            }
        });
    } catch (error) {
        out(`gdl: cannot watch '${folder}': ${(error as Error).message}`);
        return exitCode;
    }
    await new Promise<void>(resolve => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
    });
    clearTimeout(timer);
    watcher.close();
    await queue;
    return exitCode;
}

/**
 * The workspace after `changed` files changed, and what was done, in words; undefined when none of them is a source,
 * the configuration or a file the check looked at.
 */
async function again(
    folder: string,
    options: CheckOptions,
    workspace: LoadedWorkspace,
    changed: readonly string[]
): Promise<{ workspace: LoadedWorkspace; what: string } | undefined> {
    const services = workspace.services;
    const cwd = process.cwd();
    const names = (files: readonly string[]) =>
        files
            .slice(0, 3)
            .map(f => displayFsPath(f, cwd))
            .join(', ') + (files.length > 3 ? ` and ${files.length - 3} more` : '');
    const config = changed.filter(f => path.dirname(f) === workspace.root && [CONFIG_FILE, WORDS_FILE].includes(path.basename(f)));
    const lookedAt = changed.filter(f => services.gdl.WorkspaceFiles.lookedAt.has(f));
    if (config.length > 0 || lookedAt.length > 0) {
        return {
            workspace: await loadWorkspace(folder, options),
            what: `${names([...config, ...lookedAt])} changed: the workspace read again.`
        };
    }
    const sources = changed.filter(f => isSourceFileName(path.basename(f)));
    if (sources.length === 0) {
        return undefined;
    }
    const documents = services.shared.workspace.LangiumDocuments;
    const listed = await workspaceSources(folder);
    const now = new Set(listed.files);
    const before = new Map(documents.all.map(d => [d.uri.toString(), d.parseResult] as const).toArray());
    // A file that cannot be read now (permissions, a broken link) is reported as the first check reports one, and left
    // out of the workspace; those that could not be read before are tried again each time.
    const failed: ReadFailure[] = [];
    const retried = workspace.unreadable.map(u => u.file).filter(f => now.has(f));
    const candidates = [...new Set([...sources.filter(f => now.has(f)), ...retried])];
    for (const file of candidates) {
        try {
            accessSync(file, constants.R_OK);
            if (statSync(file).isDirectory()) {
                throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
            }
        } catch (error) {
            failed.push({ file, reason: describeReadError(error) });
            now.delete(file);
        }
    }
    const removed = documents.all
        .filter(d => !now.has(d.uri.fsPath))
        .map(d => d.uri)
        .toArray();
    const edited = candidates.filter(f => now.has(f)).map(f => URI.file(f));
    const builder = services.shared.workspace.DocumentBuilder;
    // Every check, not only the editor's fast ones: the answer must be the one `gdl check` gives.
    builder.updateBuildOptions = { validation: true };
    await builder.update(edited, removed);
    const current = [...now].map(f => documents.getDocument(URI.file(f))).filter((d): d is LangiumDocument => d !== undefined);
    const read = current.filter(d => before.get(d.uri.toString()) !== d.parseResult).length;
    const what =
        `${names(sources)} changed: checked again (${count(read, 'file')} read again, ${current.length - read} kept` +
        `${removed.length > 0 ? `, ${count(removed.length, 'file')} gone` : ''}).`;
    return {
        workspace: {
            ...workspace,
            documents: current.filter(d => d.state >= DocumentState.Validated),
            // In the first check's order: links outside the folder, then the files that could not be read.
            unreadable: [...outsideLinks(listed.outside), ...failed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))]
        },
        what
    };
}
