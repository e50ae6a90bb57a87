import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { report, runCli } from './cli-process.js';

// GDL: New force workspace and GDL: Import document…: wiring only. Both run the bundled command
// line (`gdl init`, `gdl import`), the same code a terminal runs, and show what it said.

const quoteArg = (arg: string) => (/^[\w./-]+$/.test(arg) ? arg : JSON.stringify(arg));

/** GDL: New force workspace — a force's name, then a new workspace in a chosen folder, or the force added to the open one. */
export async function newForceWorkspace(context: vscode.ExtensionContext): Promise<void> {
    const force = await vscode.window.showInputBox({
        title: 'GDL: New force workspace',
        prompt: "The force's name, as it should appear in its plan and reports",
        placeHolder: 'Kent Police',
        ignoreFocusOut: true,
        validateInput: value =>
            value.trim() === '' ? "Type the force's name." : /["\r\n]/.test(value) ? 'Leave out quotation marks.' : undefined
    });
    if (!force) {
        return;
    }
    const open = vscode.workspace.workspaceFolders?.[0];
    let folder: string;
    let add = false;
    const elsewhere = 'Create a new workspace in a folder I choose…';
    const here = open ? `Add ${force.trim()} to this workspace (${open.name})` : undefined;
    const choice = here
        ? await vscode.window.showQuickPick([here, elsewhere], { title: 'GDL: New force workspace', ignoreFocusOut: true })
        : elsewhere;
    if (!choice) {
        return;
    }
    if (choice === here && open) {
        folder = open.uri.fsPath;
        add = true;
    } else {
        const picked = await vscode.window.showOpenDialog({
            title: `Choose the folder to create ${force.trim()}'s workspace in (a new, empty folder)`,
            canSelectFolders: true,
            canSelectFiles: false,
            canSelectMany: false,
            openLabel: 'Create the workspace here'
        });
        if (!picked?.[0]) {
            return;
        }
        folder = picked[0].fsPath;
    }
    const args = ['init', folder, '--force', force.trim(), ...(add ? ['--add'] : [])];
    const result = await runCli(context, args, path.dirname(folder));
    const said = report(result, args.map(quoteArg).join(' '));
    if (result.code !== 0) {
        void vscode.window.showErrorMessage(`No workspace was made: ${said}`);
        return;
    }
    const forceReadme = /^ {2}([^/\s]+)\/README\.md$/m.exec(result.stdout)?.[1];
    if (add) {
        void vscode.window.showInformationMessage(`${force.trim()} was added to this workspace.`);
        if (forceReadme) {
            await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(path.join(folder, forceReadme, 'README.md')));
        }
        return;
    }
    const answer = await vscode.window.showInformationMessage(`${force.trim()}'s workspace is ready in ${folder}.`, 'Open the workspace');
    if (answer === 'Open the workspace') {
        await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(folder));
    }
}

