import { AstUtils, DocumentState, URI } from 'langium';
import type { Connection } from 'vscode-languageserver';
import { buildCoverageReport } from '../coverage/coverage-report.js';
import type { GdlServices } from '../gdl-module.js';
import type { CoverageSeverity } from '../gdl-settings.js';
import { CoverageChangedNotification, CoverageRequest } from './gdl-protocol.js';

/**
 * Connects the settings `gdl.asOf` and `gdl.coverageSeverity` to the checks (revalidating every
 * document when they change), answers the coverage request, and announces coverage after builds.
 */
export function setUpGdlServer(connection: Connection, services: GdlServices): void {
    const shared = services.shared;
    const settings = services.gdl.Settings;
    const facts = services.gdl.WorkspaceFacts;
    publishCurrentDiagnosticsOnly(connection, services);

    shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(async update => {
        if (update.section !== 'gdl') {
            return;
        }
        const configuration = (update.configuration ?? {}) as { asOf?: string; coverageSeverity?: CoverageSeverity };
        settings.asOf = /^\d{4}-\d{2}-\d{2}$/.test(configuration.asOf ?? '') ? configuration.asOf : undefined;
        settings.coverageSeverity = configuration.coverageSeverity ?? 'warning';
        const uris = shared.workspace.LangiumDocuments.all.map(d => d.uri).toArray();
        await shared.workspace.DocumentBuilder.update(uris, []);
    });

    // The same report the auditors' `gdl coverage` writes, with files named by URI for the editor.
    connection.onRequest(CoverageRequest, () =>
        buildCoverageReport(facts.coverageModel(), shared.workspace.LangiumDocuments.all, {
            asOf: settings.effectiveAsOf(),
            locate: node => {
                const start = node.$cstNode?.range.start ?? { line: 0, character: 0 };
                return { file: AstUtils.getDocument(node).uri.toString(), line: start.line + 1, column: start.character + 1 };
            }
        })
    );

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
        const built = document.parseResult.value.$cstNode?.root.fullText;
        if (built !== undefined && built !== current.getText()) {
            return Promise.resolve();
        }
        return send({ ...params, version: current.version });
    };
}
