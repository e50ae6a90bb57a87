import { DocumentState, WorkspaceCache, type AstNode, type AstNodeDescription } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { computeCoverage, type CoverageModel, type DocumentContribution } from './coverage-model.js';
import type { GdlSettings } from './gdl-settings.js';

/** Workspace-wide facts shared by the checks, the CLI and the generator, each computed once per build. */
export class WorkspaceFacts {
    // Langium's WorkspaceCache drops its value when a build reaches the given phase (or a document is deleted).
    private readonly coverage: WorkspaceCache<'model', CoverageModel>;
    private readonly names: WorkspaceCache<'names', Map<string, AstNodeDescription[]>>;
    private readonly computeCoverage: () => CoverageModel;
    private readonly computeNames: () => Map<string, AstNodeDescription[]>;

    constructor(shared: LangiumSharedServices, settings: GdlSettings) {
        const documents = shared.workspace.LangiumDocuments;
        const index = shared.workspace.IndexManager;
        // Each document's contribution is kept until the document is linked again.
        const contributions = new WeakMap<AstNode, DocumentContribution>();
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Linked, document => {
            contributions.delete(document.parseResult.value);
        });
        this.coverage = new WorkspaceCache(shared, DocumentState.Linked);
        this.computeCoverage = () => computeCoverage(documents.all.filter(d => d.state >= DocumentState.Linked), { asOf: settings.effectiveAsOf() }, contributions);
        this.names = new WorkspaceCache(shared, DocumentState.IndexedContent);
        this.computeNames = () => {
            const map = new Map<string, AstNodeDescription[]>();
            for (const description of index.allElements()) {
                const key = `${namespaceOf(description.type)}:${description.name}`;
                const list = map.get(key) ?? [];
                list.push(description);
                map.set(key, list);
            }
            return map;
        };
    }

    /** The coverage of every linked document in the workspace. */
    coverageModel(): CoverageModel {
        return this.coverage.get('model', this.computeCoverage);
    }

    /** Every definition in the workspace sharing the id namespace and name of `type`/`name`. */
    definitionsOf(type: string, name: string): AstNodeDescription[] {
        return this.names.get('names', this.computeNames).get(`${namespaceOf(type)}:${name}`) ?? [];
    }
}

/**
 * Evidence requirements and recommendations are numbered by the report; provisions are qualified
 * by their Act; every other id shares one namespace, since plan items link to any of them by id.
 */
export function namespaceOf(type: string): string {
    return type === 'Evidence' || type === 'Recommendation' || type === 'Provision' ? type : 'item';
}
