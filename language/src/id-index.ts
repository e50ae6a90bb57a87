import { DocumentState, WorkspaceCache, type AstNodeDescription } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';

/** Every definition in the workspace by id namespace and name, for the duplicate-id check; rebuilt once per build. */
export class IdIndex {
    private readonly names: WorkspaceCache<'names', Map<string, AstNodeDescription[]>>;
    private readonly computeNames: () => Map<string, AstNodeDescription[]>;

    constructor(shared: LangiumSharedServices) {
        const index = shared.workspace.IndexManager;
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

    /** Every definition in the workspace sharing the id namespace and name of `type`/`name`. */
    definitionsOf(type: string, name: string): AstNodeDescription[] {
        return this.names.get('names', this.computeNames).get(`${namespaceOf(type)}:${name}`) ?? [];
    }
}

/** Where a definition is, as a message names it: `risk.gdl:16`. */
export function definitionPlace(definition: AstNodeDescription): string {
    return `${definition.documentUri.path.split('/').pop()}:${(definition.nameSegment?.range.start.line ?? 0) + 1}`;
}

/**
 * Evidence requirements and recommendations are numbered by the report; provisions are qualified
 * by their Act; every other id shares one namespace, since plan items link to any of them by id.
 */
export function namespaceOf(type: string): string {
    return type === 'Evidence' || type === 'Recommendation' || type === 'Provision' ? type : 'item';
}
