import { startLanguageServer } from 'langium/lsp';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { createGdlServices } from './gdl-module.js';
import { setUpGdlServer } from './lsp/gdl-server-setup.js';
import { GdlNodeFileSystem } from './source-file-system.js';

// The GDL language server: started by the VS Code extension (or any LSP client) over stdio or IPC.
const connection = createConnection(ProposedFeatures.all);
const { shared, Gdl } = createGdlServices({ connection, ...GdlNodeFileSystem });
setUpGdlServer(connection, Gdl);
startLanguageServer(shared);
