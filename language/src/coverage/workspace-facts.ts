import { DocumentState, WorkspaceCache, type AstNode } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { computeCoverage, type CoverageModel, type DocumentContribution } from './coverage-model.js';
import type { GdlSettings } from '../gdl-settings.js';

/** The workspace's coverage, shared by the checks, the editor, the CLI and the publisher, computed once per build. */
export class WorkspaceFacts {
    // Langium's WorkspaceCache drops its value when a build reaches the given phase (or a document is deleted).
    private readonly coverage: WorkspaceCache<'model', CoverageModel>;
    private readonly computeCoverage: () => CoverageModel;

    constructor(shared: LangiumSharedServices, settings: GdlSettings) {
        const documents = shared.workspace.LangiumDocuments;
        // Each document's contribution is kept until the document is linked again.
        const contributions = new WeakMap<AstNode, DocumentContribution>();
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Linked, document => {
            contributions.delete(document.parseResult.value);
        });
        this.coverage = new WorkspaceCache(shared, DocumentState.Linked);
        this.computeCoverage = () =>
            computeCoverage(
                documents.all.filter(d => d.state >= DocumentState.Linked),
                { asOf: settings.effectiveAsOf() },
                contributions
            );
    }

    /** The coverage of every linked document in the workspace. */
    coverageModel(): CoverageModel {
        return this.coverage.get('model', this.computeCoverage);
    }
}
