// Bundles the extension's entry points to CommonJS for the VS Code extension host (which
// loads CommonJS; Langium is ESM): the client, the language server and the command-line check.
import { cp, rm } from 'node:fs/promises';
import { build } from 'esbuild';

const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    external: ['vscode'],
    // moduleFolder() falls back to __dirname where a bundle has no import.meta.url.
    logOverride: { 'empty-import-meta': 'silent' }
};

await Promise.all([
    build({ ...common, entryPoints: ['extension/src/extension.ts'], outfile: 'extension/out/extension.cjs' }),
    build({ ...common, entryPoints: ['language/src/main.ts'], outfile: 'extension/out/server.cjs' }),
    // Minified (names kept, for messages and stack traces): the command reads and compiles the whole file at each start.
    build({ ...common, entryPoints: ['cli/bin.ts'], outfile: 'extension/out/cli.cjs', minify: true, keepNames: true }),
    // The plain-English worker threads of `gdl check --prose` (language/src/prose/prose-pool.ts finds it beside the CLI).
    build({ ...common, entryPoints: ['language/src/prose/prose-worker.ts'], outfile: 'extension/out/prose-worker.cjs' }),
    // The render workers of `gdl build` (language/src/publish/render-pool.ts finds it beside the CLI).
    build({ ...common, entryPoints: ['language/src/publish/render-worker.ts'], outfile: 'extension/out/render-worker.cjs' })
]);
// The bundled CLI publishes too: it needs the templates and GOV.UK Frontend's compiled CSS and assets beside it.
await rm('extension/out-templates', { recursive: true, force: true });
await cp('out-templates', 'extension/out-templates', { recursive: true });
await cp('node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css', 'extension/out-templates/govuk-frontend/govuk-frontend.min.css');
await cp('node_modules/govuk-frontend/dist/govuk/assets', 'extension/out-templates/govuk-frontend/assets', { recursive: true });
// The live preview styles the page as the site does: its CSS beside the preview's own, in media/ (the webview's only resource root).
await rm('extension/media/site', { recursive: true, force: true });
await cp('out-templates/site.css', 'extension/media/site/site.css');
await cp('node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css', 'extension/media/site/govuk-frontend.min.css');
// `gdl init` copies the framework and the common vocabulary of the bundled guidance into a new workspace.
await rm('extension/guidance', { recursive: true, force: true });
// Not a cache a check of the repository's guidance left there (.gdl-cache/, with paths of this machine).
const notCache = { recursive: true, filter: source => !source.split(/[\\/]/).includes('.gdl-cache') };
await cp('guidance/framework', 'extension/guidance/framework', notCache);
await cp('guidance/common', 'extension/guidance/common', notCache);
// The plain-English checks read the en-GB dictionary and the base word list beside the bundled server (prose-resources.ts):
// dictionary-en-gb's own module reads them with a top-level await, which a CommonJS bundle cannot hold.
await rm('extension/out/dictionary-en-gb', { recursive: true, force: true });
await cp('node_modules/dictionary-en-gb/index.aff', 'extension/out/dictionary-en-gb/index.aff');
await cp('node_modules/dictionary-en-gb/index.dic', 'extension/out/dictionary-en-gb/index.dic');
await cp('language/src/prose/police-words.txt', 'extension/out/police-words.txt');
console.log(
    'bundled extension/out/{extension,server,cli}.cjs, extension/out-templates/, extension/media/site/, extension/guidance/ and the dictionary'
);
