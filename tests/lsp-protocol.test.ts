import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CompletionItem, CompletionList, Hover } from 'vscode-languageserver-protocol';
import { FailHoverRequest, HeapRequest } from '../language/src/lsp/gdl-protocol.js';
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
