import { AstUtils, DocumentState, URI } from 'langium';
import type { Connection } from 'vscode-languageserver';
import { assuranceLevels, type AssuranceLevel } from '../coverage/coverage-model.js';
import { buildCoverageReport } from '../coverage/coverage-report.js';
import { forceName } from '../coverage/forces.js';
import type { GdlServices } from '../gdl-module.js';
import type { CoverageSeverity, GdlSettings } from '../gdl-settings.js';
import { editedSinceParsed } from '../source-text.js';
import { TextMemo } from '../text-memo.js';
import { guardDocumentRequests } from './request-guard.js';
import type { GdlWorkspaceManager } from '../gdl-workspace-manager.js';
import { applyProseEditorSettings, setUpProseServer } from './prose-server-setup.js';
import { registerPreviewRequest } from './gdl-preview.js';
import { CoverageChangedNotification, CoverageRequest, coverageUriOf, type CoverageAnswer } from './gdl-protocol.js';

/** The editor's `gdl.*` settings, as the client sends them. */
interface EditorSettings {
    asOf?: string;
    coverageSeverity?: CoverageSeverity;
    assuranceLevel?: string;
    /** `gdl.prose`: { enabled, severity } (prose-server-setup.ts). */
    prose?: unknown;
}

const severities: readonly CoverageSeverity[] = ['error', 'warning', 'info', 'off'];

/** How long the first build waits for the client's answer to the settings request. */
const SETTINGS_PATIENCE_MS = 5000;

/** The `gdl.*` settings, read one by one (Langium's configuration provider answers per setting). */
async function readEditorSettings(read: (key: keyof EditorSettings) => Promise<unknown>): Promise<EditorSettings> {
    const keys: ReadonlyArray<keyof EditorSettings> = ['asOf', 'coverageSeverity', 'assuranceLevel', 'prose'];
    return Object.fromEntries(await Promise.all(keys.map(async key => [key, await read(key)] as const))) as EditorSettings;
}

/**
 * Applies the editor's settings; true when anything the checks read changed. An as-of date that is
 * not a date, and a level that is not a level (the manifest's "plan", or nothing), are unset: today,
 * and the plan's `assurance` (else evidenced).
 */
export function applyEditorSettings(settings: GdlSettings, configuration: unknown): boolean {
    const given = (configuration && typeof configuration === 'object' ? configuration : {}) as EditorSettings;
    const asOf = /^\d{4}-\d{2}-\d{2}$/.test(given.asOf ?? '') ? given.asOf : undefined;
    const coverageSeverity = severities.includes(given.coverageSeverity!) ? given.coverageSeverity! : 'warning';
    const assurance = assuranceLevels.includes(given.assuranceLevel as AssuranceLevel)
        ? (given.assuranceLevel as AssuranceLevel)
        : undefined;
    const proseChanged = applyProseEditorSettings(settings, given.prose);
    const changed =
        proseChanged || settings.asOf !== asOf || settings.coverageSeverity !== coverageSeverity || settings.assurance !== assurance;
    settings.asOf = asOf;
    settings.coverageSeverity = coverageSeverity;
    settings.assurance = assurance;
    return changed;
}

/**
 * Connects the settings `gdl.asOf`, `gdl.coverageSeverity` and `gdl.assuranceLevel` to the checks
 * and the coverage (revalidating every document when they change), answers the coverage request
 * for the force of the document it names, and announces coverage after builds.
 */
