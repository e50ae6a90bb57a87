import { DocumentState, WorkspaceCache } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { computeWorkspaceCoverage, CoverageCache, type CoverageModel, type WorkspaceCoverage } from './coverage-model.js';
import type { GdlSettings } from '../gdl-settings.js';

/** The workspace's coverage, force by force, shared by the checks, the editor, the CLI and the publisher, computed once per build. */
export class WorkspaceFacts {
    // Langium's WorkspaceCache drops its value when a build reaches the given phase (or a document is deleted).
    private readonly coverage: WorkspaceCache<'model', WorkspaceCoverage>;
    private readonly computeCoverage: () => WorkspaceCoverage;

    constructor(
        shared: LangiumSharedServices,
        private readonly settings: GdlSettings
    ) {
        const documents = shared.workspace.LangiumDocuments;
        // Each document's contribution is kept until the document is linked again; each force's model
        // until the shared files or its own contribute something different.
        const cache = new CoverageCache();
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Linked, document => {
            cache.relinked(document.parseResult.value);
        });
        this.coverage = new WorkspaceCache(shared, DocumentState.Linked);
        this.computeCoverage = () =>
            computeWorkspaceCoverage(
                documents.all.filter(d => d.state >= DocumentState.Linked),
                { asOf: settings.effectiveAsOf(), level: settings.assurance },
                cache
            );
    }

    /** The coverage of every force of every linked document in the workspace. */
    workspaceCoverage(): WorkspaceCoverage {
        return this.coverage.get('model', this.computeCoverage);
    }

    /** The forces being judged: the one chosen with --force, else every force. */
    judgedModels(): readonly CoverageModel[] {
        const all = this.workspaceCoverage();
        const chosen = this.settings.force === undefined ? undefined : all.forces.find(this.settings.force);
        return chosen ? all.models.filter(m => m.force === chosen) : all.models;
    }

    /**
     * The coverage of one force: the force a document belongs to (given its URI), else the one chosen
     * with --force, else the first force.
     */
    coverageModel(uri?: string): CoverageModel {
        const all = this.workspaceCoverage();
        const force =
            (uri !== undefined ? all.forces.of(uri) : undefined) ??
            (this.settings.force ? all.forces.find(this.settings.force) : undefined);
        return all.model(force?.id);
    }
}
