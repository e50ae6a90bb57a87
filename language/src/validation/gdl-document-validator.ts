import {
    Cancellation,
    DefaultDocumentValidator,
    DocumentValidator,
    interruptAndCheck,
    isAstNode,
    type AstNode,
    type LangiumDocument,
    type ValidationAcceptor,
    type ValidationOptions
} from 'langium';
import { DiagnosticSeverity, type CancellationToken, type Diagnostic, type Position } from 'vscode-languageserver';
import type { LangiumServices } from 'langium/lsp';
import { Codes } from './diagnostic-codes.js';
import { NESTING_MESSAGE } from '../gdl-lexer.js';
import type { GdlServices } from '../gdl-module.js';
import { LEXING_STOPPED, PARSING_STOPPED } from '../gdl-parser.js';
import { nearest } from '../did-you-mean.js';
import { GdlValidationRegistry } from './gdl-validation-registry.js';

/**
 * The most problems reported for one file; past it, the errors first (then warnings, then the
 * rest), in position order, and one GDL0009 saying how many more there are. A file with more is
 * not GDL or badly damaged, and a bounded list keeps the output and the memory in proportion.
 */
export const MAX_PROBLEMS_PER_FILE = 100;

const referenceKinds: Record<string, string> = {
    addresses: 'evidence requirement',
    recommendation: 'recommendation',
    see: 'section',
    cites: 'provision',
    audiences: 'audience',
    maps: 'curriculum outcome',
    assesses: 'learning outcome',
    supports: 'learning outcome',
    modules: 'training module',
    links: 'guidance, section, module or outcome',
    framework: 'framework'
};

// What the grammar's token names mean to a writer.
const tokenNames: Record<string, string> = {
    REQ_ID: 'an evidence requirement number (like 12.3)',
    ID: 'an id',
    STRING: 'a quoted "text"',
    PROSE: 'a """prose""" block',
    DATE: 'a date (YYYY-MM-DD)',
    INT: 'a whole number',
    EOF: 'the end of the file'
};

/** Rewrites the parser's "Expecting token of type 'REQ_ID'" in the words a guidance writer uses. */
export function readableSyntaxMessage(text: string): string {
    const lexing = /^unexpected character: ->([\s\S])<- at offset: \d+, skipped (\d+) characters?\.$/.exec(text);
    if (lexing) {
        return `Unexpected character ${describeCharacter(lexing[1]!)}.`;
    }
    return text
        .replace(/Expecting token of type '(\w+)'/g, (_, name: string) => `Expected ${tokenNames[name] ?? `'${name}'`}`)
        .replace(/token of type '(\w+)'/g, (_, name: string) => tokenNames[name] ?? `'${name}'`)
        .replace(/\s+/g, ' ')
        .trim();
}

/**
 * A character as a writer can see it: quoted when it is visible, else by its code point (a control
 * character, a space other than the plain one, a byte-order mark or a lone surrogate would print
 * as nothing, or as a terminal command).
 */
