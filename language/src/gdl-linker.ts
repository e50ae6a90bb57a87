import { AstUtils, Cancellation, DefaultLinker, interruptAndCheck, type LangiumDocument } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import type { CancellationToken } from 'vscode-languageserver';
import { forEachReference, ReferenceProperties } from './references-of.js';

/**
 * Langium's linker, linking the same references in the same order, but reading only the properties that can hold
 * one (most nodes have none) and without awaiting a check for cancellation at every node when there is no token to
 * check (a command's build; the editor's builds are cancellable and still checked at every node).
 */
export class GdlLinker extends DefaultLinker {
    private readonly properties: ReferenceProperties;

    constructor(services: LangiumServices) {
        super(services);
        this.properties = new ReferenceProperties(services.shared.AstReflection);
    }

    override async link(document: LangiumDocument, cancelToken: CancellationToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('linking')) {
            return super.link(document, cancelToken);
        }
        const cancellable = cancelToken !== Cancellation.CancellationToken.None;
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            if (cancellable) {
                await interruptAndCheck(cancelToken);
            }
            forEachReference(node, this.properties.of(node.$type), info => this.doLink(info, document));
        }
    }
}
