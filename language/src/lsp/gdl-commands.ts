import { AbstractExecuteCommandHandler, type ExecuteCommandAcceptor, type LangiumSharedServices } from 'langium/lsp';
import { ShowDocumentRequest } from 'vscode-languageserver';
import { SHOW_DOCUMENT_COMMAND } from './gdl-protocol.js';

/** The server's commands: opening a document it has just written (LSP's window/showDocument, asked of the client). */
export class GdlCommandHandler extends AbstractExecuteCommandHandler {
    constructor(private readonly shared: LangiumSharedServices) {
        super();
    }

    override registerCommands(acceptor: ExecuteCommandAcceptor): void {
        acceptor(SHOW_DOCUMENT_COMMAND, async ([uri, line]: unknown[]) => {
            const connection = this.shared.lsp.Connection;
            if (!connection || typeof uri !== 'string') {
                return false;
            }
            const at = { line: typeof line === 'number' && line >= 0 ? line : 0, character: 0 };
            try {
                const shown = await connection.sendRequest(ShowDocumentRequest.type, {
                    uri,
                    takeFocus: true,
                    selection: { start: at, end: at }
                });
                return shown.success;
            } catch {
                // A client without window/showDocument: the file is written, the writer opens it.
                return false;
            }
        });
    }
}
