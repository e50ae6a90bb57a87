import {
    AstUtils,
    Cancellation,
    CstUtils,
    DefaultAstNodeDescriptionProvider,
    DefaultReferenceDescriptionProvider,
    interruptAndCheck,
    UriUtils,
    type AstNode,
    type AstNodeDescription,
    type AstNodeLocator,
    type CstNode,
    type DocumentSegment,
    type LangiumDocument,
    type MultiReference,
    type NameProvider,
    type Reference,
    type ReferenceDescription,
    type URI
} from 'langium';
import type { LangiumServices } from 'langium/lsp';
import type { CancellationToken } from 'vscode-languageserver';
import { forEachReference, ReferenceProperties, targetsOf } from './references-of.js';

/**
 * Langium's descriptions of definitions, with the same fields, but their path and where they are worked out when
 * first read. Langium computes both for every definition of every file when it indexes it: a walk up the tree and
 * a position (line and character) each, kept for as long as the file is indexed, while only go-to, rename, the
 * duplicate-id check and a few requests read them.
 */
export class GdlAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    private readonly locator: AstNodeLocator;
    private readonly names: NameProvider;

    constructor(services: LangiumServices) {
        super(services);
        this.locator = services.workspace.AstNodeLocator;
        this.names = services.references.NameProvider;
    }

    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const doc = document ?? AstUtils.getDocument(node);
        name ??= this.names.getName(node);
        if (!name) {
            throw new Error(`Node at path ${this.locator.getAstNodePath(node)} has no name.`);
        }
        return new DefinitionDescription(node, name, doc.uri, this.locator, this.names);
    }
}

// Plain fields, and the three worked out when first read as getters of the class (an object literal with getters is
// made field by field, far slower than a class).
class DefinitionDescription implements AstNodeDescription {
    readonly type: string;
    private knownPath: string | undefined;
    private knownSelection: DocumentSegment | undefined | null = null;
    private knownName: DocumentSegment | undefined | null = null;

    constructor(
        readonly node: AstNode,
        readonly name: string,
        readonly documentUri: URI,
        private readonly locator: AstNodeLocator,
        private readonly names: NameProvider
    ) {
        this.type = node.$type;
    }

    get path(): string {
        return (this.knownPath ??= this.locator.getAstNodePath(this.node));
    }

    get selectionSegment(): DocumentSegment | undefined {
        if (this.knownSelection === null) {
            this.knownSelection = CstUtils.toDocumentSegment(this.node.$cstNode);
        }
        return this.knownSelection;
    }

    get nameSegment(): DocumentSegment | undefined {
        if (this.knownName === null) {
            this.knownName = CstUtils.toDocumentSegment(this.names.getNameNode(this.node) ?? this.node.$cstNode);
        }
        return this.knownName;
    }
}

/**
 * Langium's descriptions of a file's references, the same ones in the same order, with where each reference is
 * (its position) and the path of the node holding it worked out when first read: Langium computed both for each of
 * the 18,000 references of the 43-force workspace, for find-references and rename. The file's nodes are walked
 * once, without a stream per node, and the cancel token is looked at only when there is one.
 */
export class GdlReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    private readonly properties: ReferenceProperties;

    constructor(services: LangiumServices) {
        super(services);
        this.properties = new ReferenceProperties(services.shared.AstReflection);
    }

    override async createDescriptions(
        document: LangiumDocument,
        cancelToken: CancellationToken = Cancellation.CancellationToken.None
    ): Promise<ReferenceDescription[]> {
        const descriptions: ReferenceDescription[] = [];
        const cancellable = cancelToken !== Cancellation.CancellationToken.None;
        const sourceUri = document.uri;
        const locator = this.nodeLocator;
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            if (cancellable) {
                await interruptAndCheck(cancelToken);
            }
            forEachReference(node, this.properties.of(node.$type), ({ reference, container }) =>
                describe(reference, container, sourceUri, locator, descriptions)
            );
        }
        return descriptions;
    }
}

// Langium's createInfoDescriptions, for a reference that resolved.
function describe(
    reference: Reference | MultiReference,
    container: AstNode,
    sourceUri: LangiumDocument['uri'],
    locator: AstNodeLocator,
    into: ReferenceDescription[]
): void {
    if (reference.error || !reference.$refNode) {
        return;
    }
    const targets = targetsOf(reference);
    if (targets.length === 0) {
        return;
    }
    const refNode = reference.$refNode as CstNode;
    const source = new ReferenceSource(container, refNode, locator);
    for (const target of targets) {
        into.push(new TargetDescription(source, sourceUri, target, UriUtils.equals(target.documentUri, sourceUri)));
    }
}

// Where a reference is, shared by the descriptions of its targets (a reference to several has one each).
class ReferenceSource {
    private knownPath: string | undefined;
    private knownSegment: DocumentSegment | undefined;

    constructor(
        private readonly container: AstNode,
        private readonly refNode: CstNode,
        private readonly locator: AstNodeLocator
    ) {}

    get path(): string {
        return (this.knownPath ??= this.locator.getAstNodePath(this.container));
    }

    get segment(): DocumentSegment {
        return (this.knownSegment ??= CstUtils.toDocumentSegment(this.refNode));
    }
}

class TargetDescription implements ReferenceDescription {
    constructor(
        private readonly source: ReferenceSource,
        readonly sourceUri: URI,
        private readonly target: AstNodeDescription,
        readonly local: boolean
    ) {}

    get sourcePath(): string {
        return this.source.path;
    }

    get targetUri(): URI {
        return this.target.documentUri;
    }

    get targetPath(): string {
        return this.target.path;
    }

    get segment(): DocumentSegment {
        return this.source.segment;
    }
}
