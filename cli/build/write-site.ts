import { promises as fs, closeSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { constants } from 'node:os';
import * as path from 'node:path';
import { UsageError } from '../errors.js';
import { describeFileError } from '../../language/src/file-errors.js';
import { OUTPUT_MARKER, OUTPUT_MARKER_TEXT } from './output-folder.js';
import { windowsDevice } from '../../language/src/publish/page-names.js';
import { publishedTwice, type FileInPieces, type SiteSink } from '../../language/src/publish/site-files.js';

const LOCK_WAIT_MS = 120000;

const alive = (pid: number) => {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
};

/**
 * A build's output, written as it is rendered into a temporary folder beside `out`, then swapped in (`commit`): a
 * build that fails, or is killed, at any point before the swap leaves the previous output exactly as it was, and a
 * failure removes what was written (`abandon`). Builds into the same folder take turns (a lock file beside it, held
 * from `open` to the swap), so two at once cannot corrupt it. Two files whose names are one on Windows and macOS are
 * refused as the second comes; nothing reaches the output.
 */
export class StagedSite implements SiteSink {
    /** How many files were written. */
    count = 0;
    private readonly names = new Map<string, string>();
    private readonly made: Set<string>;
    /** Files being written in pieces: closed by `abandon` when a build fails half-way through one. */
    private readonly opened = new Set<number>();
    private ended = false;

    private constructor(
        private readonly out: string,
        private readonly target: string,
        private readonly staging: string,
        private readonly lockFile: string,
        private readonly release: () => Promise<void>
    ) {
        this.made = new Set([staging]);
        STOPPING_SIGNALS.forEach(signal => process.once(signal, this.stopped));
    }

    /**
     * Ctrl+C (or the process told to end) while the files are written: what was written is removed and the lock let go,
     * as when a build fails, before the process ends as the signal would have ended it. (Left, the next build cleared
     * them; meanwhile a hidden folder of the half-built site stayed beside the output.) Not once the build is swapping
     * its files in: a build stopped then is put right by the next one.
     */
    private readonly stopped = (signal: NodeJS.Signals): void => {
        endStopped(signal, this.staging, this.lockFile, this.opened);
    };

    static async open(out: string): Promise<StagedSite> {
        const target = path.resolve(out);
        const parent = path.dirname(target);
        const base = path.basename(target);
        try {
            await fs.mkdir(parent, { recursive: true });
        } catch (error) {
            throw new UsageError(`cannot write the output to '${out}': ${describe(error)}`);
        }
        const lockFile = path.join(parent, `.${base}.lock`);
        const release = await lock(lockFile, out);
        const staging = path.join(parent, `.${base}.building-${process.pid}`);
        // Stopped while the staging folder is being made: the same as once it is (the lock is ours from here on). The
        // instance's own handlers take over in the same tick, so that no signal finds neither.
        const stoppedEarly = (signal: NodeJS.Signals) => endStopped(signal, staging, lockFile);
        STOPPING_SIGNALS.forEach(signal => process.once(signal, stoppedEarly));
        const letGoEarly = () => STOPPING_SIGNALS.forEach(signal => process.off(signal, stoppedEarly));
        try {
            await recoverFromKilledBuilds(parent, base, target);
            await removeQuietly(staging);
            await fs.mkdir(staging, { recursive: true });
            await fs.writeFile(path.join(staging, OUTPUT_MARKER), OUTPUT_MARKER_TEXT);
        } catch (error) {
            letGoEarly();
            await removeQuietly(staging);
            await release();
            throw new UsageError(`cannot write the output to '${out}': ${describe(error)}`);
        }
        letGoEarly();
        return new StagedSite(out, target, staging, lockFile, release);
    }

    add(file: string, content: Buffer | string): void {
        const full = this.place(file);
        // Written without a round trip to libuv's threads for each (a build of 43 forces writes 3,200 files: 1 s as
        // promises, 0.15 s so).
        this.attempt(() => writeFileSync(full, content));
    }

    open(file: string): FileInPieces {
        const full = this.place(file);
        const handle = this.attempt(() => openSync(full, 'w'));
        this.opened.add(handle);
        return {
            write: piece => void this.attempt(() => writeSync(handle, piece)),
            close: () => {
                this.opened.delete(handle);
                this.attempt(() => closeSync(handle));
            }
        };
    }

    /** Swaps the written folder in, once `verify` (the output folder checked again, under the lock) agrees. */
    async commit(verify: () => Promise<void> = async () => undefined): Promise<void> {
        this.end();
        try {
            await verify();
            await swapIn(this.target, this.staging, this.out);
        } finally {
            await removeQuietly(this.staging);
            await this.release();
        }
    }

    /** Removes what was written (closing a file left half-written): the output stays as it was. */
    async abandon(): Promise<void> {
        if (this.ended) {
            return;
        }
        this.end();
        this.opened.forEach(handle => closeSync(handle));
        this.opened.clear();
        await removeQuietly(this.staging);
        await this.release();
    }

    private end(): void {
        if (this.ended) {
            throw new Error('a staged build was ended twice');
        }
        this.ended = true;
        STOPPING_SIGNALS.forEach(signal => process.off(signal, this.stopped));
    }

    /** Where a new file of the build goes in the staging folder, its name checked and its folder made (once per folder). */
    private place(file: string): string {
        if (this.ended) {
            throw new Error(`'${file}' was written after the build ended`);
        }
        const full = path.join(this.staging, file);
        if (!full.startsWith(this.staging + path.sep)) {
            throw new UsageError(`refusing to write '${file}' outside the output folder`);
        }
        refuseDeviceName(file);
        this.refuseSameName(file);
        const folder = path.dirname(full);
        if (!this.made.has(folder)) {
            this.attempt(() => mkdirSync(folder, { recursive: true }));
            this.made.add(folder);
        }
        this.count++;
        return full;
    }

    /** A write to the staging folder; its failure (a full disk, a folder gone) is the build's, in a reader's words. */
    private attempt<T>(write: () => T): T {
        try {
            return write();
        } catch (error) {
            throw new UsageError(`cannot write the output to '${this.out}': ${describe(error)}`);
        }
    }

    /**
     * Two outputs whose names differ only in case (guidance EC-RISK and Ec-Risk, so EC-RISK.html and Ec-Risk.html) are
     * one file on Windows and macOS, where forces read their sites: one page would silently replace the other. Refused,
     * naming both, and nothing reaches the output.
     */
    private refuseSameName(name: string): void {
        const folded = name.normalize('NFC').toLowerCase();
        const other = this.names.get(folded);
        if (other === name) {
            throw publishedTwice(name);
        }
        if (other !== undefined) {
            throw new UsageError(
                `refusing to publish '${other}' and '${name}': their names differ only in case, and on Windows and macOS they are one file (one page would replace the other). Give one of them another id. Nothing was written.`
            );
        }
        this.names.set(folded, name);
    }
}

/** Refuses an output path with a part named as a Windows device ({@link windowsDevice}), naming it: nothing reaches the output. */
function refuseDeviceName(file: string): void {
    const device = file.split(/[\\/]/).find(part => windowsDevice.test(part.trimEnd()));
    if (device !== undefined) {
        throw new UsageError(
            `refusing to publish '${file}': '${device}' is a name Windows keeps for a device (CON, PRN, AUX, NUL, COM1–9, LPT1–9), so on Windows the file would be lost and the site could not be copied there. Give it another id. Nothing was written.`
        );
    }
}

/** Moves the written folder to `target`, and the previous output (if any) aside until it is in place. */
async function swapIn(target: string, staging: string, out: string): Promise<void> {
    const previous = path.join(path.dirname(target), `.${path.basename(target)}.previous-${process.pid}`);
    const hadPrevious = await exists(target);
    try {
        if (hadPrevious) {
            await fs.rename(target, previous);
        }
        await fs.rename(staging, target);
    } catch (error) {
        if (hadPrevious && !(await exists(target))) {
            await fs.rename(previous, target).catch(() => undefined);
        }
        throw new UsageError(`cannot replace '${out}': ${describe(error)}`);
    }
    await removeQuietly(previous);
}

/**
 * Why the output could not be written, in a reader's words where Node's code has them ("the disk is full", not ENOSPC),
 * with the path that was in the way when the words are about a path ("a file stands where a folder is needed ('…')").
 */
export function describe(error: unknown): string {
    if (!(error instanceof Error)) {
        return String(error);
    }
    const { code, path: where } = error as NodeJS.ErrnoException;
    if (code === undefined) {
        return error.message;
    }
    if (code === 'EBUSY') {
        return 'it is in use or is a mount point, which the build cannot replace: name a folder inside it';
    }
    const words = describeFileError(error, 'write');
    return ['EEXIST', 'ENOTDIR', 'EISDIR'].includes(code) && where ? `${words} ('${where}')` : words;
}

const exists = (file: string) =>
    fs.stat(file).then(
        () => true,
        () => false
    );

/** Cleans up after a build that was killed: its staging folder goes; an output it had moved aside comes back. */
async function recoverFromKilledBuilds(parent: string, base: string, target: string): Promise<void> {
    const pattern = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(building|previous)-(\\d+)$`);
    for (const entry of await fs.readdir(parent)) {
        const match = pattern.exec(entry);
        if (!match || alive(Number(match[2]))) {
            continue;
        }
        const leftover = path.join(parent, entry);
        if (match[1] === 'previous' && !(await exists(target))) {
            await fs.rename(leftover, target);
        } else {
            await removeQuietly(leftover);
        }
    }
}

/** The signals that end a build from outside: Ctrl+C, a kill, the terminal closed. */
const STOPPING_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** A build stopped by `signal`: its open files closed, its staging folder and lock removed, and the process ended as the signal would have. */
function endStopped(signal: NodeJS.Signals, staging: string, lockFile: string, opened: Iterable<number> = []): never {
    for (const handle of opened) {
        try {
            closeSync(handle);
        } catch {
            // closing is only so that the folder can be removed
        }
    }
    rmSync(staging, { recursive: true, force: true });
    rmSync(lockFile, { force: true });
    process.exit(128 + (constants.signals[signal] ?? 0));
}

/** Takes the output folder's lock, waiting for another build that holds it; a lock left by a dead process is taken over. */
async function lock(file: string, out: string): Promise<() => Promise<void>> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
        try {
            const handle = await fs.open(file, 'wx');
            await handle.writeFile(String(process.pid));
            await handle.close();
            return () => fs.rm(file, { force: true });
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
                throw new UsageError(`cannot write the output to '${out}': ${describe(error)}`);
            }
        }
        const holder = Number(await fs.readFile(file, 'utf8').catch(() => ''));
        if (holder && !alive(holder)) {
            await fs.rm(file, { force: true });
            continue;
        }
        if (Date.now() > deadline) {
            throw new UsageError(`another build (process ${holder}) is still writing '${out}'`);
        }
        await new Promise(resolve => setTimeout(resolve, 100));
    }
}

// Cleaning up must not hide the error that made the build fail.
async function removeQuietly(folder: string): Promise<void> {
    await fs.rm(folder, { recursive: true, force: true }).catch(() => undefined);
}
