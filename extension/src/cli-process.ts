import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';

// The bundled command line (out/cli.cjs), run as a child process: the same code a terminal or CI runs.

/** The GDL output channel, where every command-line run is logged. */
export const output = (): vscode.OutputChannel => (channel ??= vscode.window.createOutputChannel('GDL'));
let channel: vscode.OutputChannel | undefined;

/** Runs the bundled CLI with `args` in `cwd`; resolves to its exit code and what it printed. */
export function runCli(
    context: vscode.ExtensionContext,
    args: string[],
    cwd: string
): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise(resolve => {
        execFile(
            process.execPath,
            [context.asAbsolutePath(path.join('out', 'cli.cjs')), ...args],
            { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, maxBuffer: 16 * 1024 * 1024 },
            (error, stdout, stderr) => {
                const code = error ? (typeof error.code === 'number' ? error.code : 2) : 0;
                resolve({ code, stdout, stderr });
            }
        );
    });
}

/** What the CLI said, in the GDL output channel; its refusal (stderr, "gdl: …") as the message shown. */
export function report(result: { stdout: string; stderr: string }, command: string): string {
    const log = output();
    log.appendLine(`$ gdl ${command}`);
    if (result.stdout) {
        log.appendLine(result.stdout.trimEnd());
    }
    if (result.stderr) {
        log.appendLine(result.stderr.trimEnd());
    }
    log.appendLine('');
    return result.stderr.replace(/^gdl: /, '').trim() || result.stdout.trim().split('\n').at(-1) || 'it failed';
}
