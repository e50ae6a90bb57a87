import { exitQuietlyOnClosedPipe, run } from './main.js';

exitQuietlyOnClosedPipe();

// The bundled command's entry point (the extension runs it); bin/gdl.js is the same for the npm package.
run(process.argv.slice(2)).then(
    code => {
        process.exitCode = code;
    },
    (error: unknown) => {
        process.stderr.write(`gdl: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 3;
    }
);
