import type { AstNodeDescription } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { GdlIndexManager } from './gdl-index-manager.js';

/** Every definition in the workspace by id namespace and name, for the duplicate-id check, rename and new ids. */
export class IdIndex {
    private readonly index: GdlIndexManager;

    constructor(shared: LangiumSharedServices) {
        // The index keeps this up to date file by file as files are indexed (gdl-index-manager.ts).
        this.index = shared.workspace.IndexManager as GdlIndexManager;
    }

    /** Every definition in the workspace sharing the id namespace and name of `type`/`name`. */
    definitionsOf(type: string, name: string): AstNodeDescription[] {
        return this.index.definitionsNamed(type, name);
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
