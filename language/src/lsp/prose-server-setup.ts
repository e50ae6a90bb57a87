import { DocumentState, URI, UriUtils } from 'langium';
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { GdlServices } from '../gdl-module.js';
import type { GdlSettings } from '../gdl-settings.js';
import type { ProseDocumentValidator } from '../prose/prose-document-validator.js';
import { proseSeverities, type ProseSeverity } from '../prose/prose-options.js';
import { CONFIG_FILE, WORDS_FILE, type WorkspaceConfiguration } from '../prose/workspace-config.js';
import { Codes, message } from '../validation/diagnostic-codes.js';

/**
 * Applies the editor's `gdl.prose` settings (`enabled`, default on; `severity`, by code, over gdl.config.json's);
 * true when they changed. A severity that is not one is ignored.
 */
export function applyProseEditorSettings(settings: GdlSettings, given: unknown): boolean {
    const prose = (given && typeof given === 'object' ? given : {}) as { enabled?: unknown; severity?: unknown };
    const enabled = prose.enabled !== false;
    const severity: Record<string, ProseSeverity> = {};
    if (prose.severity && typeof prose.severity === 'object') {
        for (const [code, value] of Object.entries(prose.severity)) {
            if (proseSeverities.includes(value as ProseSeverity)) {
                severity[code] = value as ProseSeverity;
            }
        }
    }
    const changed = settings.prose.enabled !== enabled || JSON.stringify(settings.prose.severity ?? {}) !== JSON.stringify(severity);
    settings.prose = { enabled, severity };
    return changed;
}

/**
 * The plain-English checks in the editor: run on the files open in it; gdl.config.json's problems shown on that file
 * (GDL0708); a change to it or to gdl-words.txt (when the client watches them) re-checks with the new configuration.
 */
export function setUpProseServer(connection: Connection, services: GdlServices): void {
    const shared = services.shared;
    // In the editor the checks are on by default (gdl.prose.enabled), even before, or without, the editor's settings
    // arriving: the settings turn them off, never a silence.
    if (services.gdl.Settings.prose.enabled === undefined) {
        services.gdl.Settings.prose = { ...services.gdl.Settings.prose, enabled: true };
    }
    // The writer's open files (and every file on `gdl check --prose`): the workspace's first build is not held up by prose.
    const open = shared.workspace.TextDocuments;
    services.gdl.Prose.checksDocument = uri => services.gdl.Settings.prose.asked === true || open?.get(uri) !== undefined;
    // Off the coverage path: an edit's problems and coverage are shown without waiting for the plain-English checks of
    // the text that changed; its findings follow, with the document's other problems, once they are in.
    services.gdl.Prose.waitsForChecks = false;
    const validator = services.validation.DocumentValidator as ProseDocumentValidator;
    services.gdl.Prose.onChecked = uri => {
        const document = shared.workspace.LangiumDocuments.getDocument(URI.parse(uri));
        if (document) {
            void validator.addLaterProse(document).then(diagnostics => {
                if (diagnostics) {
                    void connection.sendDiagnostics({ uri, diagnostics });
                }
            });
        }
    };
    let shown: string[] = [];
    // By the end of validation the configuration the build used is read: its problems shown on each file they are in
    // (gdl.config.json always when there is one, so that mended problems go; the word list when it has one).
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, async () => {
        const configuration = await services.gdl.Prose.current();
        const now = new Map<string, Diagnostic[]>();
        if (configuration.configUri) {
            now.set(configuration.configUri.toString(), configDiagnostics(configuration, CONFIG_FILE));
        }
        const words = configDiagnostics(configuration, WORDS_FILE);
        if (words.length > 0 && configuration.wordsUri) {
            now.set(configuration.wordsUri.toString(), words);
        }
        for (const uri of shown.filter(uri => !now.has(uri))) {
            void connection.sendDiagnostics({ uri, diagnostics: [] });
        }
        for (const [uri, diagnostics] of now) {
            void connection.sendDiagnostics({ uri, diagnostics });
        }
        shown = [...now.keys()];
    });
    const handler = shared.lsp.DocumentUpdateHandler;
    const original = handler.didChangeWatchedFiles?.bind(handler);
    handler.didChangeWatchedFiles = params => {
        original?.(params);
        const names = params.changes.map(change => UriUtils.basename(URI.parse(change.uri)));
        if (names.some(name => name === CONFIG_FILE || name === WORDS_FILE)) {
            const uris = shared.workspace.LangiumDocuments.all.map(d => d.uri).toArray();
            void shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update(uris, [], token));
        }
    };
}

/** The problems of a workspace config file (gdl.config.json by default) as diagnostics on it (GDL0708), as the editor shows them. */
export function configDiagnostics(configuration: WorkspaceConfiguration, file: string = CONFIG_FILE): Diagnostic[] {
    return configuration.problems
        .filter(problem => problem.file === file)
        .map(problem => {
            const position = { line: problem.line - 1, character: problem.column - 1 };
            return {
                severity: DiagnosticSeverity.Warning,
                range: { start: position, end: position },
                code: Codes['workspace-config-invalid'].code,
                message: message('workspace-config-invalid', { problem: problem.problem }),
                source: 'gdl'
            };
        });
}
