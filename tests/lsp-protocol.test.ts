import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CompletionItem, CompletionList, DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { FailHoverRequest, HeapRequest } from '../language/src/lsp/gdl-protocol.js';
import { generateForces } from '../bench/generate-workspace.js';
import { LspSession } from './support/lsp-client.js';
import { copyExampleWorkspace } from './support/files.js';

const RISK = 'example-constabulary/guidance/risk.gdl';
/** JSON-RPC's answer to a method the server does not have. */
const METHOD_NOT_FOUND = -32601;

function workspaceCopy(): string {
    const root = mkdtempSync(path.join(tmpdir(), 'gdl-protocol-'));
    copyExampleWorkspace(root);
    return root;
}

describe('the test-only requests (a real server process)', () => {
    test('a server started as the editor starts it, without --gdl-test-requests, does not have them', async () => {
        const session = new LspSession(workspaceCopy(), { asOf: '2026-01-15' }, { testRequests: false });
        try {
            await session.initialize();
            await expect(session.connection.sendRequest(HeapRequest)).rejects.toMatchObject({ code: METHOD_NOT_FOUND });
            await expect(session.connection.sendRequest(FailHoverRequest, { fail: true })).rejects.toMatchObject({
                code: METHOD_NOT_FOUND
            });
        } finally {
            await session.close();
        }
    });

    test('a server started with --gdl-test-requests answers the heap request', async () => {
        const session = new LspSession(workspaceCopy(), { asOf: '2026-01-15' });
        try {
            await session.initialize();
            const heap = await session.connection.sendRequest(HeapRequest);
            expect(heap.heapUsed).toBeGreaterThan(1_000_000);
            // Started without --expose-gc, so there was no collection to run.
            expect(heap.collected).toBe(false);
        } finally {
            await session.close();
        }
    });
});

describe('an editor feature that throws inside the server (a real server process)', () => {
    let session: LspSession;
    let riskText: string;

    beforeAll(async () => {
        const root = workspaceCopy();
        riskText = readFileSync(path.join(root, RISK), 'utf8');
        session = new LspSession(root, { asOf: '2026-01-15' });
        await session.initialize();
        await session.waitFor(() => session.coverageNotes.length > 0, 'the initial build');
        await session.open(RISK, riskText);
    });

    afterAll(async () => {
        await session?.close();
    });

    /** Zero-based position `shift` characters into the first `needle` of the risk guidance. */
    function positionOf(needle: string, shift: number) {
        const before = riskText.slice(0, riskText.indexOf(needle) + shift).split('\n');
        return { line: before.length - 1, character: before.at(-1)!.length };
    }

    /** Hover on the `12.3` of `addresses 12.3`. */
    function hoverOnRequirement(): Promise<Hover | null> {
        const position = positionOf('addresses 12.3', 'addresses 12.'.length);
        return session.connection.sendRequest('textDocument/hover', {
            textDocument: { uri: session.uri(RISK) },
            position
        }) as Promise<Hover | null>;
    }

    test('is answered with no result, not an error the editor would show; the failure is logged; the server keeps answering', async () => {
        const working = await hoverOnRequirement();
        expect((working?.contents as { value: string } | undefined)?.value).toContain('**Evidence requirement 12.3**');

        await session.connection.sendRequest(FailHoverRequest, { fail: true });
        // An error response would reject this promise.
        expect(await hoverOnRequirement()).toBeNull();
        expect(session.log.filter(m => m.includes('GDL hover.getHoverContent failed and answered with an empty result'))).toHaveLength(1);
        expect(session.log.join('\n')).toContain(`hover made to fail by the test request ${FailHoverRequest.method}`);

        // Other features still answer while hover is broken ...
        const position = positionOf('addresses 12.3', 'addresses '.length);
        const completion = (await session.connection.sendRequest('textDocument/completion', {
            textDocument: { uri: session.uri(RISK) },
            position
        })) as CompletionList | CompletionItem[];
        expect((Array.isArray(completion) ? completion : completion.items).map(i => i.label)).toContain('12.3');
        // ... and hover itself, once its fault is gone.
        await session.connection.sendRequest(FailHoverRequest, { fail: false });
        const again = await hoverOnRequirement();
        expect((again?.contents as { value: string } | undefined)?.value).toContain('**Evidence requirement 12.3**');
        expect(session.exited).toBe(false);
    });
});

