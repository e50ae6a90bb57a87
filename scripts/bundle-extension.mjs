// Bundles the extension's three entry points to CommonJS for the VS Code extension host (which
// loads CommonJS; Langium is ESM): the client, the language server and the command-line check.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning', external: ['vscode'] };

await Promise.all([
    build({ ...common, entryPoints: ['extension/src/extension.ts'], outfile: 'extension/out/extension.cjs' }),
    build({ ...common, entryPoints: ['language/src/main.ts'], outfile: 'extension/out/server.cjs' }),
    build({ ...common, entryPoints: ['cli/bin.ts'], outfile: 'extension/out/cli.cjs' })
]);
console.log('bundled extension/out/{extension,server,cli}.cjs');
