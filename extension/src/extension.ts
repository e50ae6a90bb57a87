import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node.js';
import { CoverageChangedNotification, CoverageRequest, levelNames } from '../../language/src/lsp/gdl-protocol.js';
import { CoverageView } from './coverage-view.js';
import { importDocument, newForceWorkspace } from './onboarding-commands.js';
import { PreviewPanel } from './preview-panel.js';
import { publish } from './publish-command.js';

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
        synchronize: {
            // The workspace's gdl.config.json and word list change what the plain-English checks report.
            fileEvents: ['**/*.gdl', '**/gdl.config.json', '**/gdl-words.txt'].map(glob => vscode.workspace.createFileSystemWatcher(glob)),
            configurationSection: 'gdl'
        },
        // The preview renders with the templates the bundled `gdl build` publishes with.
        initializationOptions: { templates: context.asAbsolutePath('out-templates') }
    };
    client = new LanguageClient('gdl', 'GDL language server', serverOptions, clientOptions);

    const view = new CoverageView();
    const tree = vscode.window.createTreeView('gdl.coverage', { treeDataProvider: view });
    const status = vscode.window.createStatusBarItem('gdl.coverage', vscode.StatusBarAlignment.Left, 100);
    status.name = 'GDL evidence coverage';
    status.command = 'gdl.coverage.focus';
    status.text = '$(sync~spin) GDL coverage';
    status.show();

    // The coverage shown is that of the force the active .gdl file belongs to; while another kind of
    // editor is active, the force of the last .gdl file.
    let activeUri: string | undefined;
    const followEditor = (editor: vscode.TextEditor | undefined): boolean => {
        const uri = editor?.document.languageId === 'gdl' ? editor.document.uri.toString() : undefined;
        if (uri === undefined || uri === activeUri) {
            return false;
        }
        activeUri = uri;
        return true;
    };
    followEditor(vscode.window.activeTextEditor);

    let asked = 0;
    const refresh = async () => {
        const ask = ++asked;
        const report = await client!.sendRequest(CoverageRequest, activeUri ? { uri: activeUri } : null);
        if (ask !== asked) {
            return; // a later answer (another file's force, a newer build) is on its way
        }
        const { covered, waived, requirements, percent, suspect, forOthers } = report.totals;
        view.update(report);
        const level = levelNames[report.level].label.toLowerCase();
        tree.description = `${report.forceName} · ${level}`;
        const force = report.force ? ` · ${report.force.title}` : '';
        status.text = `$(checklist) Coverage ${covered}/${requirements} (${percent}%)${force}`;
        status.tooltip = [
            `${report.forceName}: ${covered} of ${requirements} evidence requirements covered at the ${level} level (${levelNames[report.level].meaning})`,
            waived > 0 ? `${waived} waived` : '',
            suspect > 0 ? `${suspect} suspect: approved before the requirement was revised` : '',
            forOthers > 0 ? `${forOthers} made to others (PCCs, the NPCC…), not counted` : '',
            `as of ${report.asOf}`
        ]
            .filter(Boolean)
            .join('\n');
        status.backgroundColor = covered + waived < requirements ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    };

    context.subscriptions.push(
        status,
        tree,
        vscode.commands.registerCommand('gdl.refreshCoverage', refresh),
        vscode.commands.registerCommand('gdl.showCoverage', showCoverage),
        vscode.commands.registerCommand('gdl.check', () => runCheck(context)),
        vscode.commands.registerCommand('gdl.build', () => publish(context)),
        vscode.commands.registerCommand('gdl.openPreviewToSide', (uri?: vscode.Uri) => openPreview(context, uri)),
        vscode.commands.registerCommand('gdl.newForceWorkspace', () => newForceWorkspace(context)),
        vscode.commands.registerCommand('gdl.importDocument', (uri?: vscode.Uri) => importDocument(context, uri))
    );
    await vscode.commands.executeCommand('setContext', 'gdl.active', true);
    await client.start();
    context.subscriptions.push(
        client.onNotification(CoverageChangedNotification, () => {
            void refresh();
            PreviewPanel.refresh();
        }),
        vscode.window.onDidChangeActiveTextEditor(editor => {
            if (followEditor(editor)) {
                void refresh();
            }
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

/** GDL: Open Preview to the Side — of the file given (the editor title button), else of the active .gdl file. */
async function openPreview(context: vscode.ExtensionContext, uri?: vscode.Uri): Promise<void> {
    const active = vscode.window.activeTextEditor?.document;
    const document = uri ? await vscode.workspace.openTextDocument(uri) : active?.languageId === 'gdl' ? active : undefined;
    if (!document || !client) {
        void vscode.window.showWarningMessage('Open a .gdl file to preview its page.');
        return;
    }
    PreviewPanel.show(context, client, document);
}

/** Runs the command-line check (the same one CI runs) on the workspace folder, in a terminal. */
async function runCheck(context: vscode.ExtensionContext): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
        void vscode.window.showWarningMessage('Open a folder of .gdl files first.');
        return;
    }
    const settings = vscode.workspace.getConfiguration('gdl');
    const asOf = settings.get<string>('asOf');
    const level = settings.get<string>('assuranceLevel');
    const args = [
        context.asAbsolutePath(path.join('out', 'cli.cjs')),
        'check',
        folder.uri.fsPath,
        ...(asOf ? ['--as-of', asOf] : []),
        ...(level && level !== 'plan' ? ['--level', level] : [])
    ];
    const execution = new vscode.ProcessExecution(process.execPath, args, { env: { ELECTRON_RUN_AS_NODE: '1' } });
    const task = new vscode.Task({ type: 'gdl', job: 'check' }, folder, 'check', 'gdl', execution, []);
    await vscode.tasks.executeTask(task);
}
