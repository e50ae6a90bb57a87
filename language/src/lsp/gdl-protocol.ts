// The GDL language server's own requests and notifications, beyond LSP: the one place their method
// names and message types are written. The server, the VS Code extension, the test client and the
// tests all import them from here. Only `vscode-languageserver-protocol` (already in the extension's
// bundle, under `vscode-languageclient`) is loaded at run time; the report types are types only, so
// the extension does not pull the language core into its bundle.
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { CoverageReport } from '../coverage/coverage-report.js';

/** Request: the workspace coverage, for the coverage view (the report `gdl coverage --format json` writes, files named by URI). */
export const CoverageRequest = new RequestType0<CoverageReport, void>('gdl/coverage');

/** The workspace coverage figures: evidence requirements covered, of all of them. */
export interface CoverageFigures {
    covered: number;
    total: number;
}

/** Notification sent after every build: the workspace coverage figures, for the status bar. */
export const CoverageChangedNotification = new NotificationType<CoverageFigures>('gdl/coverageChanged');

// Requests for tests only: the server registers them only when started with this argument.

/** The server argument that registers the test-only requests below (`tests/support/lsp-client.ts` passes it). */
export const TEST_REQUESTS_ARGUMENT = '--gdl-test-requests';

/** Heap in use after a full garbage collection; `collected` is false when the server runs without `--expose-gc`. */
export interface HeapFigures {
    heapUsed: number;
    collected: boolean;
}

/** Test only: the server's heap after a full garbage collection, for the load test. */
export const HeapRequest = new RequestType0<HeapFigures, void>('gdl/test/heap');

/** Test only: makes the hover feature throw from inside (`fail: true`) or work again (`fail: false`). */
export const FailHoverRequest = new RequestType<{ fail: boolean }, null, void>('gdl/test/failHover');
