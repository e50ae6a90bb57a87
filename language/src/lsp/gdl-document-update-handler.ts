import { URI, type FileSystemProvider, type LangiumDocuments, type ServiceRegistry } from 'langium';
import type { GdlWorkspaceManager } from '../gdl-workspace-manager.js';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * What the editor's open documents do to the workspace, for GDL documents only, and back to the file on disk when a
 * document is closed.
 *
 * - A document of another language (Markdown, JSON, plain text) opened by a client that sends every document is not
 *   GDL: it is not built (Langium's handler built it, and its build threw for want of services, which ended the server).
 * - A closed document goes back to what is on disk: Langium's handler did nothing on close, so the text of a document
 *   closed without saving stayed in the workspace — its problems in the Problems panel and its cover in the coverage —
 *   and a closed document known only by its language (untitled:, a file named NOTES.GDL or x.txt set to GDL) stayed
 *   without services, so the next rebuild of the workspace threw. Now a closed document is read again from its file
 *   when it is one of the workspace's sources on disk (as `gdl check` reads them), and otherwise removed, its problems
 *   cleared.
 */
export class GdlDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly registry: ServiceRegistry;
    private readonly documents: LangiumDocuments;
    private readonly files: FileSystemProvider;
    private readonly workspace: GdlWorkspaceManager;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.registry = services.ServiceRegistry;
        this.documents = services.workspace.LangiumDocuments;
        this.files = services.workspace.FileSystemProvider;
        this.workspace = services.workspace.WorkspaceManager as GdlWorkspaceManager;
    }

    override didChangeContent(change: TextDocumentChangeEvent<TextDocument>): void {
        if (this.registry.hasServices(URI.parse(change.document.uri))) {
            super.didChangeContent(change);
        }
    }

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        if (!this.documents.hasDocument(uri)) {
            return;
        }
        void (this.workspace.readsFromDisk(uri) ? this.files.exists(uri) : Promise.resolve(false)).then(
            onDisk => (onDisk ? this.fireDocumentUpdate([uri], []) : this.fireDocumentUpdate([], [uri])),
            () => this.fireDocumentUpdate([], [uri])
        );
    }
}
