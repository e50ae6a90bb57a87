import type { AstNode, DiagnosticInfo, ValidationAcceptor } from 'langium';
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
