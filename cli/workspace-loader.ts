import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DocumentState, URI, type LangiumDocument } from 'langium';
import { createGdlServices, type GdlServices } from '../language/src/gdl-module.js';
import { UsageError } from './errors.js';
import { describeFileError } from '../language/src/file-errors.js';
import { GdlNodeFileSystem } from '../language/src/source-file-system.js';
import { workspaceSources } from './workspace-sources.js';
import type { AssuranceLevel } from '../language/src/coverage/coverage-model.js';

/** A source file that exists but could not be read. */
export interface ReadFailure {
    readonly file: string;
    readonly reason: string;
}

/** A workspace loaded and fully built: parsed, linked and validated. */
export interface LoadedWorkspace {
    readonly root: string;
    readonly services: GdlServices;
    readonly documents: LangiumDocument[];
    readonly unreadable: ReadFailure[];
}

/** The folder the sources are read from: `folder` itself, or the folder of a single file given. */
export async function workspaceRoot(folder: string): Promise<string> {
    const stat = await fs.stat(folder).catch(() => undefined);
    return stat && !stat.isDirectory() ? path.dirname(folder) : folder;
}

/** How a command judges the workspace: as of a date, at a level of assurance, for one force. */
export interface JudgeOptions {
    readonly asOf?: string;
    readonly level?: AssuranceLevel;
    /** A force's id or name (`--force`). */
    readonly force?: string;
    /** Run the plain-English checks too (`--prose`). */
    readonly prose?: boolean;
}

/**
 * Reads every source under `folder` and builds the workspace with validation, as of a date (or with all of
 * {@link JudgeOptions}). `found` is told how many sources there are before they are read (`gdl build` starts its
 * workers then, so that they load while the workspace is built).
 */
export async function loadWorkspace(
    folder: string,
    judge?: string | JudgeOptions,
    given?: GdlServices,
    found?: (sources: number) => void
): Promise<LoadedWorkspace> {
    const { asOf, level, force, prose } =
        typeof judge === 'string' ? { asOf: judge, level: undefined, force: undefined, prose: false } : (judge ?? {});
    const { root, files, outside } = await workspaceSources(folder);
    found?.(files.length);
    const services = given ?? createGdlServices(GdlNodeFileSystem).Gdl;
    services.gdl.Settings.asOf = asOf;
    services.gdl.Settings.assurance = level;
    services.gdl.Settings.force = force;
    services.gdl.Settings.prose = { asked: prose === true };
    // The sources as they stand are judged, not an edit that made them (GDL0210 is the editor's; see --watch).
    services.gdl.Settings.coverageLosses = false;
    services.gdl.Settings.workspaceRoot = URI.file(root).toString();
    const factory = services.shared.workspace.LangiumDocumentFactory;
    const langiumDocuments = services.shared.workspace.LangiumDocuments;
    const documents: LangiumDocument[] = [];
    const unreadable: ReadFailure[] = outsideLinks(outside);
    for (const file of files) {
        let bytes: Uint8Array;
        try {
            // Read one after the other, synchronously: awaiting each read through libuv's thread pool cost more than
            // reading (about a second for 692 files).
            bytes = readFileSync(file);
        } catch (error) {
            unreadable.push({ file, reason: describeReadError(error) });
            continue;
        }
        // Decoded by the GDL rules: a UTF-8 byte-order mark dropped, other encodings reported (GDL0008).
        const uri = URI.file(file);
        const document = factory.fromString(services.gdl.SourceTexts.read(uri, bytes), uri);
        langiumDocuments.addDocument(document);
        documents.push(document);
    }
    await services.shared.workspace.DocumentBuilder.build(documents, { validation: true });
    if (force !== undefined) {
        const forces = services.gdl.WorkspaceFacts.workspaceCoverage().forces;
        if (!forces.find(force)) {
            const names = forces.forces.map(f => (f.id ? `${f.id} ("${f.title}")` : `"${f.title}"`)).join(', ');
            throw new UsageError(
                forces.declared
                    ? `no force '${force}' in '${folder}'; its forces are ${names}`
                    : `no force '${force}' in '${folder}': it declares no force (the whole workspace is ${names || 'one force'})`
            );
        }
    }
    return {
        root,
        services,
        documents: documents.filter(d => d.state >= DocumentState.Validated),
        unreadable
    };
}

/** Links to sources outside the workspace folder, as the problems they are reported as. */
export function outsideLinks(outside: readonly string[]): ReadFailure[] {
    return outside.map(file => ({ file, reason: 'it links outside the workspace folder, so it is not followed' }));
}

/** Why a source could not be read, in a reader's words. */
export function describeReadError(error: unknown): string {
    // A source listed a moment ago and not there now: most often a link to nowhere.
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return missing ? 'the file does not exist (a broken link?)' : describeFileError(error, 'read');
}
