#!/usr/bin/env node
// Entry point of the `gdl` command. `npm run build` compiles the CLI to out/ and bundles it into one CommonJS file,
// extension/out/cli.cjs (the one the VS Code extension runs, with its templates and word lists beside it). The bundle
// starts several times faster than out/'s hundreds of ES modules, so it is what runs, compiled from V8's code cache
// when there is one (start-up.js). out/ runs instead when it is newer than the bundle (`tsc` run alone after a
// change) or when there is no bundle, so a command never runs stale code.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runBundle } from './start-up.js';

const bundle = fileURLToPath(new URL('../extension/out/cli.cjs', import.meta.url));
const compiled = fileURLToPath(new URL('../out/cli/main.js', import.meta.url));

function bundleIsCurrent() {
    if (process.env.GDL_UNBUNDLED === '1' || !existsSync(bundle)) {
        return false;
    }
    return !existsSync(compiled) || statSync(bundle).mtimeMs >= statSync(compiled).mtimeMs;
}

if (bundleIsCurrent()) {
    runBundle(bundle);
} else {
    const { exitQuietlyOnClosedPipe, run } = await import('../out/cli/main.js');
    exitQuietlyOnClosedPipe();
    run(process.argv.slice(2)).then(
        code => {
            process.exitCode = code;
        },
        error => {
            process.stderr.write(`gdl: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
            process.exitCode = 3;
        }
    );
}
