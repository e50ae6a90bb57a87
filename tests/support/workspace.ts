import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystemProvider, URI, type FileSystemNode, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { createGdlServices, type GdlServices } from '../../language/src/gdl-module.js';
import { configDiagnostics } from '../../language/src/lsp/prose-server-setup.js';
import { CONFIG_FILE } from '../../language/src/prose/workspace-config.js';

/** A workspace built in memory, as the language server and the CLI build one. */
export interface TestWorkspace {
    services: GdlServices;
    documents: Map<string, LangiumDocument>;
    /** Diagnostics of one file, or of all files. */
    diagnostics(file?: string): Diagnostic[];
    codes(file?: string): string[];
    /** Replaces a file's text (or adds the file) and rebuilds, as the language server does on an edit. */
    edit(file: string, text: string): Promise<void>;
    /** Replaces a file's text without rebuilding (the test starts the build). */
    write(file: string, text: string): void;
    /** The URI of a file of the workspace. */
    uri(file: string): URI;
    /** Deletes a file and rebuilds. */
    remove(file: string): Promise<void>;
}

/** Files held in memory, read by Langium when it rebuilds a changed document. */
class MemoryFileSystem extends EmptyFileSystemProvider {
    readonly files = new Map<string, string>();
    // Langium's EmptyFileSystemProvider declares readFile and readFileSync without the URI they are
    // called with, so an override may only take it as optional.
    override async readFile(uri?: URI): Promise<string> {
        return this.readFileSync(uri);
    }
    override async stat(uri: URI): Promise<FileSystemNode> {
        return this.statSync(uri);
    }
    override statSync(uri: URI): FileSystemNode {
        if (!this.files.has(uri.toString())) {
            throw new Error(`no such file: ${uri.toString()}`);
        }
        return { uri, isFile: true, isDirectory: false };
    }
    override readFileSync(uri?: URI): string {
        const text = uri && this.files.get(uri.toString());
        if (text === undefined) {
            throw new Error(`no such file: ${uri?.toString()}`);
        }
        return text;
    }
}

/**
 * Builds the files (name → text) as one workspace with validation, as of `asOf`; files not named `.gdl`
 * (gdl.config.json, gdl-words.txt) are only on the file system. `prepare` sets settings before the build.
 */
export async function buildWorkspace(
    files: Record<string, string>,
    asOf = '2026-01-15',
    prepare?: (services: GdlServices) => void
): Promise<TestWorkspace> {
    const fileSystem = new MemoryFileSystem();
    const services = createGdlServices({ fileSystemProvider: () => fileSystem }).Gdl;
    services.gdl.Settings.asOf = asOf;
    services.gdl.Settings.workspaceRoot = URI.file('/ws').toString();
    prepare?.(services);
    const workspace = services.shared.workspace;
    const uriOf = (name: string) => URI.file(`/ws/${name}`);
    const documents = new Map<string, LangiumDocument>();
    for (const [name, text] of Object.entries(files)) {
        fileSystem.files.set(uriOf(name).toString(), text);
        if (!name.endsWith('.gdl')) {
            continue;
        }
        const document = workspace.LangiumDocumentFactory.fromString(text, uriOf(name));
        workspace.LangiumDocuments.addDocument(document);
        documents.set(name, document);
    }
    await workspace.DocumentBuilder.build([...documents.values()], { validation: true });
    const diagnostics = (file?: string) =>
        file === CONFIG_FILE
            ? configDiagnostics(services.gdl.Prose.workspaceConfiguration)
            : file
              ? (workspace.LangiumDocuments.getDocument(uriOf(file))?.diagnostics ?? [])
              : workspace.LangiumDocuments.all.toArray().flatMap(d => d.diagnostics ?? []);
    return {
        services,
        documents,
        diagnostics,
        codes: file => diagnostics(file).map(d => String(d.code)),
        write: (file, text) => fileSystem.files.set(uriOf(file).toString(), text),
        uri: uriOf,
        edit: async (file, text) => {
            fileSystem.files.set(uriOf(file).toString(), text);
            await workspace.DocumentBuilder.update([uriOf(file)], []);
            documents.set(file, workspace.LangiumDocuments.getDocument(uriOf(file))!);
        },
        remove: async file => {
            fileSystem.files.delete(uriOf(file).toString());
            documents.delete(file);
            await workspace.DocumentBuilder.update([], [uriOf(file)]);
        }
    };
}

/** Reads every .gdl file below `folder` into a name → text map (names relative to `folder`). */
export function readFolder(folder: string): Record<string, string> {
    const files: Record<string, string> = {};
    const visit = (dir: string) => {
        for (const entry of readdirSync(dir)) {
            const full = path.join(dir, entry);
            if (statSync(full).isDirectory()) {
                visit(full);
            } else if (entry.endsWith('.gdl')) {
                files[path.relative(folder, full)] = readFileSync(full, 'utf8');
            }
        }
    };
    visit(folder);
    return files;
}

/** A minimal framework used by many tests: recommendation 12 with 12.1–12.3; 12.3 needs guidance and training. */
export const miniFramework = `
framework F "Test framework" {
    published 2024-09-27
    recommendation 12 {
        to chief-constables
        deadline 2025-03-27
        text "By 27 March 2025, take steps."
        evidence 12.1 { text "First requirement." }
        evidence 12.2 { text "Second requirement." }
        evidence 12.3 { text "Third requirement." requires guidance, training }
    }
}
audience responders "Responders"
curriculum C "Curriculum" { outcome PP-1 "Recognise stalking." }
`;
