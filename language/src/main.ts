import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { createGdlServices } from './gdl-module.js';
import { setUpGdlServer } from './lsp/gdl-server-setup.js';

// The GDL language server: started by the VS Code extension (or any LSP client) over stdio or IPC.
const connection = createConnection(ProposedFeatures.all);
const { shared, Gdl } = createGdlServices({ connection, ...NodeFileSystem });
setUpGdlServer(connection, Gdl);
startLanguageServer(shared);
