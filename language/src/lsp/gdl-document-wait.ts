import { type DocumentState, OperationCancelled, type URI, UriUtils, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';

/**
 * An editor request for a document whose build is behind the workspace's waits for that build.
 *
 * Langium refuses such a request outright ("Document state of … is Parsed, requiring Validated, but
 * workspace state is already Validated": RequestFailed), and VS Code shows the refusal as an error
 * notification, "Request textDocument/codeAction failed", on opening a .gdl file while the workspace
 * is being built. The document is built instead (its build asked for, when none is under way), and the
 * request answered when it is; a request the editor cancels meanwhile is cancelled as usual.
 */
export function waitForLateDocuments(shared: LangiumSharedServices): void {
    const builder = shared.workspace.DocumentBuilder;
    const documents = shared.workspace.LangiumDocuments;
    const original = builder.waitUntil.bind(builder) as (state: DocumentState, ...rest: unknown[]) => Promise<URI | undefined | void>;
    const patched = async (state: DocumentState, uriOrToken?: URI | CancellationToken, maybeToken?: CancellationToken) => {
        try {
            return await original(state, uriOrToken, maybeToken);
        } catch (error) {
            const uri = uriOrToken && 'path' in uriOrToken ? uriOrToken : undefined;
            if (!(error instanceof ResponseError) || error.code !== LSPErrorCodes.RequestFailed || !uri) {
                throw error;
            }
            const token = maybeToken ?? CancellationToken.None;
            const built = new Promise<URI>((resolve, reject) => {
                const phase = builder.onDocumentPhase(state, (document: LangiumDocument) => {
                    if (UriUtils.equals(document.uri, uri)) {
                        phase.dispose();
                        cancel.dispose();
                        resolve(document.uri);
                    }
                });
                const cancel = token.onCancellationRequested(() => {
                    phase.dispose();
                    cancel.dispose();
                    reject(OperationCancelled);
                });
            });
            const document = documents.getDocument(uri);
            if (document && document.state < state) {
                void builder.update([uri], []);
            }
            return built;
        }
    };
    builder.waitUntil = patched as typeof builder.waitUntil;
}
