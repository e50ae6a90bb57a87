import { closeSync, openSync, promises as fs, writeSync } from 'node:fs';
import * as path from 'node:path';
import { isSourceFileName } from '../../language/src/source-files.js';
import { CONFIG_FILES } from '../../language/src/prose/config-files.js';
import { isGdlCode, realPathOf } from '../build/output-folder.js';
import { isInside } from '../../language/src/folder-paths.js';
import { UsageError } from '../errors.js';
import { describeFileError } from '../../language/src/file-errors.js';
import { isEarlierReport, REPORT_HEAD_LENGTH } from './report-formats.js';
import { writeAll, type WritePart } from '../write-all.js';

/**
 * Writes `text` to `file` atomically: a temporary file beside it, then a rename, so readers never see half a report.
 * Text given in pieces is written as the pieces are made, so a large report is never held whole.
 */
export async function writeAtomically(file: string, text: string | Iterable<string>): Promise<void> {
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    try {
        if (typeof text === 'string') {
            await fs.writeFile(temporary, text, 'utf8');
        } else {
            writePieces(temporary, text);
        }
        await fs.rename(temporary, file);
    } catch (error) {
        // The temporary file may not have been made (no such folder, or one that is a file): nothing to take away then.
        await fs.rm(temporary, { force: true }).catch(() => undefined);
        throw new UsageError(`cannot write '${file}': ${describeFileError(error, 'write')}`);
    }
}

/** Pieces gathered into writes of about 64 KB: one write per piece of a 10,000-row report would be 10,000 calls. */
function writePieces(file: string, pieces: Iterable<string>): void {
    const fd = openSync(file, 'w');
    try {
        writeInBatches((bytes, offset, length) => writeSync(fd, bytes, offset, length), pieces);
    } finally {
        closeSync(fd);
    }
}

/** Writes the pieces through `write`, gathered into batches, every byte of them ({@link writeAll}). */
export function writeInBatches(write: WritePart, pieces: Iterable<string>): void {
    let batch: string[] = [];
    let size = 0;
    for (const piece of pieces) {
        batch.push(piece);
        size += piece.length;
        if (size >= 65536) {
            writeAll(write, batch.join(''));
            batch = [];
            size = 0;
        }
    }
    writeAll(write, batch.join(''));
}

/**
 * Refuses a report file that would destroy or join the sources, or replace gdl itself: a name the workspace reads
 * (a GDL source, gdl.config.json, gdl-words.txt: overwriting one, or adding a file the next check would read), a
 * place inside the templates folder, or inside gdl's own code (the compiled or bundled code running, the folder of
 * the `gdl` command, a package's node_modules: a report over bin/gdl.js left no gdl to run). Checked before anything
 * is read or written (exit 2). The files the sources name (exhibits, handouts) are known once the workspace is
 * read: {@link checkReportNotNamed}.
 */
export async function checkReportFile(file: string, templates: string): Promise<void> {
    const target = await realPathOf(file);
    const refuse = (why: string) => refusal(file, why);
    const name = [path.basename(file), path.basename(target)].find(n => isSourceFileName(n) || CONFIG_FILES.includes(n));
    if (name !== undefined) {
        throw refuse(isSourceFileName(name) ? 'that is the name of a GDL source' : `that is the name of the workspace's ${name}`);
    }
    // A folder cannot be replaced by a report, nor a file hold one: said now, before the check runs, not after it.
    const there = await fs.stat(target).catch(() => undefined);
    if (there?.isDirectory()) {
        throw refuse('it is a folder: name a file');
    }
    // A device (/dev/null, a disk), a named pipe or a socket: the report would replace it (as root, /dev/null itself),
    // and reading a pipe to see what is there waits for ever.
    if (there && !there.isFile()) {
        throw refuse('it is not a file but a device, a pipe or a socket');
    }
    const parent = await fs.stat(path.dirname(target)).catch(() => undefined);
    if (parent && !parent.isDirectory()) {
        throw refuse(`'${path.dirname(file)}' is a file, not a folder`);
    }
    const guarded = await realPathOf(templates);
    if (target === guarded || isInside(target, guarded)) {
        throw refuse(`it lies inside the templates folder ('${templates}')`);
    }
    if (await isGdlCode(target)) {
        throw refuse("it lies inside gdl's own code");
    }
}

/**
 * Refuses a report file that is a file the workspace's sources name (an exhibit on file, a handout), as the check
 * saw them (`lookedAt`): evidence an inspector asks to see; or any other file already there that is not an earlier
 * report (CI writing coverage.html again is fine), never someone's file: package.json, a README, a script,
 * .git/config. Checked once the workspace is read, before any report is written (exit 2).
 */
export async function checkReportNotNamed(file: string, lookedAt: Iterable<string>): Promise<void> {
    const target = await realPathOf(file);
    const refuse = (why: string) => refusal(file, why);
    for (const named of lookedAt) {
        if ((await realPathOf(named)) === target) {
            throw refuse('it is a file the sources name (an exhibit or a handout)');
        }
    }
    const head = await readHead(target);
    if (head !== undefined && head.length > 0 && !isEarlierReport(head)) {
        throw refuse('a file is there that is not an earlier gdl report; name a new file, or move that one away first');
    }
}

/** The refusal of a report file, and why. */
function refusal(file: string, why: string): UsageError {
    return new UsageError(`refusing to write the report to '${file}': ${why}. Nothing was written; choose another file.`);
}

/** A file's first characters, or undefined when there is no file to read. */
async function readHead(file: string): Promise<string | undefined> {
    let handle;
    try {
        handle = await fs.open(file, 'r');
    } catch {
        return undefined;
    }
    try {
        const buffer = Buffer.alloc(REPORT_HEAD_LENGTH * 4);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        return buffer.subarray(0, bytesRead).toString('utf8').slice(0, REPORT_HEAD_LENGTH);
    } finally {
        await handle.close();
    }
}
