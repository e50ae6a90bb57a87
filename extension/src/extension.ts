import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node.js';
import { CoverageChangedNotification, CoverageRequest } from '../../language/src/lsp/gdl-protocol.js';
import { CoverageView } from './coverage-view.js';

// Wiring only: the language server (language/) does the work; this file starts it and shows its answers.
let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const serverModule = context.asAbsolutePath(path.join('out', 'server.cjs'));
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ scheme: 'file', language: 'gdl' }],
        synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.gdl'), configurationSection: 'gdl' }
    };
    client = new LanguageClient('gdl', 'GDL language server', serverOptions, clientOptions);

    const view = new CoverageView();
    const status = vscode.window.createStatusBarItem('gdl.coverage', vscode.StatusBarAlignment.Left, 100);
    status.name = 'GDL evidence coverage';
    status.command = 'gdl.coverage.focus';
    status.text = '$(sync~spin) GDL coverage';
    status.show();

    const refresh = async () => {
        const report = await client!.sendRequest(CoverageRequest);
        const { covered, waived, requirements, percent } = report.totals;
        view.update(report);
        status.text = `$(checklist) Coverage ${covered}/${requirements} (${percent}%)`;
        status.tooltip = `${covered} of ${requirements} evidence requirements covered${waived > 0 ? `, ${waived} waived` : ''}`;
        status.backgroundColor = covered + waived < requirements ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    };

    context.subscriptions.push(
        status,
        vscode.window.registerTreeDataProvider('gdl.coverage', view),
        vscode.commands.registerCommand('gdl.refreshCoverage', refresh),
        vscode.commands.registerCommand('gdl.showCoverage', showCoverage),
        vscode.commands.registerCommand('gdl.check', () => runCli(context, 'check')),
        vscode.commands.registerCommand('gdl.build', () => runCli(context, 'build'))
    );
    await vscode.commands.executeCommand('setContext', 'gdl.active', true);
    await client.start();
    context.subscriptions.push(
        client.onNotification(CoverageChangedNotification, () => {
            void refresh();
        })
    );
    await refresh();
}

export function deactivate(): Thenable<void> | undefined {
    return client?.stop();
}

/** The code lens command: show what covers a requirement as a references list. */
async function showCoverage(
    uri: string,
    position: { line: number; character: number },
    locations: Array<{ uri: string; range: { start: { line: number; character: number } } }>
): Promise<void> {
    await vscode.commands.executeCommand(
        'editor.action.showReferences',
        vscode.Uri.parse(uri),
        new vscode.Position(position.line, position.character),
        locations.map(l => new vscode.Location(vscode.Uri.parse(l.uri), new vscode.Position(l.range.start.line, l.range.start.character)))
    );
}

/** Runs the command-line check or build (the same ones CI runs) on the workspace folder, in a terminal. */
async function runCli(context: vscode.ExtensionContext, job: 'check' | 'build'): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
        void vscode.window.showWarningMessage('Open a folder of .gdl files first.');
        return;
    }
    const settings = vscode.workspace.getConfiguration('gdl');
    const asOf = settings.get<string>('asOf');
    const args = [context.asAbsolutePath(path.join('out', 'cli.cjs')), job, folder.uri.fsPath, ...(asOf ? ['--as-of', asOf] : [])];
    if (job === 'build') {
        // The build refuses an output folder inside the workspace: by default it publishes beside it.
        const workspace = folder.uri.fsPath;
        const chosen = settings.get<string>('buildOutput');
        args.push('--out', chosen ? path.resolve(path.dirname(workspace), chosen) : `${workspace}-published`);
    }
    const execution = new vscode.ProcessExecution(process.execPath, args, { env: { ELECTRON_RUN_AS_NODE: '1' } });
    const task = new vscode.Task({ type: 'gdl', job }, folder, job, 'gdl', execution, []);
    await vscode.tasks.executeTask(task);
}
