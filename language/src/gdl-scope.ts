import {
    AstUtils,
    CstUtils,
    DefaultAstNodeDescriptionProvider,
    DefaultScopeComputation,
    DefaultScopeProvider,
    MultiMap,
    MultiMapScope,
    stream,
    type AstNode,
    type AstNodeDescription,
    type AstReflection,
    type DocumentSegment,
    type LangiumDocument,
    type NameProvider,
    type URI,
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
 * Langium's descriptions of definitions, as objects of one class: Langium gives each description a getter of its own
 * (an object literal with `get nameSegment()`), which V8 cannot give a shared shape, so every one was a dictionary of
 * about 450 bytes (10 MB at 10,000 requirements). Both segments are worked out when first asked for, as Langium's name
 * segment was; most definitions are never shown.
 */
export class GdlNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const path = this.astNodeLocator.getAstNodePath(node);
        name ??= this.nameProvider.getName(node);
        if (!name) {
            throw new Error(`Node at path ${path} has no name.`);
        }
        return new NodeDescription(node, name, (document ?? AstUtils.getDocument(node)).uri, path, this.nameProvider);
    }
}

class NodeDescription implements AstNodeDescription {
    readonly type: string;
    private name$?: DocumentSegment | null;
    private selection$?: DocumentSegment | null;

    constructor(
        readonly node: AstNode,
        readonly name: string,
        readonly documentUri: URI,
        readonly path: string,
        private readonly names: NameProvider
    ) {
        this.type = node.$type;
    }

    get nameSegment(): DocumentSegment | undefined {
        this.name$ ??= CstUtils.toDocumentSegment(this.names.getNameNode(this.node) ?? this.node.$cstNode) ?? null;
        return this.name$ ?? undefined;
    }

    get selectionSegment(): DocumentSegment | undefined {
        this.selection$ ??= CstUtils.toDocumentSegment(this.node.$cstNode) ?? null;
        return this.selection$ ?? undefined;
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
