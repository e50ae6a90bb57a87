// The GDL language server's own requests and notifications, beyond LSP: the one place their method
// names and message types are written. The server, the VS Code extension, the test client and the
// tests all import them from here. Only `vscode-languageserver-protocol` (already in the extension's
// bundle, under `vscode-languageclient`) and the coverage words (`coverage-words.ts`, which imports
// nothing at run time) are loaded at run time; the report types are types only, so the extension
// does not pull the language core into its bundle.
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { CoverageReport } from '../coverage/coverage-report.js';
import type { Preview } from '../publish/preview-page.js';

// The coverage view says states, levels and timeliness in the words every other face uses.
export { assuranceText, isSatisfied, levelNames, recommendationOverdueText, shortText, stateText } from '../coverage/coverage-words.js';

/** The coverage request's parameter: the document whose force the coverage is of. */
export interface CoverageParams {
    /** The URI of a document (the active editor's); without it, or for shared material, the first force. */
    uri?: string;
}

/**
 * The coverage request's answer: the report `gdl coverage --format json` writes for one force, files
 * named by URI, and the force's name as a reader says it (the report's `force` is null for a
 * workspace that declares none; this is then the plan's force, or "the workspace").
 */
export interface CoverageAnswer extends CoverageReport {
    forceName: string;
}

/**
 * Request: the coverage of the force a document belongs to, for the coverage view and the status
 * bar. The parameter may be left out (as clients before forces sent it): the first force's coverage.
 */
export const CoverageRequest = new RequestType<CoverageParams | null, CoverageAnswer, void>('gdl/coverage');

/** The URI a coverage request asks about, whatever the client sent (nothing, null, or `{ uri }`). */
export function coverageUriOf(params: unknown): string | undefined {
    const uri = params && typeof params === 'object' ? (params as { uri?: unknown }).uri : undefined;
    return typeof uri === 'string' ? uri : undefined;
}

/** The workspace coverage figures: evidence requirements covered, of all of them. */
export interface CoverageFigures {
    covered: number;
    total: number;
}

/** Notification sent after every build: the workspace coverage figures, for the status bar. */
export const CoverageChangedNotification = new NotificationType<CoverageFigures>('gdl/coverageChanged');

/**
 * Command (workspace/executeCommand, arguments `[uri, line]`): opens a document at a line, through
 * LSP's window/showDocument. A quick fix that writes a new file (the draft section) runs it after its
 * edit. The language client registers it from the server's capabilities; nothing to wire.
 */
export const SHOW_DOCUMENT_COMMAND = 'gdl.showDocument';

/** The preview request's parameter: the document to show, and for training the edition (trainer by default). */
export interface PreviewParams {
    uri: string;
    edition?: 'trainer' | 'learner';
}

/**
 * The preview request's answer: the document's page as `gdl build` publishes it (sanitised HTML of the
 * page's content, its title, what kind of page, the edition, each anchor's source line), from the
 * editor's current text; `message` says why there is no page when it could not be made.
 */
export interface PreviewAnswer extends Preview {
    message?: string;
}

/** Request: the page of one document for the editor's live preview (GDL: Open Preview to the Side). */
export const PreviewRequest = new RequestType<PreviewParams, PreviewAnswer, void>('gdl/preview');

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
