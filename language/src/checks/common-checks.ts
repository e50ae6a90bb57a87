import { AstUtils, GrammarUtils, type AstNode, type AstNodeLocator, type ValidationAcceptor } from 'langium';
import { Codes, message } from '../diagnostic-codes.js';
import type { WorkspaceFacts } from '../coverage-service.js';
import { isCalendarDate } from '../dates.js';
import { kindLabel } from '../gdl-names.js';
import * as ast from '../generated/ast.js';

const dateProperties = ['published', 'approved', 'reviewBy', 'updated', 'date'] as const;

/** Checks that apply to every kind of node: ids, repeated properties, dates. */
export class CommonChecks {
    constructor(private readonly facts: WorkspaceFacts, private readonly locator: AstNodeLocator) {}

    /** Runs once per document: every named definition must be unique in its namespace across the workspace. */
    idsMustBeUnique = (root: ast.GdlFile, accept: ValidationAcceptor): void => {
        const uri = AstUtils.getDocument(root).uri.toString();
        for (const node of AstUtils.streamAllContents(root)) {
            const name = (node as { name?: unknown }).name;
            if (typeof name !== 'string' || ast.isProvision(node)) {
                continue;
            }
            const definitions = this.facts.definitionsOf(node.$type, name);
            if (definitions.length < 2) {
                continue;
            }
            const path = this.locator.getAstNodePath(node);
            const other = definitions.find(d => d.documentUri.toString() !== uri || d.path !== path);
            if (!other) {
                continue;
            }
            const where = `${other.documentUri.path.split('/').pop()}:${(other.nameSegment?.range.start.line ?? 0) + 1}`;
            accept('error', message('duplicate-id', { kind: kindLabel(node), id: name, other: where }),
                { node, property: 'name' as never, code: Codes['duplicate-id'].code });
        }
    };

    /** A single-valued property written twice keeps only the last value. */
    propertiesShouldNotRepeat = (node: AstNode, accept: ValidationAcceptor): void => {
        if (!node.$cstNode) {
            return;
        }
        for (const [property, value] of Object.entries(node)) {
            if (property.startsWith('$') || Array.isArray(value) || value === undefined || typeof value === 'object') {
                continue;
            }
            const occurrences = GrammarUtils.findNodesForProperty(node.$cstNode, property);
            if (occurrences.length > 1) {
                accept('warning', message('duplicate-property', { property: keywordOf(property) }),
                    { node, range: occurrences[0]!.range, code: Codes['duplicate-property'].code });
            }
        }
    };

    /** Dates must be real calendar dates. */
    datesMustBeValid = (node: AstNode, accept: ValidationAcceptor): void => {
        for (const property of dateProperties) {
            const value = (node as unknown as Record<string, unknown>)[property];
            if (typeof value === 'string' && !isCalendarDate(value)) {
                accept('error', message('invalid-date', { date: value }), { node, property: property as never, code: Codes['invalid-date'].code });
            }
        }
    };

    /** The same id listed twice in one reference list is usually a typo. */
    referencesShouldNotRepeat = (node: AstNode, accept: ValidationAcceptor): void => {
        for (const [property, value] of Object.entries(node)) {
            if (property.startsWith('$') || !Array.isArray(value)) {
                continue;
            }
            const seen = new Set<string>();
            value.forEach((entry: unknown, index) => {
                if (entry && typeof entry === 'object' && '$refText' in entry) {
                    const text = (entry as { $refText: string }).$refText;
                    if (seen.has(text)) {
                        accept('warning', message('duplicate-reference', { id: text }), { node, property: property as never, index, code: Codes['duplicate-reference'].code });
                    }
                    seen.add(text);
                }
            });
        }
    };
}

// Writers see the keyword they typed (review-by), not the AST property name (reviewBy).
function keywordOf(property: string): string {
    return property === 'recipientText' ? 'recipient' : property.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`);
}
