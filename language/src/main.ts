import { startLanguageServer } from 'langium/lsp';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { createGdlServices } from './gdl-module.js';
import { TEST_REQUESTS_ARGUMENT } from './lsp/gdl-protocol.js';
import { setUpGdlServer } from './lsp/gdl-server-setup.js';
import { registerTestRequests } from './lsp/gdl-test-requests.js';
import { GdlNodeFileSystem } from './source-file-system.js';

// The GDL language server: started by the VS Code extension (or any LSP client) over stdio or IPC.
const connection = createConnection(ProposedFeatures.all);
const { shared, Gdl } = createGdlServices({ connection, ...GdlNodeFileSystem });
setUpGdlServer(connection, Gdl);
// The test client starts the server with this argument; the editor never does.
if (process.argv.includes(TEST_REQUESTS_ARGUMENT)) {
    registerTestRequests(connection, Gdl);
}
startLanguageServer(shared);