export function setUpGdlServer(connection: Connection, services: GdlServices): void {
    // The server validates the same texts on every edit (the framework, the plans, the edited file's other sections).
    TextMemo.rememberAcrossBuilds();
    const shared = services.shared;
    const settings = services.gdl.Settings;
    const facts = services.gdl.WorkspaceFacts;
    const configuration = shared.workspace.ConfigurationProvider;
    publishCurrentDiagnosticsOnly(connection, services);
    guardDocumentRequests(connection, shared);
    setUpProseServer(connection, services);

    const apply = async (given: unknown) => {
        if (applyEditorSettings(settings, given)) {
            const uris = shared.workspace.LangiumDocuments.all.map(d => d.uri).toArray();
            // Under the workspace lock, as Langium runs the builds of edits: a rebuild beside another one
            // left documents behind a workspace already validated, and the editor's requests failed.
            await shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update(uris, [], token));
        }
    };
    // The workspace is first built with the settings the server fetches at start-up (workspace/configuration),
    // not built once with none and again when they arrive: half the work on opening a large workspace, and no
    // editor request meets a workspace half rebuilt. A client that never answers is not waited for long.
    const manager = shared.workspace.WorkspaceManager;
    const buildWorkspace = manager.initialized.bind(manager);
    manager.initialized = async params => {
        let timer: NodeJS.Timeout | undefined;
        const fetched = await Promise.race([
            configuration.ready.then(() => readEditorSettings(key => configuration.getConfiguration('gdl', key))),
            new Promise<undefined>(resolve => (timer = setTimeout(() => resolve(undefined), SETTINGS_PATIENCE_MS)))
        ]).finally(() => clearTimeout(timer));
        if (fetched) {
            applyEditorSettings(settings, fetched);
        }
        return buildWorkspace(params);
    };
    // Later changes (VS Code also sends the settings when the server registers for their changes: unchanged, they rebuild nothing).
    configuration.onConfigurationSectionUpdate(async update => {
        if (update.section === 'gdl') {
            await apply(update.configuration);
        }
    });

    // The same report the auditors' `gdl coverage` writes, for the force of the document asked about, with files named by URI.
    // Registered by method name: a request without parameters (from clients before forces) is answered too.
    connection.onRequest(CoverageRequest.method, (params: unknown): CoverageAnswer => {
        const model = facts.coverageModel(coverageUriOf(params));
        const report = buildCoverageReport(model, shared.workspace.LangiumDocuments.all, {
            asOf: settings.effectiveAsOf(),
            locate: node => {
                const start = node.$cstNode?.range.start ?? { line: 0, character: 0 };
                return { file: AstUtils.getDocument(node).uri.toString(), line: start.line + 1, column: start.character + 1 };
            }
        });
        return { ...report, forceName: forceName(model.force) };
    });

    registerPreviewRequest(connection, services);
    followWorkspaceFolders(connection, services);

    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => {
        const model = facts.coverageModel();
        void connection.sendNotification(CoverageChangedNotification, { covered: model.covered, total: model.total });
    });
}

/**
 * Diagnostics are published with the version of the text they were computed from (LSP's
 * `PublishDiagnosticsParams.version`, so a client can tell them apart from older ones), and never for
 * text that has changed since. Langium's diagnostics handler publishes whatever a validated document
 * holds, unversioned; a build overtaken by a newer edit is normally cancelled before it validates,
 * and the text comparison makes that a guarantee rather than a matter of timing.
 */
function publishCurrentDiagnosticsOnly(connection: Connection, services: GdlServices): void {
    const documents = services.shared.workspace.LangiumDocuments;
    const open = services.shared.workspace.TextDocuments;
    const send = connection.sendDiagnostics.bind(connection);
    connection.sendDiagnostics = params => {
        const current = open?.get(params.uri);
        const document = documents.getDocument(URI.parse(params.uri));
        if (!current || !document) {
            return send(params);
        }
        if (editedSinceParsed(document, current)) {
            return Promise.resolve();
        }
        return send({ ...params, version: current.version });
    };
}

/**
 * Folders added to or removed from the editor's workspace (a multi-root workspace) are read or dropped, and the
 * workspace rebuilt, as at start-up. Asked for once the client has said it sends these changes; a client that does not
 * (no `workspace.workspaceFolders` capability) has none to send.
 */
function followWorkspaceFolders(connection: Connection, services: GdlServices): void {
    const shared = services.shared;
    const manager = shared.workspace.WorkspaceManager as GdlWorkspaceManager;
    shared.lsp.LanguageServer.onInitialized(() => {
        let changes: typeof connection.workspace.onDidChangeWorkspaceFolders;
        try {
            changes = connection.workspace.onDidChangeWorkspaceFolders;
        } catch {
            return;
        }
        changes(event =>
            shared.workspace.WorkspaceLock.write(async token => {
                const { changed, deleted } = await manager.changeFolders(event.added, event.removed);
                // A file of a removed folder that is open in the editor stays while it is open, as any open GDL
                // document does, and goes with its problems when it is closed (GdlDocumentUpdateHandler).
                const open = shared.workspace.TextDocuments;
                const closed = deleted.filter(uri => open?.get(uri.toString()) === undefined);
                await shared.workspace.DocumentBuilder.update(changed, closed, token);
            })
        );
    });
}
