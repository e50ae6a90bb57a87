import {
    AstUtils,
    DefaultScopeComputation,
    DefaultScopeProvider,
    MultiMap,
    MultiMapScope,
    stream,
    type AstNode,
    type AstNodeDescription,
    type AstReflection,
    type LangiumDocument,
    type LocalSymbols,
    type ReferenceInfo,
    type Scope,
    type Stream
} from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { exportedName } from './gdl-names.js';
import type { GdlIndexManager } from './gdl-index-manager.js';

/**
 * Every named item is visible in the whole workspace: writers refer to `12.3`, a section id or an
 * outcome id from any file, wherever it is nested. Provisions are exported as `Act.provision`.
 */
export class GdlScopeComputation extends DefaultScopeComputation {
    override async collectExportedSymbols(document: LangiumDocument, cancelToken?: CancellationToken): Promise<AstNodeDescription[]> {
        return this.collectExportedSymbolsForNode(document.parseResult.value, document, AstUtils.streamAllContents, cancelToken);
    }

    protected override addExportedSymbol(node: AstNode, exports: AstNodeDescription[], document: LangiumDocument): void {
        const name = this.nameProvider.getName(node);
        if (name) {
            exports.push(this.descriptions.createDescription(node, exportedName(node, name), document));
        }
    }

    // Everything is exported, so local scopes would only repeat the global index.
    override async collectLocalSymbols(_document: LangiumDocument, _cancelToken?: CancellationToken): Promise<LocalSymbols> {
        return new MultiMap<AstNode, AstNodeDescription>();
    }
}

/**
 * The global scope of a reference type, read from the index's definitions by name (kept up to date file by file,
 * gdl-index-manager.ts) when a name is looked up. Langium builds a map of every definition of the type in the
 * workspace for each type a build links, and drops it on every edit: at 43 forces that was a tenth of an edit's
 * time. Lookups give what that map gave: the definitions of the name whose type is the reference type or a subtype
 * of it, in the index's order. Nothing is kept between lookups, so no answer holds a definition an edit replaced.
 */
export class GdlScopeProvider extends DefaultScopeProvider {
    protected override getGlobalScope(referenceType: string, _context: ReferenceInfo): Scope {
        return new IndexScope(this.indexManager as GdlIndexManager, this.reflection, referenceType);
    }
}

class IndexScope implements Scope {
    constructor(
        private readonly index: GdlIndexManager,
        private readonly reflection: AstReflection,
        private readonly type: string
    ) {}

    getElement(name: string): AstNodeDescription | undefined {
        return this.index.exportedAs(name).find(d => this.reflection.isSubtype(d.type, this.type));
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return stream(this.index.exportedAs(name).filter(d => this.reflection.isSubtype(d.type, this.type)));
    }

    // Completion lists every element: in the order Langium's scope lists them (grouped by name, names in order of first definition).
    getAllElements(): Stream<AstNodeDescription> {
        return new MultiMapScope(this.index.allElements(this.type)).getAllElements();
    }
}
