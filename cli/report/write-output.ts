import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isSourceFileName } from '../../language/src/source-files.js';
import { moduleFolder } from '../../language/src/module-folder.js';
import { CONFIG_FILE, WORDS_FILE } from '../../language/src/prose/config-files.js';
import { realPathOf } from '../build/output-folder.js';
import { isInside } from '../../language/src/folder-paths.js';
import { UsageError } from '../errors.js';

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
            await writePieces(temporary, text);
        }
        await fs.rename(temporary, file);
    } catch (error) {
        await fs.rm(temporary, { force: true });
        throw new UsageError(
            `cannot write '${file}': ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (error as Error).message}`
        );
    }
}

/** Pieces gathered into writes of about 64 KB: one write per piece of a 10,000-row report would be 10,000 calls. */
async function writePieces(file: string, pieces: Iterable<string>): Promise<void> {
    const handle = await fs.open(file, 'w');
    try {
        let batch: string[] = [];
        let size = 0;
        for (const piece of pieces) {
            batch.push(piece);
            size += piece.length;
            if (size >= 65536) {
                await handle.write(batch.join(''), null, 'utf8');
                batch = [];
                size = 0;
            }
        }
        await handle.write(batch.join(''), null, 'utf8');
    } finally {
        await handle.close();
    }
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
    const refuse = (why: string) =>
        new UsageError(`refusing to write the report to '${file}': ${why}. Nothing was written; choose another file.`);
    const name = [path.basename(file), path.basename(target)].find(n => isSourceFileName(n) || configFileNames.includes(n));
    if (name !== undefined) {
        throw refuse(isSourceFileName(name) ? 'that is the name of a GDL source' : `that is the name of the workspace's ${name}`);
    }
    const guarded = await realPathOf(templates);
    if (target === guarded || isInside(target, guarded)) {
        throw refuse(`it lies inside the templates folder ('${templates}')`);
    }
    const code = await Promise.all(codeFolders().map(realPathOf));
    if (code.some(folder => target === folder || isInside(target, folder)) || target.split(path.sep).includes('node_modules')) {
        throw refuse("it lies inside gdl's own code");
    }
}

/**
 * Refuses a report file that is a file the workspace's sources name (an exhibit on file, a handout), as the check
 * saw them (`lookedAt`): evidence an inspector asks to see. Checked before any report is written (exit 2).
 */
export async function checkReportNotNamed(file: string, lookedAt: Iterable<string>): Promise<void> {
    const target = await realPathOf(file);
    for (const named of lookedAt) {
        if ((await realPathOf(named)) === target) {
            throw new UsageError(
                `refusing to write the report to '${file}': it is a file the sources name (an exhibit or a handout). Nothing was written; choose another file.`
            );
        }
    }
}

// The workspace's own configuration files, by name.
const configFileNames = [CONFIG_FILE, WORDS_FILE];

/**
 * The folders of gdl's code: the top of the code running now (out/ when compiled, extension/out/ when bundled) and,
 * beside the `gdl` command that started it (bin/gdl.js), that folder and the package's compiled code and bundles.
 */
function codeFolders(): string[] {
    const folders: string[] = [];
    for (let folder = moduleFolder(import.meta.url); path.dirname(folder) !== folder; folder = path.dirname(folder)) {
        if (path.basename(folder) === 'out') {
            folders.push(folder);
            break;
        }
    }
    const command = process.argv[1];
    if (command && path.basename(command) === 'gdl.js') {
        const bin = path.dirname(path.resolve(command));
        folders.push(bin, ...['out', 'extension'].map(name => path.join(path.dirname(bin), name)));
    }
    return folders;
}
