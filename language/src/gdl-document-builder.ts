import { DefaultDocumentBuilder, type LangiumDocument } from 'langium';
import * as ast from './generated/ast.js';

/**
 * Coverage is a property of the whole workspace: an edit to any guidance, training or plan file can
 * change what a framework document reports, even though the framework does not reference the
 * edited file. Langium relinks and revalidates only documents that reference a changed one, so
 * documents holding a framework are always rebuilt.
 */
export class GdlDocumentBuilder extends DefaultDocumentBuilder {
    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        return holdsFramework(document) || super.shouldRelink(document, changedUris);
    }
}

function holdsFramework(document: LangiumDocument): boolean {
    const root = document.parseResult.value;
    return ast.isGdlFile(root) && root.elements.some(ast.isFramework);
}
