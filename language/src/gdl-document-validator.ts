import { DefaultDocumentValidator, DocumentValidator, type LangiumDocument, type ValidationOptions } from 'langium';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import type { LangiumServices } from 'langium/lsp';
import { Codes } from './diagnostic-codes.js';
import { nearest } from './nearest.js';

const referenceKinds: Record<string, string> = {
    addresses: 'evidence requirement', recommendation: 'recommendation', see: 'section', cites: 'provision',
    audiences: 'audience', maps: 'curriculum outcome', assesses: 'learning outcome', supports: 'learning outcome',
    modules: 'training module', links: 'guidance, section, module or outcome', framework: 'framework'
};

// What the grammar's token names mean to a writer.
const tokenNames: Record<string, string> = {
    REQ_ID: 'an evidence requirement number (like 12.3)', ID: 'an id', STRING: 'a quoted "text"', PROSE: 'a """prose""" block',
    DATE: 'a date (YYYY-MM-DD)', INT: 'a whole number', EOF: 'the end of the file'
};

/** Rewrites the parser's "Expecting token of type 'REQ_ID'" in the words a guidance writer uses. */
export function readableSyntaxMessage(text: string): string {
    const lexing = /^unexpected character: ->(.)<- at offset: \d+, skipped (\d+) characters?\.$/.exec(text);
    if (lexing) {
        return `Unexpected character '${lexing[1]}'.`;
    }
    return text
        .replace(/Expecting token of type '(\w+)'/g, (_, name: string) => `Expected ${tokenNames[name] ?? `'${name}'`}`)
        .replace(/token of type '(\w+)'/g, (_, name: string) => tokenNames[name] ?? `'${name}'`)
        .replace(/\s+/g, ' ')
        .trim();
}

/**
 * Gives Langium's own syntax and linking diagnostics a stable GDL code and a writer's message
 * ("unknown evidence requirement '12.9' — did you mean 12.3?").
 */
export class GdlDocumentValidator extends DefaultDocumentValidator {
    private readonly services: LangiumServices;

    constructor(services: LangiumServices) {
        super(services);
        this.services = services;
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        // A recovered parse tree yields nonsense semantic errors ("section 'undefined' has no owner"):
        // until the text parses, report only what is wrong with the syntax.
        const diagnostics = await super.validateDocument(document, { stopAfterLexingErrors: true, stopAfterParsingErrors: true, ...options }, cancelToken);
        for (const diagnostic of diagnostics) {
            const internal = (diagnostic.data as { code?: string } | undefined)?.code;
            if (internal === DocumentValidator.LexingError || internal === DocumentValidator.ParsingError) {
                diagnostic.code = Codes['syntax-error'].code;
                diagnostic.message = readableSyntaxMessage(diagnostic.message);
            } else if (internal === DocumentValidator.LinkingError) {
                diagnostic.code = Codes['unresolved-reference'].code;
                const suggestion = this.suggestionFor(diagnostic);
                diagnostic.message = this.linkingMessage(diagnostic, suggestion);
                diagnostic.data = { ...(diagnostic.data as object), suggestion };
            }
        }
        return diagnostics;
    }

    private suggestionFor(diagnostic: Diagnostic): string | undefined {
        const data = diagnostic.data as { property?: string; refText?: string; containerType?: string };
        return nearest(data.refText ?? '', this.candidatesFor(data.containerType, data.property));
    }

    private linkingMessage(diagnostic: Diagnostic, suggestion: string | undefined): string {
        const data = diagnostic.data as { property?: string; refText?: string };
        const kind = referenceKinds[data.property ?? ''] ?? 'item';
        return `Unknown ${kind} '${data.refText ?? ''}'${suggestion ? `; did you mean '${suggestion}'?` : '.'}`;
    }

    private candidatesFor(containerType: string | undefined, property: string | undefined): string[] {
        if (!containerType || !property) {
            return [];
        }
        try {
            const type = this.services.shared.AstReflection.getReferenceType({ container: { $type: containerType }, property, reference: { $refText: '' } } as never);
            return this.services.shared.workspace.IndexManager.allElements(type).map(d => d.name).toArray();
        } catch {
            return [];
        }
    }
}
