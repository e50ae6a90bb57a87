import type { LangiumDocument } from 'langium';
import * as ast from './generated/ast.js';

/** Whether a document declares, at its top level, an element of a kind: `declares(document, ast.isFramework)`. */
export function declares(document: LangiumDocument, is: (element: ast.Element) => boolean): boolean {
    const root = document.parseResult.value;
    return ast.isGdlFile(root) && root.elements.some(is);
}
