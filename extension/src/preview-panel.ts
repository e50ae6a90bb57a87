import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import { PreviewRequest, type PreviewAnswer } from '../../language/src/lsp/gdl-protocol.js';

// GDL: Open Preview to the Side — wiring only. The language server renders the page with the build's own
// pipeline (`gdl/preview`); this panel shows it, asks again as the writer types, and follows the cursor.

type Edition = 'trainer' | 'learner';

/** How long typing must pause before the preview asks for the page again. */
const TYPING_PAUSE_MS = 300;

const kindText: Record<PreviewAnswer['kind'], string> = {
    guidance: 'the published guidance page',
    course: 'the course pack',
    plan: 'the published action plan',
    none: ''
};

/** The one preview panel: it shows the active .gdl file's page, beside the editor. */
export class PreviewPanel {
    private static current: PreviewPanel | undefined;
    private document: vscode.TextDocument;
    private edition: Edition = 'trainer';
    private sections: PreviewAnswer['sections'] = [];
    private section: string | undefined;
    private timer: NodeJS.Timeout | undefined;
    private asked = 0;
    private readonly disposables: vscode.Disposable[] = [];

    /** Shows the preview of `document` beside the editor (the panel there already, when there is one). */
    static show(context: vscode.ExtensionContext, client: LanguageClient, document: vscode.TextDocument): void {
        if (PreviewPanel.current) {
            PreviewPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
            PreviewPanel.current.showDocument(document);
            return;
        }
        const media = vscode.Uri.joinPath(context.extensionUri, 'media');
        const panel = vscode.window.createWebviewPanel(
            'gdl.preview',
            'Preview',
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
            { enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: true }
        );
        PreviewPanel.current = new PreviewPanel(panel, media, client, document);
    }

    /** Asks the open preview for its page again (after a build elsewhere in the workspace changed what it shows). */
    static refresh(): void {
        PreviewPanel.current?.schedule();
    }

    private constructor(
        private readonly panel: vscode.WebviewPanel,
        media: vscode.Uri,
        private readonly client: LanguageClient,
        document: vscode.TextDocument
    ) {
        this.document = document;
        panel.webview.html = shell(panel.webview, media);
        this.disposables.push(
            panel.onDidDispose(() => this.dispose()),
            panel.webview.onDidReceiveMessage((message: { type: string; edition?: string }) => {
                if (message.type === 'ready') {
                    void this.update();
                } else if (message.type === 'edition' && (message.edition === 'trainer' || message.edition === 'learner')) {
                    this.edition = message.edition;
                    void this.update();
                }
            }),
            vscode.workspace.onDidChangeTextDocument(event => {
                if (event.document === this.document && event.contentChanges.length > 0) {
                    this.schedule();
                }
            }),
            vscode.window.onDidChangeActiveTextEditor(editor => {
                if (editor?.document.languageId === 'gdl' && editor.document !== this.document) {
                    this.showDocument(editor.document);
                }
            }),
            vscode.window.onDidChangeTextEditorSelection(event => {
                if (event.textEditor.document === this.document) {
                    this.follow(event.selections[0]!.active.line);
                }
            })
        );
        this.showDocument(document);
    }

    private showDocument(document: vscode.TextDocument): void {
        this.document = document;
        this.section = undefined;
        this.panel.title = `Preview ${path.basename(document.uri.fsPath)}`;
        void this.update();
    }

    private schedule(): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.update(), TYPING_PAUSE_MS);
    }

    /** Asks the server for the page and shows it (a later answer overtakes an earlier one). */
    private async update(): Promise<void> {
        const ask = ++this.asked;
        const file = path.basename(this.document.uri.fsPath);
        let answer: PreviewAnswer;
        try {
            answer = await this.client.sendRequest(PreviewRequest, { uri: this.document.uri.toString(), edition: this.edition });
        } catch (error) {
            answer = {
                html: '',
                title: '',
                kind: 'none',
                sections: [],
                message: `The preview could not be made: ${(error as Error).message}`
            };
        }
        if (ask !== this.asked) {
            return;
        }
        this.sections = answer.sections;
        const editor = vscode.window.visibleTextEditors.find(e => e.document === this.document);
        this.section = editor ? this.sectionAt(editor.selection.active.line) : this.section;
        const label =
            answer.kind === 'none'
                ? (answer.message ??
                  `${file} publishes no page of its own (a framework or a vocabulary is published through what uses it).`)
                : `${file}: ${kindText[answer.kind]}, “${answer.title}”${answer.edition ? ` (${answer.edition} edition)` : ''}, as gdl build publishes it, drafts included`;
        void this.panel.webview.postMessage({ type: 'page', html: answer.html, label, edition: answer.edition, section: this.section });
    }

    /** The anchor of the section the given source line is in: the last to start at or before it. */
    private sectionAt(line: number): string | undefined {
        return this.sections.filter(s => s.line <= line).at(-1)?.id;
    }

    private follow(line: number): void {
        const section = this.sectionAt(line);
        if (section && section !== this.section) {
            this.section = section;
            void this.panel.webview.postMessage({ type: 'scroll', section });
        }
    }

    private dispose(): void {
        clearTimeout(this.timer);
        PreviewPanel.current = undefined;
        this.disposables.forEach(d => void d.dispose());
    }
}

/** The webview's page, set once: a strict Content-Security-Policy, the site's CSS and the preview's own script (by nonce). */
function shell(webview: vscode.Webview, media: vscode.Uri): string {
    const nonce = randomBytes(16).toString('base64');
    const uri = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(media, ...parts)).toString();
    const csp = [
        "default-src 'none'",
        `style-src ${webview.cspSource}`,
        `img-src ${webview.cspSource} data:`,
        `script-src 'nonce-${nonce}'`
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en" class="govuk-template">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${uri('site', 'govuk-frontend.min.css')}">
<link rel="stylesheet" href="${uri('site', 'site.css')}">
<link rel="stylesheet" href="${uri('preview.css')}">
<title>GDL preview</title>
</head>
<body class="govuk-template__body">
<div class="gdl-preview-bar" role="status">
<span id="gdl-preview-label">Rendering the page…</span>
<span id="gdl-preview-editions" hidden><button type="button" data-edition="trainer">Trainer edition</button> <button type="button" data-edition="learner">Learner edition</button></span>
</div>
<div class="govuk-width-container"><main class="govuk-main-wrapper" id="gdl-preview-page"></main></div>
<script nonce="${nonce}" src="${uri('preview.js')}"></script>
</body>
</html>`;
}