/** GDL: Import document… — a Word or Markdown document, or a saved action plan page, into a folder of the workspace. */
export async function importDocument(context: vscode.ExtensionContext, given?: vscode.Uri): Promise<void> {
    const open = vscode.workspace.workspaceFolders?.[0];
    const file = given ?? (await chooseDocument());
    if (!file) {
        return;
    }
    const into = await chooseFolder(open, file);
    if (!into) {
        return;
    }
    const args = ['import', file.fsPath, '--into', into.fsPath, ...(open ? ['--workspace', open.uri.fsPath] : [])];
    const result = await runCli(context, args, into.fsPath);
    const said = report(result, args.map(quoteArg).join(' '));
    if (result.code !== 0) {
        void vscode.window.showErrorMessage(`Nothing was imported: ${said}`);
        return;
    }
    // The CLI names what it wrote, relative to the folder it ran in.
    const written = /^Imported .*: (.+\.gdl) \(a draft\)\.$/m.exec(result.stdout)?.[1];
    const reportFile = /^Import report: (.+\.import-report\.md) \(/m.exec(result.stdout)?.[1];
    if (written) {
        await vscode.window.showTextDocument(vscode.Uri.file(path.resolve(into.fsPath, written)));
    }
    if (reportFile) {
        await vscode.commands.executeCommand('markdown.showPreviewToSide', vscode.Uri.file(path.resolve(into.fsPath, reportFile)));
    }
    void vscode.window.showInformationMessage(`Imported ${path.basename(file.fsPath)} as a draft. The import report lists what to check.`);
}

const IMPORTABLE = ['docx', 'md', 'markdown', 'txt', 'html', 'htm'];

/** The document to import: the one open in the editor (when it is one a writer imports), or a file chosen. */
async function chooseDocument(): Promise<vscode.Uri | undefined> {
    const open = vscode.window.activeTextEditor?.document.uri;
    const importable = open?.scheme === 'file' && IMPORTABLE.includes(path.extname(open.fsPath).slice(1).toLowerCase());
    if (open && importable) {
        const here = `Import ${path.basename(open.fsPath)}`;
        const picked = await vscode.window.showQuickPick(
            [
                { label: here, description: 'the document open in the editor' },
                { label: 'Choose a file…', description: 'a Word or Markdown document, or a saved action plan page' }
            ],
            { title: 'GDL: Import document', ignoreFocusOut: true }
        );
        if (!picked) {
            return undefined;
        }
        if (picked.label === here) {
            return open;
        }
    }
    return (
        await vscode.window.showOpenDialog({
            title: 'GDL: Import document — choose the Word or Markdown document, or the saved action plan page',
            canSelectFiles: true,
            canSelectMany: false,
            filters: { 'Documents and saved pages': IMPORTABLE },
            openLabel: 'Import'
        })
    )?.[0];
}

/** The workspace's folders (not dot-folders, dependencies or output), a few levels deep, relative to its root. */
async function workspaceFolders(root: string, depth = 3): Promise<string[]> {
    const found: string[] = [];
    const visit = async (relative: string, level: number): Promise<void> => {
        const entries = await fs.readdir(path.join(root, relative), { withFileTypes: true }).catch(() => []);
        for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
            if (
                entry.isDirectory() &&
                !entry.name.startsWith('.') &&
                !['node_modules', 'out', 'dist'].includes(entry.name) &&
                found.length < 300
            ) {
                const child = relative ? `${relative}/${entry.name}` : entry.name;
                found.push(child);
                if (level < depth) {
                    await visit(child, level + 1);
                }
            }
        }
    };
    await visit('', 1);
    return found;
}

/** Where to import to: a folder of the open workspace, chosen by name (the document's own folder first), or any folder. */
async function chooseFolder(open: vscode.WorkspaceFolder | undefined, file: vscode.Uri): Promise<vscode.Uri | undefined> {
    const other = 'Another folder…';
    if (open) {
        const root = open.uri.fsPath;
        // The document's own folder when VS Code counts the document as in the open folder (its own test, not path arithmetic).
        const inside = vscode.workspace.getWorkspaceFolder(file)?.uri.toString() === open.uri.toString();
        const own = inside ? path.relative(root, path.dirname(file.fsPath)) : '';
        const folders = await workspaceFolders(root);
        const first = own ? [own.split(path.sep).join('/')] : [];
        const items = [...new Set([...first, ...folders, '.'])].map(label => ({
            label,
            description: label === first[0] ? 'the document\u2019s folder' : label === '.' ? 'the workspace folder' : undefined
        }));
        const picked = await vscode.window.showQuickPick([...items, { label: other, description: undefined }], {
            title: `Import ${path.basename(file.fsPath)} into which folder? (for guidance, your force\u2019s guidance folder)`,
            placeHolder: 'Type to find a folder',
            ignoreFocusOut: true
        });
        if (!picked) {
            return undefined;
        }
        if (picked.label !== other) {
            return vscode.Uri.file(path.join(root, picked.label));
        }
    }
    return (
        await vscode.window.showOpenDialog({
            title: 'Choose the folder to import into',
            canSelectFolders: true,
            canSelectFiles: false,
            canSelectMany: false,
            defaultUri: open?.uri,
            openLabel: 'Import into this folder'
        })
    )?.[0];
}
