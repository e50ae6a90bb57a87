import { DocumentState, type AstNode, type AstNodeDescription } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { BuildCache } from './build-cache.js';
import { computeCoverage, type CoverageModel, type DocumentContribution } from './coverage-model.js';
import type { GdlSettings } from './gdl-settings.js';

/** Workspace-wide facts shared by the checks, the CLI and the generator, each computed once per build. */
export class WorkspaceFacts {
    private readonly coverage: BuildCache<CoverageModel>;
    private readonly names: BuildCache<Map<string, AstNodeDescription[]>>;

    constructor(shared: LangiumSharedServices, settings: GdlSettings) {
        const documents = shared.workspace.LangiumDocuments;
        const index = shared.workspace.IndexManager;
        // Each document's contribution is kept until the document is linked again.
        const contributions = new WeakMap<AstNode, DocumentContribution>();
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Linked, document => {
            contributions.delete(document.parseResult.value);
        });
        this.coverage = new BuildCache(shared, DocumentState.Linked,
            () => computeCoverage(documents.all.filter(d => d.state >= DocumentState.Linked), { asOf: settings.effectiveAsOf() }, contributions));
        this.names = new BuildCache(shared, DocumentState.IndexedContent, () => {
            const map = new Map<string, AstNodeDescription[]>();
            for (const description of index.allElements()) {
                const key = `${namespaceOf(description.type)}:${description.name}`;
                const list = map.get(key) ?? [];
                list.push(description);
                map.set(key, list);
            }
            return map;
        });
    }

    /** The coverage of every linked document in the workspace. */
    coverageModel(): CoverageModel {
        return this.coverage.get();
    }

    /** Every definition in the workspace sharing the id namespace and name of `type`/`name`. */
    definitionsOf(type: string, name: string): AstNodeDescription[] {
        return this.names.get().get(`${namespaceOf(type)}:${name}`) ?? [];
    }
}

/**
 * Evidence requirements and recommendations are numbered by the report; provisions are qualified
 * by their Act; every other id shares one namespace, since plan items link to any of them by id.
 */
export function namespaceOf(type: string): string {
    return type === 'Evidence' || type === 'Recommendation' || type === 'Provision' ? type : 'item';
}
