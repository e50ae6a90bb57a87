import {
    AstUtils,
    DefaultScopeComputation,
    MultiMap,
    type AstNode,
    type AstNodeDescription,
    type LangiumDocument,
    type LocalSymbols
} from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { exportedName } from './gdl-names.js';

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
