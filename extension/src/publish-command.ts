import * as path from 'node:path';
import * as vscode from 'vscode';
import { readBuildOutput } from '../../cli/build/build-outcome.js';
import { output, runCli } from './cli-process.js';

// GDL: Publish — wiring only: runs the bundled `gdl build` (the same build CI runs) and says what came of
// it. The build refuses to publish while requirements are uncovered; a terminal user passes
// --allow-gaps, and here the writer is asked instead.

/** The folder the build writes to: `gdl.buildOutput`, resolved against the workspace's parent, else `<workspace>-published`. */
function outputFolder(workspace: string): string {
    const chosen = vscode.workspace.getConfiguration('gdl').get<string>('buildOutput');
    return chosen ? path.resolve(path.dirname(workspace), chosen) : `${workspace}-published`;
}

/** GDL: Publish. */
export async function publish(context: vscode.ExtensionContext, allowGaps = false): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
        void vscode.window.showWarningMessage('Open a folder of .gdl files first.');
        return;
    }
    const workspace = folder.uri.fsPath;
    const out = outputFolder(workspace);
    const settings = vscode.workspace.getConfiguration('gdl');
    const asOf = settings.get<string>('asOf');
    const level = settings.get<string>('assuranceLevel');
    const args = [
        'build',
        workspace,
        '--out',
        out,
        ...(asOf ? ['--as-of', asOf] : []),
        ...(level && level !== 'plan' ? ['--level', level] : []),
        ...(allowGaps ? ['--allow-gaps'] : [])
    ];
    const result = await vscode.window.withProgress(
        {
            location: vscode.ProgressLocation.Notification,
            title: allowGaps ? 'GDL: publishing, with the gaps marked…' : 'GDL: publishing…'
        },
        () => runCli(context, args, path.dirname(workspace))
    );
    const log = output();
    log.appendLine(`$ gdl ${args.join(' ')}`);
    // Progress (standard error, one line each) first, then what the build concluded.
    log.append(result.stderr);
    log.append(result.stdout);
    log.appendLine('');
    const outcome = readBuildOutput(result.stdout, result.stderr);
    if (result.code === 0 && outcome.published) {
        await published(out, outcome.published.files, allowGaps);
        return;
    }
    if (!outcome.error && !outcome.refusal && outcome.gaps.length > 0 && !allowGaps) {
        const n = outcome.gaps.length;
        const anyway = 'Publish with the gaps marked';
        const choice = await vscode.window.showWarningMessage(
            `${n} evidence requirement${n === 1 ? ' is' : 's are'} not covered (${outcome.gaps.join(', ')}). Publish anyway, with the gaps marked?`,
            {
                modal: true,
                detail: 'Every published page will say which requirements are not yet covered. Or cover them first: the Evidence coverage view lists them.'
            },
            anyway
        );
        if (choice === anyway) {
            await publish(context, true);
        }
        return;
    }
    const reason = outcome.error
        ? `${outcome.error.file}:${outcome.error.line}:${outcome.error.column}: ${outcome.error.message}`
        : (outcome.refusal ?? `the build stopped (exit code ${result.code})`);
    const show = 'Show the output';
    const openFile = 'Go to the problem';
    const buttons = outcome.error ? [openFile, show] : [show];
    const answer = await vscode.window.showErrorMessage(`Nothing was published: ${reason}`, ...buttons);
    if (answer === show) {
        log.show(true);
    } else if (answer === openFile && outcome.error) {
        const at = new vscode.Position(outcome.error.line - 1, outcome.error.column - 1);
        await vscode.window.showTextDocument(vscode.Uri.file(path.resolve(path.dirname(workspace), outcome.error.file)), {
            selection: new vscode.Range(at, at)
        });
    }
}

/** The completion notification: open the site's front page in the browser, or show the folder. */
async function published(out: string, files: number, withGaps: boolean): Promise<void> {
    const site = 'Open the site';
    const folder = 'Show folder';
    const answer = await vscode.window.showInformationMessage(
        `Published ${files} files to ${out}${withGaps ? ', with the gaps marked on every page' : ''}.`,
        site,
        folder
    );
    if (answer === site) {
        await vscode.env.openExternal(vscode.Uri.file(path.join(out, 'index.html')));
    } else if (answer === folder) {
        await vscode.commands
            .executeCommand('revealFileInOS', vscode.Uri.file(out))
            .then(undefined, () => vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(out), { forceNewWindow: true }));
    }
}
