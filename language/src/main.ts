import { startLanguageServer } from 'langium/lsp';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { createGdlServices } from './gdl-module.js';
import { TEST_REQUESTS_ARGUMENT } from './lsp/gdl-protocol.js';
import { setUpGdlServer } from './lsp/gdl-server-setup.js';
import { registerTestRequests } from './lsp/gdl-test-requests.js';
import { GdlNodeFileSystem } from './source-file-system.js';

// The GDL language server: started by the VS Code extension (or any LSP client) over stdio or IPC.
const connection = createConnection(ProposedFeatures.all);
// A failure inside a build is a fault of ours, not the writer's: it is logged (the client's output channel), and the
// server goes on answering. Node would otherwise end the process, and the writer's editor would lose every feature.
process.on('unhandledRejection', reason => {
    console.error(`GDL language server: a build failed: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
});
const { shared, Gdl } = createGdlServices({ connection, ...GdlNodeFileSystem });
setUpGdlServer(connection, Gdl);
// The test client starts the server with this argument; the editor never does.
if (process.argv.includes(TEST_REQUESTS_ARGUMENT)) {
    registerTestRequests(connection, Gdl);
}
startLanguageServer(shared);
