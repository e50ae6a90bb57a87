import { AstUtils, CstUtils, type AstNode, type LangiumDocument } from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import {
    ErrorCodes,
    LSPErrorCodes,
    ResponseError,
    type PrepareRenameParams,
    type Range,
    type RenameParams,
    type WorkspaceEdit
} from 'vscode-languageserver';
import type { GdlServices } from '../gdl-module.js';
import { kindLabel } from '../gdl-names.js';
import * as ast from '../generated/ast.js';
import { definitionPlace } from '../id-index.js';
import { GDL_ID, gdlKeywords } from '../onboarding/gdl-text.js';

/**
 * Rename that refuses what must not be renamed, with a message the writer reads (the editor shows a
 * refused rename's message, on F2 already when it asks prepareRename): a framework's recommendations
 * and requirements, and an Act's provisions, are numbered by their source; a new id must be one the
 * grammar reads as an id and no other definition uses. A force's own ids are renamed across files
 * as before.
 */
export class GdlRenameProvider extends DefaultRenameProvider {
    constructor(private readonly services: GdlServices) {
        super(services);
    }

    override async prepareRename(document: LangiumDocument, params: PrepareRenameParams): Promise<Range | undefined> {
        const range = await super.prepareRename(document, params);
        const target = range && this.targetAt(document, params.position);
        if (target) {
            refuseSourceNumbered(target);
        }
        return range;
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const newName: unknown = (params as { newName?: unknown }).newName;
        if (typeof newName !== 'string' || newName.trim() === '') {
            throw new ResponseError(ErrorCodes.InvalidParams, 'Rename needs the new id: none was given.');
        }
        const target = this.targetAt(document, params.position);
        if (!target) {
            return undefined;
        }
        refuseSourceNumbered(target);
        const current = (target as { name?: unknown }).name;
        if (newName === current) {
            return { changes: {} };
        }
        this.refuseInvalid(target, newName);
        return super.rename(document, { ...params, newName });
    }

    /** The declaration renamed from a position: the one named there, or the one a reference there points to. */
    private targetAt(document: LangiumDocument, position: RenameParams['position']): AstNode | undefined {
        const root = document.parseResult.value.$cstNode;
        const leaf =
            root && CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(position), this.grammarConfig.nameRegexp);
        if (!leaf) {
            return undefined;
        }
        return this.references.findDeclarations(leaf)[0] ?? (this.isNameNode(leaf) ? leaf.astNode : undefined);
    }

    private refuseInvalid(target: AstNode, newName: string): void {
        if (!GDL_ID.test(newName)) {
            refuse(
                `'${newName}' is not a valid id: an id starts with a letter or _ and has only letters (A–Z, a–z), digits, _ and - (no spaces, quotes or dots).`
            );
        }
        if (gdlKeywords().has(newName)) {
            refuse(`'${newName}' is a word of the language (as in \`${newName} …\`) and cannot be an id: choose another.`);
        }
        const other = this.services.gdl.IdIndex.definitionsOf(target.$type, newName)[0];
        if (other) {
            const kind = other.node ? kindLabel(other.node) : other.type;
            refuse(`'${newName}' is already in use: ${kind} '${newName}' in ${definitionPlace(other)}. Choose another id.`);
        }
    }
}

/** The refusal of a rename, as the editor shows it. */
function refuse(message: string): never {
    throw new ResponseError(LSPErrorCodes.RequestFailed, message);
}

/** A framework's (or an Act's) numbering is its source's: the writer cites it, never renames it. */
function refuseSourceNumbered(target: AstNode): void {
    const name = String((target as { name?: unknown }).name ?? '');
    if (ast.isFramework(target)) {
        refuse(`${name} is the national framework: its id is the report's and cannot be renamed.`);
    }
    const framework = AstUtils.getContainerOfType(target, ast.isFramework);
    if (framework) {
        const what = ast.isEvidence(target)
            ? 'an evidence requirement'
            : ast.isRecommendation(target)
              ? 'a recommendation'
              : `a ${kindLabel(target).toLowerCase()}`;
        refuse(`${name} is ${what} of the national framework (${framework.name}): its number is the report's and cannot be renamed.`);
    }
    if (ast.isProvision(target)) {
        refuse(`${name} is a provision of ${target.$container.title}: its number is the Act's and cannot be renamed.`);
    }
}