describe('requests the editor sends before the first build ends, or about documents the server does not know (a real server process)', () => {
    /** Every request the server answers for a document, with the parameters an editor sends. */
    const requests = (uri: string, position: { line: number; character: number }): Array<[string, object]> => [
        ['textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }],
        ['textDocument/codeLens', { textDocument: { uri } }],
        ['textDocument/hover', { textDocument: { uri }, position }],
        ['textDocument/completion', { textDocument: { uri }, position }],
        ['textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } }],
        ['textDocument/prepareRename', { textDocument: { uri }, position }],
        ['textDocument/semanticTokens/full', { textDocument: { uri } }],
        ['textDocument/documentSymbol', { textDocument: { uri } }],
        ['textDocument/foldingRange', { textDocument: { uri } }],
        ['textDocument/definition', { textDocument: { uri }, position }]
    ];

    test('opening a file, changing a setting and asking at once: every request is answered, none fails', async () => {
        const root = workspaceCopy();
        const text = readFileSync(path.join(root, RISK), 'utf8');
        const session = new LspSession(root, { asOf: '2026-01-15' });
        try {
            await session.initialize();
            const uri = session.uri(RISK);
            const lines = text.split('\n');
            // The end of a section's first line: every request has something to answer there (F2 on 12.3 is refused, rightly).
            const line = lines.findIndex(l => l.includes('section risk-breaches'));
            const position = { line, character: lines[line]!.length };
            // As VS Code does in a fresh window: open, send the settings, ask for code actions (and the rest) at once.
            for (let round = 0; round < 3; round++) {
                await session.open(RISK, text);
                await session.configure({ asOf: `2026-01-1${5 + round}` });
                const answers = await Promise.allSettled(
                    requests(uri, position).map(([method, params]) => session.connection.sendRequest(method, params))
                );
                const failed = answers.flatMap((a, i) =>
                    a.status === 'rejected' ? [`${requests(uri, position)[i]![0]}: ${String((a.reason as Error).message)}`] : []
                );
                expect(failed).toEqual([]);
                await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
            }
            const codeActions = await session.connection.sendRequest('textDocument/codeAction', requests(uri, position)[0]![1]);
            expect(Array.isArray(codeActions)).toBe(true);
            // A file that is not on disk, opened and asked about at once (before the server has added it).
            await session.open('example-constabulary/guidance/new.gdl', text.replace(/risk-/g, 'new-'));
            const fresh = session.uri('example-constabulary/guidance/new.gdl');
            const answers = await Promise.allSettled(
                requests(fresh, position).map(([method, params]) => session.connection.sendRequest(method, params))
            );
            expect(answers.filter(a => a.status === 'rejected').map(a => String((a as PromiseRejectedResult).reason))).toEqual([]);
        } finally {
            await session.close();
        }
    });

    test('a request about a document the server does not know, or without its optional parts, is answered with nothing; nothing is logged as a failure', async () => {
        const root = workspaceCopy();
        const session = new LspSession(root, { asOf: '2026-01-15' });
        try {
            await session.initialize();
            await session.waitFor(() => session.coverageNotes.length > 0, 'the initial build');
            const unknown = session.uri('no/such/file.gdl');
            const position = { line: 0, character: 0 };
            for (const [method, params] of requests(unknown, position)) {
                await expect(session.connection.sendRequest(method, params), method).resolves.toSatisfy(
                    (answer: unknown) => answer === null || (Array.isArray(answer) && answer.length === 0)
                );
            }
            // A code action request without its context, references without theirs.
            const known = session.uri(RISK);
            await expect(
                session.connection.sendRequest('textDocument/codeAction', {
                    textDocument: { uri: known },
                    range: { start: position, end: position }
                })
            ).resolves.toBeDefined();
            await expect(
                session.connection.sendRequest('textDocument/references', { textDocument: { uri: known }, position })
            ).resolves.toBeDefined();
            expect(session.log.filter(m => m.includes('failed'))).toEqual([]);
            expect(session.stderr.join('')).not.toContain('TypeError');
        } finally {
            await session.close();
        }
    });
});

describe('a request without the parts it needs (a raw client)', () => {
    test('workspace symbols without a query, a highlight without a position, a preview without a document: no internal error', async () => {
        // Before: -32603 "Cannot read properties of undefined (reading 'toLowerCase')" and "… (reading 'line')", and a
        // preview whose message was JavaScript's "Cannot read properties of null (reading 'uri')".
        const root = workspaceCopy();
        const session = new LspSession(root, { asOf: '2026-01-15' });
        try {
            await session.initialize();
            await session.waitFor(() => session.coverageNotes.length > 0, 'the initial build');
            const answered = (answer: unknown) => answer === null || Array.isArray(answer);
            await expect(session.connection.sendRequest('workspace/symbol', {})).resolves.toSatisfy(answered);
            await expect(session.connection.sendRequest('workspace/symbol', { query: null })).resolves.toSatisfy(answered);
            await expect(
                session.connection.sendRequest('textDocument/documentHighlight', { textDocument: { uri: session.uri(RISK) } })
            ).resolves.toSatisfy(answered);
            for (const params of [null, {}, { uri: '' }]) {
                const preview = (await session.connection.sendRequest('gdl/preview', params)) as { kind: string; message?: string };
                expect(preview.kind).toBe('none');
                expect(preview.message).toBe('The preview needs a document: open a GDL file and ask for its preview.');
            }
            expect(session.exited).toBe(false);
        } finally {
            await session.close();
        }
    });
});

describe('a request sent straight after an edit, while another build is still running (a real server process)', () => {
    test('is answered from the text as edited, never from the text before', async () => {
        // An edit to a force's declaration rebuilds every file; an edit to another open file that arrives while that
        // build runs waits behind it. A request about the second file, sent at once, saw it still built (the text
        // before) and was answered from that: the editor showed a lens, a hover, an outline a keystroke old.
        const root = mkdtempSync(path.join(tmpdir(), 'gdl-protocol-'));
        generateForces(root, 8, 7);
        const FORCE = 'force-2/force.gdl';
        const GUIDANCE = 'force-1/guidance-1.gdl';
        const forceText = readFileSync(path.join(root, FORCE), 'utf8');
        const guidanceText = readFileSync(path.join(root, GUIDANCE), 'utf8');
        const session = new LspSession(root, { asOf: '2026-01-15' });
        try {
            await session.initialize();
            await session.open(FORCE, forceText);
            await session.open(GUIDANCE, guidanceText);
            await session.settled(GUIDANCE, 1, 'the guidance opened');
            for (let round = 1; round <= 6; round++) {
                const version = round + 1;
                const id = `f1-round-${round}`;
                const edited = guidanceText.replace('section f1-d1-s1 ', `section ${id} `);
                await session.change(FORCE, version, forceText.replace('"', `"Round ${round} `));
                // Into that build (every file of eight forces: hundreds of milliseconds), then the edit and the request.
                await new Promise(resolve => setTimeout(resolve, 40));
                await session.change(GUIDANCE, version, edited);
                const symbols = (await session.connection.sendRequest('textDocument/documentSymbol', {
                    textDocument: { uri: session.uri(GUIDANCE) }
                })) as DocumentSymbol[];
                const names = symbols.flatMap(s => (s.children ?? []).map(c => c.name));
                expect(names, `round ${round}`).toContain(id);
            }
        } finally {
            await session.close();
        }
    });
});
