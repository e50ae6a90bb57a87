import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { repositoryRoot } from './repository.js';
import {
    createProtocolConnection,
    StreamMessageReader,
    StreamMessageWriter,
    type ProtocolConnection
} from 'vscode-languageserver-protocol/node.js';
import type { Diagnostic, Position, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver-protocol';
import { CoverageChangedNotification, TEST_REQUESTS_ARGUMENT, type CoverageFigures } from '../../language/src/lsp/gdl-protocol.js';

const repo = repositoryRoot();

/** `text` with LSP text edits applied, as an editor applies a quick fix's edits to one document. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
    const lineStarts = [0, ...[...text.matchAll(/\n/g)].map(m => m.index + 1)];
    const offset = (p: Position) => Math.min((lineStarts[p.line] ?? text.length) + p.character, text.length);
    return [...edits]
        .sort((a, b) => offset(b.range.start) - offset(a.range.start))
        .reduce((result, edit) => result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end)), text);
}

/** The real GDL language server as a child process, driven over JSON-RPC as an editor drives it. */
export class LspSession {
    readonly connection: ProtocolConnection;
    readonly diagnostics = new Map<string, Diagnostic[]>();
    /** Every publishDiagnostics the server sent, in order of arrival (with the text version, when it gave one). */
    readonly published: PublishDiagnosticsParams[] = [];
    readonly coverageNotes: CoverageFigures[] = [];
    /** For each coverage note, how many diagnostics publications had arrived before it. */
    readonly publishedBeforeNote: number[] = [];
    readonly stderr: string[] = [];
    /** What the server logged (window/logMessage: its console output). */
    readonly log: string[] = [];
    private readonly process: ChildProcess;
    private waiters: Array<() => void> = [];

    /**
     * `nodeOptions` go to Node (e.g. `--expose-gc`); `testRequests` (default true) starts the server
     * with the test-only requests of `gdl-protocol.ts` registered.
     */
    constructor(
        readonly root: string,
        private readonly settings: Record<string, unknown> = {},
        options: { nodeOptions?: string[]; testRequests?: boolean } = {}
    ) {
        const serverArgs = ['--stdio', ...(options.testRequests === false ? [] : [TEST_REQUESTS_ARGUMENT])];
        this.process = spawn(
            process.execPath,
            [...(options.nodeOptions ?? []), path.join(repo, 'out/language/src/main.js'), ...serverArgs],
            { stdio: ['pipe', 'pipe', 'pipe'] }
        );
        this.process.stderr!.on('data', chunk => this.stderr.push(String(chunk)));
        this.connection = createProtocolConnection(
            new StreamMessageReader(this.process.stdout!),
            new StreamMessageWriter(this.process.stdin!)
        );
        this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
            this.diagnostics.set(params.uri, params.diagnostics);
            this.published.push(params);
            this.notify();
        });
        this.connection.onNotification(CoverageChangedNotification, params => {
            this.coverageNotes.push(params);
            this.publishedBeforeNote.push(this.published.length);
            this.notify();
        });
        this.connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
            // The plain-English checks (on by default in the editor) only when a test asks for them: the other tests' files are judged on the rest.
            params.items.map(item => (item.section === 'gdl' ? { prose: { enabled: false }, ...this.settings } : {}))
        );
        this.connection.onRequest('client/registerCapability', () => null);
        this.connection.onRequest('window/workDoneProgress/create', () => null);
        this.connection.onNotification('window/logMessage', (params: { message: string }) => {
            this.log.push(params.message);
        });
        this.connection.listen();
    }

    uri(file: string): string {
        return pathToFileURL(path.join(this.root, file)).toString();
    }

    async initialize(): Promise<void> {
        await this.connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri: pathToFileURL(this.root).toString(),
            workspaceFolders: [{ uri: pathToFileURL(this.root).toString(), name: 'guidance' }],
            capabilities: {
                workspace: {
                    configuration: true,
                    workspaceFolders: true,
                    workspaceEdit: { documentChanges: true, resourceOperations: ['create'] }
                },
                textDocument: {
                    publishDiagnostics: {},
                    hover: { contentFormat: ['markdown'] },
                    completion: { completionItem: { documentationFormat: ['markdown'] } }
                }
            }
        });
        await this.connection.sendNotification('initialized', {});
    }

    /** Changes the `gdl` settings, as the editor does when the writer changes one (a workspace/didChangeConfiguration). */
    configure(settings: Record<string, unknown>): Promise<void> {
        return this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { gdl: settings } });
    }

    /** Resolves when `predicate` holds, checking after every notification; rejects after `ms`. */
    waitFor(predicate: () => boolean, what: string, ms = 300_000): Promise<void> {
        if (predicate()) {
            return Promise.resolve();
        }
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; server stderr: ${this.stderr.join('')}`)), ms);
            const check = () => {
                if (predicate()) {
                    clearTimeout(timer);
                    this.waiters = this.waiters.filter(w => w !== check);
                    resolve();
                }
            };
            this.waiters.push(check);
        });
    }

    /** Opens `file` in the editor with `text` as version 1 (a didOpen). */
    open(file: string, text: string): Promise<void> {
        return this.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: this.uri(file), languageId: 'gdl', version: 1, text }
        });
    }

    /** Replaces the whole text of an open `file` with `text`, as version `version` (a didChange). */
    change(file: string, version: number, text: string): Promise<void> {
        return this.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: this.uri(file), version },
            contentChanges: [{ text }]
        });
    }

    /** Waits until the server has published a diagnostic with `code` on `file`, and returns it. */
    async diagnosticWith(file: string, code: string): Promise<Diagnostic> {
        const find = () => (this.diagnostics.get(this.uri(file)) ?? []).find(d => d.code === code);
        await this.waitFor(() => find() !== undefined, `${code} on ${file}`);
        return find()!;
    }

    /** The last publication of diagnostics for `file`, with the version of the text it was computed from. */
    lastPublished(file: string): PublishDiagnosticsParams | undefined {
        const uri = this.uri(file);
        return this.published.findLast(p => p.uri === uri);
    }

    /**
     * Resolves once the server has published diagnostics for version `version` of `file` and then
     * finished the build (its coverage note arrived): the state it shows is the state of that text.
     */
    async settled(file: string, version: number, what: string): Promise<void> {
        const uri = this.uri(file);
        let at = -1;
        await this.waitFor(() => {
            if (at < 0) {
                at = this.published.findLastIndex(p => p.uri === uri && p.version === version);
            }
            return at >= 0 && this.publishedBeforeNote.some(n => n > at);
        }, what);
    }

    private notify(): void {
        for (const waiter of [...this.waiters]) {
            waiter();
        }
    }

    async close(): Promise<void> {
        try {
            await Promise.race([this.connection.sendRequest('shutdown'), new Promise(r => setTimeout(r, 2000))]);
            await this.connection.sendNotification('exit');
        } catch {
            // the process may already be gone
        }
        this.connection.dispose();
        this.process.kill();
    }

    /** The server's peak resident memory in MB (Linux), read before it is shut down. */
    peakRssMB(): number | undefined {
        try {
            const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
            const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
            return kb ? Math.round(Number(kb) / 1024) : undefined;
        } catch {
            return undefined;
        }
    }

    get exited(): boolean {
        return this.process.exitCode !== null;
    }
}
