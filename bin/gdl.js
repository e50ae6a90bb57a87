#!/usr/bin/env node
// Entry point of the `gdl` command; the CLI itself is compiled to out/ by `npm run build`.
import { exitQuietlyOnClosedPipe, run } from '../out/cli/main.js';

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