export function describeCharacter(character: string): string {
    return /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(character) && character !== '\uFFFD'
        ? `'${character}'`
        : `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
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

    override async validateDocument(
        document: LangiumDocument,
        options?: ValidationOptions,
        cancelToken?: CancellationToken
    ): Promise<Diagnostic[]> {
        // A recovered parse tree yields nonsense semantic errors ("section 'undefined' has no owner"):
        // until the text parses, report only what is wrong with the syntax.
        const diagnostics = this.bounded(
            document,
            await super.validateDocument(document, { stopAfterLexingErrors: true, stopAfterParsingErrors: true, ...options }, cancelToken)
        );
        for (const diagnostic of diagnostics) {
            const internal = (diagnostic.data as { code?: string } | undefined)?.code;
            if (internal === DocumentValidator.LexingError && diagnostic.message === NESTING_MESSAGE) {
                diagnostic.code = Codes['nesting-too-deep'].code;
            } else if (internal === DocumentValidator.LexingError || internal === DocumentValidator.ParsingError) {
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

    /**
     * Langium's walk of the nodes, with each check called directly ({@link GdlValidationRegistry.run}) instead of
     * awaited through two async wrappers, and the nodes listed in one pass instead of streamed: the same checks, in
     * the same order, with the same problems. Cancellation is checked per node as Langium does, when there is a
     * token to check (the editor's builds; a command's build has none).
     */
    protected override async validateAstNodes(
        rootNode: AstNode,
        options: ValidationOptions,
        acceptor: ValidationAcceptor,
        cancelToken: CancellationToken = Cancellation.CancellationToken.None
    ): Promise<void> {
        const registry = this.validationRegistry;
        if (!(registry instanceof GdlValidationRegistry) || this.profiler?.isActive('validating')) {
            return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        }
        const cancellable = cancelToken !== Cancellation.CancellationToken.None;
        const nodes: AstNode[] = [rootNode];
        while (nodes.length > 0) {
            const node = nodes.pop()!;
            if (cancellable) {
                await interruptAndCheck(cancelToken);
            }
            const nodeOptions = this.validateSingleNodeOptions(node, options);
            if (nodeOptions.validateNode) {
                const checks = registry.checksFor(node.$type, options.categories);
                if (checks) {
                    for (const check of checks) {
                        const pending = registry.run(check, node, acceptor, cancelToken);
                        if (pending) {
                            await pending;
                        }
                    }
                } else {
                    for (const check of registry.getChecks(node.$type, options.categories)) {
                        await check(node, acceptor, cancelToken);
                    }
                }
            }
            if (nodeOptions.validateChildren) {
                pushChildrenReversed(node, nodes);
            }
        }
    }

    /**
     * Adds the file's encoding problems (GDL0008), drops the lexer's "unexpected U+FFFD" that they
     * explain, and keeps at most {@link MAX_PROBLEMS_PER_FILE} problems, then one GDL0009 saying
     * how many more there are and, when the parser gave up on the file, where it stopped reading.
     */
    private bounded(document: LangiumDocument, found: Diagnostic[]): Diagnostic[] {
        const encoding = (this.services as GdlServices).gdl.SourceTexts.diagnostics(document);
        const diagnostics = [...encoding];
        let stopped: Diagnostic | undefined;
        for (const diagnostic of found) {
            const internal = (diagnostic.data as { code?: string } | undefined)?.code;
            if (internal === DocumentValidator.LexingError || internal === DocumentValidator.ParsingError) {
                if (diagnostic.message === LEXING_STOPPED || diagnostic.message === PARSING_STOPPED) {
                    stopped = diagnostic;
                    continue;
                }
                if (encoding.length > 0 && diagnostic.message.startsWith('unexpected character: ->\uFFFD<-')) {
                    continue;
                }
            }
            diagnostics.push(diagnostic);
        }
        if (diagnostics.length <= MAX_PROBLEMS_PER_FILE && !stopped) {
            return diagnostics;
        }
        const bySeverity = [...diagnostics].sort(
            (a, b) => (a.severity ?? 1) - (b.severity ?? 1) || comparePositions(a.range.start, b.range.start)
        );
        const kept = bySeverity.slice(0, MAX_PROBLEMS_PER_FILE).sort((a, b) => comparePositions(a.range.start, b.range.start));
        const omitted = bySeverity.slice(MAX_PROBLEMS_PER_FILE);
        const parts: string[] = [];
        if (omitted.length > 0) {
            const counts = [
                [DiagnosticSeverity.Error, 'error'],
                [DiagnosticSeverity.Warning, 'warning'],
                [DiagnosticSeverity.Information, 'note'],
                [DiagnosticSeverity.Hint, 'hint']
            ] as const;
            const breakdown = counts
                .map(([severity, name]) => [omitted.filter(d => (d.severity ?? 1) === severity).length, name] as const)
                .filter(([count]) => count > 0)
                .map(([count, name]) => `${count} ${name}${count === 1 ? '' : 's'}`);
            parts.push(
                `…and ${omitted.length} more ${omitted.length === 1 ? 'problem' : 'problems'} in this file (${breakdown.join(', ')}): only the first ${MAX_PROBLEMS_PER_FILE} are shown, errors first.`
            );
        }
        if (stopped) {
            parts.push(
                `Too many syntax errors: this file was not read past here (line ${stopped.range.start.line + 1}), so the rest of it is not checked.`
            );
        }
        const text = document.textDocument;
        const at = stopped?.range.start ?? text.positionAt(text.getText().length);
        kept.push({
            severity: DiagnosticSeverity.Information,
            range: { start: at, end: at },
            code: Codes['too-many-problems'].code,
            message: parts.join(' '),
            source: stopped?.source ?? 'gdl'
        });
        return kept;
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
            const type = this.services.shared.AstReflection.getReferenceType({
                container: { $type: containerType },
                property,
                reference: { $refText: '' }
            } as never);
            return this.services.shared.workspace.IndexManager.allElements(type)
                .map(d => d.name)
                .toArray();
        } catch {
            return [];
        }
    }
}

/**
 * A node's children onto a stack, last first, so that popping gives Langium's order (`streamAst`: depth first, each
 * node's properties in order, a list's items in order; properties starting with `$` are not children).
 */
function pushChildrenReversed(node: AstNode, stack: AstNode[]): void {
    const start = stack.length;
    for (const property in node) {
        if (property.charCodeAt(0) === 36 /* $ */) {
            continue;
        }
        const value: unknown = (node as unknown as Record<string, unknown>)[property];
        if (isAstNode(value)) {
            stack.push(value);
        } else if (Array.isArray(value)) {
            for (const item of value) {
                if (isAstNode(item)) {
                    stack.push(item);
                }
            }
        }
    }
    // Reverse what was pushed, in place.
    for (let i = start, j = stack.length - 1; i < j; i++, j--) {
        const swap = stack[i]!;
        stack[i] = stack[j]!;
        stack[j] = swap;
    }
}

function comparePositions(a: Position, b: Position): number {
    return a.line - b.line || a.character - b.character;
}
