import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';

/** The connection's request registrations that take a document: each handler Langium registers through them is guarded. */
const documentRequests = [
    'onCompletion',
    'onHover',
    'onSignatureHelp',
    'onDeclaration',
    'onDefinition',
    'onTypeDefinition',
    'onImplementation',
    'onReferences',
    'onDocumentHighlight',
    'onDocumentSymbol',
    'onCodeAction',
    'onCodeLens',
    'onDocumentFormatting',
    'onDocumentRangeFormatting',
    'onDocumentOnTypeFormatting',
    'onRenameRequest',
    'onPrepareRename',
    'onDocumentLinks',
    'onFoldingRanges'
] as const;

/** The same under `connection.languages`: semantic tokens, inlay hints, call and type hierarchies' first step. */
const languageRequests: Record<string, readonly string[]> = {
    semanticTokens: ['on', 'onDelta', 'onRange'],
    inlayHint: ['on']
};

type Handler = (params: unknown, ...rest: unknown[]) => unknown;
type Registration = (handler: Handler) => unknown;

/**
 * Parts of a request that LSP requires but some clients leave out, filled in as an editor sends
 * them: a code action request without its `context` (no diagnostics), references without theirs
 * (with the declaration). Each provider can then read them as LSP promises them.
 */
const fillIns: Partial<Record<(typeof documentRequests)[number], (params: Record<string, unknown>) => Record<string, unknown>>> = {
    onCodeAction: params => {
        const context = (params.context ?? {}) as Record<string, unknown>;
        const diagnostics = Array.isArray(context.diagnostics) ? context.diagnostics : [];
        const start = { line: 0, character: 0 };
        return { ...params, range: params.range ?? { start, end: start }, context: { ...context, diagnostics } };
    },
    onReferences: params => ({ ...params, context: params.context ?? { includeDeclaration: true } })
};

/**
 * Guards every request the server answers about a document, before Langium registers its handlers:
 * a request about a document the server does not know (not in the workspace, not open) is answered
 * with nothing (null), where Langium answers ServerCancelled (-32802, "No document found") or, for
 * references and rename, InternalError (-32603, the file's ENOENT); a request without the parts a
 * provider reads (a code action's `context`, references' `context`) gets them, empty. Waiting for a
 * document still being built is the document builder's (GdlDocumentBuilder.awaitDocumentState).
 */
export function guardDocumentRequests(connection: Connection, shared: LangiumSharedServices): void {
    const documents = shared.workspace.LangiumDocuments;
    const open = shared.workspace.TextDocuments;
    const known = (uri: string) => {
        try {
            return open?.get(uri) !== undefined || documents.hasDocument(URI.parse(uri));
        } catch {
            return false;
        }
    };
    const guard =
        (handler: Handler, name: string): Handler =>
        (params, ...rest) => {
            const given = (params && typeof params === 'object' ? params : {}) as Record<string, unknown>;
            const uri = (given.textDocument as { uri?: unknown } | undefined)?.uri;
            if (typeof uri !== 'string' || !known(uri)) {
                return null;
            }
            const fillIn = fillIns[name as keyof typeof fillIns];
            return handler(fillIn ? fillIn(given) : given, ...rest);
        };
    const wrap = (owner: Record<string, unknown>, name: string) => {
        const register = owner[name];
        if (typeof register === 'function') {
            owner[name] = (handler: Handler) => (register as Registration).call(owner, guard(handler, name));
        }
    };
    for (const name of documentRequests) {
        wrap(connection as unknown as Record<string, unknown>, name);
    }
    // `connection.languages.semanticTokens` is a getter that makes a new object on each read: the
    // guarded one is kept as the property's value, so Langium registers through it.
    const languages = connection.languages as unknown as Record<string, Record<string, unknown> | undefined>;
    for (const [feature, names] of Object.entries(languageRequests)) {
        const owner = languages[feature];
        if (owner) {
            names.forEach(name => wrap(owner, name));
            Object.defineProperty(languages, feature, { value: owner, configurable: true });
        }
    }
}
