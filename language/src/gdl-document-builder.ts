import { DefaultDocumentBuilder, type LangiumDocument } from 'langium';
import { Codes } from './validation/diagnostic-codes.js';
import * as ast from './generated/ast.js';

/**
 * Coverage is a property of the whole workspace: an edit to any guidance, training or plan file can
 * change what a framework document reports, even though the framework does not reference the
 * edited file. Langium relinks and revalidates only documents that reference a changed one, so
 * documents holding a framework are always rebuilt, and so are documents reporting a duplicate id.
 */
export class GdlDocumentBuilder extends DefaultDocumentBuilder {
    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        return holdsFramework(document) || reportsDuplicateIds(document) || super.shouldRelink(document, changedUris);
    }
}

// A duplicate id reported here may have been resolved by removing the other definition elsewhere.
function reportsDuplicateIds(document: LangiumDocument): boolean {
    return (document.diagnostics ?? []).some(d => d.code === Codes['duplicate-id'].code);
}

function holdsFramework(document: LangiumDocument): boolean {
    const root = document.parseResult.value;
    return ast.isGdlFile(root) && root.elements.some(ast.isFramework);
}
