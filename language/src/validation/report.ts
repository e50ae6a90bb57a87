import { AstUtils, type AstNode, type CstNode, type DiagnosticInfo, type Reference, type ValidationAcceptor } from 'langium';
import type { Range } from 'vscode-languageserver';
import { Codes, message, type CodeName } from './diagnostic-codes.js';

/**
 * Reports a catalogued problem: the message, the code and (unless the check is told otherwise, as
 * the configurable coverage severity is) the severity all come from the catalogue. Quick-fix data
 * carries the code too, so a code action can tell which problem it is fixing.
 */
export function report<N extends AstNode>(
    accept: ValidationAcceptor,
    name: CodeName,
    args: Record<string, string | number>,
    where: DiagnosticInfo<N>,
    severity: 'error' | 'warning' | 'info' | 'hint' = Codes[name].severity
): void {
    const code = Codes[name].code;
    const data: unknown = where.data;
    accept(severity, message(name, args), { ...where, code, ...(data && typeof data === 'object' ? { data: { code, ...data } } : {}) });
}

/** The targets a list of references resolves to, each with its index in the list (where a problem on that one reference is reported). */
export function resolvedTargets<T extends AstNode>(refs: ReadonlyArray<Reference<T>>): Array<[T, number]> {
    return refs.flatMap((ref, index) => (ref.ref ? [[ref.ref, index] as [T, number]] : []));
}

/** The resolved targets of a list of references that lie outside `container` (another recommendation's requirement, another module's outcome). */
export function targetsOutside<T extends AstNode>(refs: ReadonlyArray<Reference<T>>, container: AstNode | undefined): Array<[T, number]> {
    return container ? resolvedTargets(refs).filter(([target]) => target.$container !== container) : [];
}

/** The range of characters `start` to `end` of a token's text as written (a word inside a string or a prose block), to report a problem at that word. */
export function rangeInToken(token: CstNode, start: number, end: number): Range {
    const text = AstUtils.getDocument(token.astNode).textDocument;
    return { start: text.positionAt(token.offset + start), end: text.positionAt(token.offset + end) };
}
