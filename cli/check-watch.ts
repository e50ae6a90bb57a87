import { accessSync, constants, existsSync, statSync, watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import { DocumentState, URI, type LangiumDocument } from 'langium';
import { fileState } from '../language/src/file-state.js';
import { TextMemo } from '../language/src/text-memo.js';
import { count } from '../language/src/wording.js';
import { printCheck } from './check-workspace.js';
import type { CheckOptions } from './check-command.js';
import { displayFsPath } from './display-path.js';
import { describeReadError, loadWorkspace, outsideLinks, type LoadedWorkspace, type ReadFailure } from './workspace-loader.js';
import { configFiles, fingerprints, workspaceSources, type WorkspaceSources } from './workspace-sources.js';

/** How long the files are left to settle after a change before the check runs again (an editor's save is several events). */
const SETTLE_MS = 100;

/**
 * The longest a change waits for the files to settle: events that never stop (a log written in the workspace, a build's
 * output folder inside it, a download) would otherwise put the check off for as long as they go on.
 */
const LONGEST_WAIT_MS = 1000;

/** How often the workspace folder itself is looked for (moved or deleted, it sends no event of its own). */
const ROOT_CHECK_MS = 2000;

/**
 * `gdl check --watch`: the check, then again after every change to the workspace, each time printing what `gdl check`
 * would print. Only the files that changed are read and parsed again: the workspace stays built between checks, and
 * Langium's incremental build (the language server's) relinks and revalidates what depends on them, so a check after
 * one edit of a national workspace costs a fraction of a first one. A change to the configuration (gdl.config.json,
 * gdl-words.txt) or to a file a source names (an exhibit, a handout) reads the workspace again whole. Runs until
 * interrupted (Ctrl+C), or until the folder is gone, then exits with the last check's code.
 *
 * Each folder the check walks is watched on its own, and any event in one is only a cue: what changed is found by
 * comparing every source's size, time and inode with the last check's. Node's recursive watch on Linux follows files,
 * not names, and lost a file an editor saved by writing a new one and renaming it over the old (VS Code, vim, sed -i).
 */
export async function watchCheck(folder: string, options: CheckOptions, out: (line: string) => void): Promise<number> {
    // A process that validates the same texts build after build, as the language server does.
    TextMemo.rememberAcrossBuilds();
    const folders: string[] = [];
    const first = await workspaceSources(folder, folders);
    const root = first.root;
    let exitCode: number;
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>(resolve => (stop = resolve));
    let timer: NodeJS.Timeout | undefined;
    // When the first event of the changes the timer waits for came: each later one puts the check off, up to LONGEST_WAIT_MS.
    let waitingSince: number | undefined;
    // Checks run one after another, the first check first: a change seen while it runs is looked at after it.
    let firstDone: () => void = () => undefined;
    let queue = new Promise<void>(resolve => (firstDone = resolve));
    const cue = () => {
        const now = performance.now();
        waitingSince ??= now;
        clearTimeout(timer);
        timer = setTimeout(
            () => {
                waitingSince = undefined;
                queue = queue
                    .then(() => recheck())
                    .catch((error: unknown) => out(`gdl: the check after a change failed: ${(error as Error).message}`));
            },
            Math.max(0, Math.min(SETTLE_MS, waitingSince + LONGEST_WAIT_MS - now))
        );
    };
    const watchers = new FolderWatchers(cue);
    // Watched and measured before the first check reads anything: a save during it is seen after it.
    watchers.watch(first.isFolder ? folders : [root]);
    let seen = fingerprints(first);
    let workspace = await loadWorkspace(folder, options);
    let looked = new Map(workspace.services.gdl.WorkspaceFiles.lookedAt);
    exitCode = await printCheck(folder, options, workspace, out);
    out(`Watching '${folder}': checked again after every change (Ctrl+C to stop).`);
    const recheck = async () => {
        if (!existsSync(root)) {
            out('');
            out(`gdl: '${folder}' is no longer there: stopped watching.`);
            stop();
            return;
        }
        const walked: string[] = [];
        let listed: WorkspaceSources;
        try {
            listed = await workspaceSources(folder, walked);
        } catch (error) {
            out(`gdl: ${(error as Error).message}`);
            return;
        }
        watchers.watch(listed.isFolder ? walked : [root]);
        const now = fingerprints(listed);
        const differ = (file: string) => now.get(file) !== seen.get(file);
        const configuration = configFiles(root);
        const config = configuration.filter(differ);
        const lookedAt = [...looked].filter(([file, state]) => fileState(file) !== state).map(([file]) => file);
        let rebuilt: { workspace: LoadedWorkspace; what: string } | undefined;
        if (config.length > 0 || lookedAt.length > 0) {
            rebuilt = {
                workspace: await loadWorkspace(folder, options),
                what: `${names([...config, ...lookedAt])} changed: the workspace read again.`
            };
        } else {
            const changed = [...new Set([...now.keys(), ...seen.keys()])].filter(f => !configuration.includes(f) && differ(f));
            // Also with no source changed: a link out of the folder made or removed, or a file that could not be read
            // gone, changes what is reported (`again` compares it with the last check's and does nothing if it is the same).
            rebuilt = await again(workspace, listed, changed);
        }
        seen = now;
        if (!rebuilt) {
            return;
        }
        workspace = rebuilt.workspace;
        looked = new Map(workspace.services.gdl.WorkspaceFiles.lookedAt);
        out('');
        out(`[${new Date().toTimeString().slice(0, 8)}] ${rebuilt.what}`);
        exitCode = await printCheck(folder, options, workspace, out);
    };
    firstDone();
    // Also what keeps the process waiting when no folder is watched any more.
    const rootCheck = setInterval(() => {
        if (!existsSync(root) || watchers.replaced()) {
            cue();
        }
    }, ROOT_CHECK_MS);
    process.once('SIGINT', () => stop());
    process.once('SIGTERM', () => stop());
    await stopped;
    clearInterval(rootCheck);
    clearTimeout(timer);
    watchers.close();
    await queue;
    return exitCode;
}

/**
 * One watcher per folder, kept to the folders of the last walk; any event is a cue to look. A watcher follows the folder
 * it was opened on, not its name: a folder deleted and made again under the same name (restored from a backup, synced)
 * is another folder, whose changes the old watcher never hears. A watcher is closed when its folder is deleted or moved
 * (the event that says so), and each is kept with its folder's identity, looked at again at every walk and every
 * {@link ROOT_CHECK_MS}, and opened again when the name holds another folder.
 */
class FolderWatchers {
    private readonly watchers = new Map<string, { watcher: FSWatcher; identity: string }>();

    constructor(private readonly cue: () => void) {}

    watch(folders: readonly string[]): void {
        const wanted = new Set(folders);
        for (const [folder, { watcher, identity }] of this.watchers) {
            if (!wanted.has(folder) || identityOf(folder) !== identity) {
                watcher.close();
                this.watchers.delete(folder);
            }
        }
        for (const folder of wanted) {
            if (!this.watchers.has(folder)) {
                try {
                    const identity = identityOf(folder);
                    const watcher = watch(folder, (event, name) => {
                        // The folder itself deleted or moved (Linux names it in the event): this watcher hears no more.
                        if (event === 'rename' && name === path.basename(folder)) {
                            this.forget(folder, watcher);
                        }
                        this.cue();
                    });
                    // A folder deleted or moved: the next look finds what is left.
                    watcher.on('error', () => {
                        this.forget(folder, watcher);
                        this.cue();
                    });
                    this.watchers.set(folder, { watcher, identity });
                } catch {
                    this.cue(); // gone between the walk and now: look again
                }
            }
        }
    }

    /** Closes a folder's watcher; the next look watches the folder anew if it is there. */
    private forget(folder: string, watcher: FSWatcher): void {
        watcher.close();
        if (this.watchers.get(folder)?.watcher === watcher) {
            this.watchers.delete(folder);
        }
    }

    /** Whether a watched folder is gone or its name now holds another folder (then the next look watches anew). */
    replaced(): boolean {
        return [...this.watchers].some(([folder, { identity }]) => identityOf(folder) !== identity);
    }

    close(): void {
        this.watchers.forEach(({ watcher }) => watcher.close());
        this.watchers.clear();
    }
}

/**
 * A folder's identity (device, inode and when it was made), or '' when it is not there. The inode alone is not enough: a
 * folder made again at once is often given the inode the deleted one had.
 */
function identityOf(folder: string): string {
    try {
        const stat = statSync(folder, { bigint: true });
        return `${stat.dev} ${stat.ino} ${stat.birthtimeNs}`;
    } catch {
        return '';
    }
}

/** A file reported as not read, and why, as one string to compare. */
const reportOf = (u: ReadFailure) => `${u.file}\t${u.reason}`;

/** The files reported in one list and not the same way in the other. */
function differing(a: readonly ReadFailure[], b: readonly ReadFailure[]): string[] {
    const inA = new Set(a.map(reportOf));
    const inB = new Set(b.map(reportOf));
    return [...new Set([...a.filter(u => !inB.has(reportOf(u))), ...b.filter(u => !inA.has(reportOf(u)))].map(u => u.file))];
}

/** Files named for a reader: the first three, relative to the working folder, and how many more. */
function names(files: readonly string[]): string {
    const cwd = process.cwd();
    return (
        files
            .slice(0, 3)
            .map(f => displayFsPath(f, cwd))
            .join(', ') + (files.length > 3 ? ` and ${files.length - 3} more` : '')
    );
}

/** The workspace after `changed` sources changed (edited, added or gone), and what was done, in words. */
async function again(
    workspace: LoadedWorkspace,
    listed: WorkspaceSources,
    changed: readonly string[]
): Promise<{ workspace: LoadedWorkspace; what: string } | undefined> {
    const services = workspace.services;
    const documents = services.shared.workspace.LangiumDocuments;
    const now = new Set(listed.files);
    const before = new Map(documents.all.map(d => [d.uri.toString(), d.parseResult] as const).toArray());
    // A file that cannot be read now (permissions, a broken link) is reported as the first check reports one, and left
    // out of the workspace; those that could not be read before are tried again each time.
    const failed: ReadFailure[] = [];
    const retried = workspace.unreadable.map(u => u.file).filter(f => now.has(f));
    const candidates = [...new Set([...changed.filter(f => now.has(f)), ...retried])];
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
    // In the first check's order: links outside the folder, then the files that could not be read.
    const unreadable = [...outsideLinks(listed.outside), ...failed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))];
    // Nothing to do when no file was read again, none is gone, and the same files are reported for the same reasons (a
    // link out of the folder made or removed, a file that could not be read gone, are changes to the answer).
    if (edited.length === 0 && removed.length === 0 && differing(unreadable, workspace.unreadable).length === 0) {
        return undefined;
    }
    const builder = services.shared.workspace.DocumentBuilder;
    // Every check, not only the editor's fast ones: the answer must be the one `gdl check` gives.
    builder.updateBuildOptions = { validation: true };
    await builder.update(edited, removed);
    const current = [...now].map(f => documents.getDocument(URI.file(f))).filter((d): d is LangiumDocument => d !== undefined);
    const read = current.filter(d => before.get(d.uri.toString()) !== d.parseResult).length;
    const what =
        `${names(changed.length > 0 ? changed : retried.length > 0 ? retried : differing(unreadable, workspace.unreadable))} changed: checked again (${read} of the workspace's ${count(current.length, 'file')} read again` +
        `${removed.length > 0 ? `, ${removed.length} gone` : ''}).`;
    return {
        workspace: {
            ...workspace,
            documents: current.filter(d => d.state >= DocumentState.Validated),
            unreadable
        },
        what
    };
}
