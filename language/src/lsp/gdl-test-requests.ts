import type { Connection } from 'vscode-languageserver';
import type { GdlServices } from '../gdl-module.js';
import { FailHoverRequest, HeapRequest } from './gdl-protocol.js';
import { TextMemo } from '../text-memo.js';

/**
 * Requests that exist for the tests only, registered when the server is started with
 * `--gdl-test-requests` (TEST_REQUESTS_ARGUMENT); a server started by the editor answers them with
 * MethodNotFound.
 */
export function registerTestRequests(connection: Connection, services: GdlServices): void {
    connection.onRequest(HeapRequest, () => {
        const gc = (globalThis as { gc?: () => void }).gc;
        // The bounded memos of text answers hold what the finished builds happened to see (tests/unit/text-memo.test.ts
        // checks their bound): the heap is measured without them.
        TextMemo.forgetAll();
        gc?.();
        return { heapUsed: process.memoryUsage().heapUsed, collected: gc !== undefined };
    });

    // The fault goes where a real one would be, inside the provider (the step that turns a
    // declaration into hover text), so whatever wraps the provider from outside sees an exception
    // from the provider itself.
    const hover = services.lsp.HoverProvider;
    connection.onRequest(FailHoverRequest, ({ fail }) => {
        if (fail) {
            Reflect.set(hover!, 'getAstNodeHoverContent', () => {
                throw new Error(`hover made to fail by the test request ${FailHoverRequest.method}`);
            });
        } else {
            Reflect.deleteProperty(hover!, 'getAstNodeHoverContent');
        }
        return null;
    });
}
