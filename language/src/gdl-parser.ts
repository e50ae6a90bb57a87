import type { ILexingError, IToken } from 'chevrotain';
import type { Range } from 'vscode-languageserver';
import {
    CstNodeBuilder,
    LeafCstNodeImpl,
    prepareLangiumParser,
    type CompositeCstNode,
    type GrammarAST,
    type LeafCstNode,
    type LangiumCoreServices,
    type LangiumParser,
    type Lexer,
    type LexerResult,
    type RootCstNode,
    type TokenizeOptions
} from 'langium';
import { append, replaceAt } from './arrays.js';

/**
 * How many syntax errors one file may raise before it is read no further. Garbage (20 MB of random
 * printable characters) raised over a million lexing errors and held 1.6 GB; a token soup made
 * the parser's error recovery run for hours. Past this many, the rest of the file is not read: the
 * document validator shows the first problems and says where reading stopped.
 */
export const MAX_SYNTAX_ERRORS = 100;

/** The message of the lexing error that marks where reading stopped (see {@link MAX_SYNTAX_ERRORS}). */
export const LEXING_STOPPED = `Reading stopped here after ${MAX_SYNTAX_ERRORS} unexpected characters.`;

/** The message of the parsing error that marks where parsing stopped (see {@link MAX_SYNTAX_ERRORS}). */
export const PARSING_STOPPED = `Parsing stopped here after ${MAX_SYNTAX_ERRORS} syntax errors.`;

/**
 * Langium's CST builder with its one superlinear step made linear. Before every token it places the
 * comments that precede it; for a node with no content yet it finds that node among its parent's
 * children with `indexOf`, a scan of every earlier sibling, and it does so even when there are no
 * comments to place. One file of 100,000 top-level declarations spent most of a minute there
 * (quadratic in the number of siblings). The node being built is always its parent's last child, so
 * nothing is searched when there is nothing to place, and `lastIndexOf` finds it at once otherwise.
 * The tree built is identical.
 */
export class GdlCstNodeBuilder extends CstNodeBuilder {
    override buildLeafNode(token: IToken, feature?: GrammarAST.AbstractElement): LeafCstNode {
        const leaf = new GdlLeafCstNode(token, !feature);
        leaf.grammarSource = feature;
        leaf.root = (this as unknown as { rootNode: RootCstNode }).rootNode;
        this.current.content.push(leaf);
        return leaf;
    }

    override addHiddenNodes(tokens: IToken[]): void {
        if (tokens.length === 0) {
            return;
        }
        const root = (this as unknown as { rootNode: RootCstNode }).rootNode;
        const nodes = tokens.map(token => {
            const leaf = new GdlLeafCstNode(token, true);
            leaf.root = root;
            return leaf;
        });
        let current: CompositeCstNode = this.current;
        if (current.content.length > 0) {
            append(current.content, nodes);
            return;
        }
        // A node with no content yet: the comments go before the nearest enclosing node that has an earlier sibling.
        while (current.container) {
            const index = current.container.content.lastIndexOf(current);
            if (index > 0) {
                replaceAt(current.container.content, index, 0, nodes);
                return;
            }
            current = current.container;
        }
        replaceAt(root.content, 0, 0, nodes);
    }
}

/**
 * A token's node in the syntax tree, holding its line and column as numbers and making its range (three objects)
 * when first asked: Langium makes every token's range as it parses, and V8 stored each position's column as a
 * number object of its own besides, so positions were a tenth of a parsed workspace's heap; most are never read.
 */
class GdlLeafCstNode extends LeafCstNodeImpl {
    private readonly startLine: number;
    private readonly startColumn: number;
    private readonly endLine: number;
    private readonly endColumn: number;
    private made?: Range;

    constructor(token: IToken, hidden: boolean) {
        super(token.startOffset, token.image.length, undefined as unknown as Range, token.tokenType, hidden);
        // Chevrotain's lines and columns are one-based, and its end column is the last character's (Langium's tokenToRange).
        this.startLine = token.startLine! - 1;
        this.startColumn = token.startColumn! - 1;
        this.endLine = token.endLine! - 1;
        this.endColumn = token.endColumn!;
    }

    override get range(): Range {
        this.made ??= {
            start: { character: this.startColumn, line: this.startLine },
            end: { character: this.endColumn, line: this.endLine }
        };
        return this.made;
    }
}

/** The parts of Langium's (pinned, 4.1.3) parser that {@link createGdlParser} replaces. */
interface ParserInternals {
    nodeBuilder: CstNodeBuilder;
    lexer: Lexer;
    lexerResult?: { hidden: IToken[] };
    wrapper: ChevrotainInternals;
    doParse(rule: unknown): unknown;
    extractHiddenTokens(token: IToken): IToken[];
}

/** The parts of chevrotain's (pinned, 11.0.3) parser that {@link stopParsingAfterTooManyErrors} uses. */
interface ChevrotainInternals {
    _errors: unknown[];
    tokVector: IToken[];
    tokVectorLength: number;
    currIdx: number;
    SAVE_ERROR(error: unknown): unknown;
    LA(howMuch: number): IToken;
}

/** Thrown from the lexer's error reporting to stop it; carries where it stopped. */
class LexingStopped extends Error {
    constructor(
        readonly offset: number,
        readonly line: number | undefined,
        readonly column: number | undefined
    ) {
        super(LEXING_STOPPED);
    }
}

/**
 * A lexer that stops after {@link MAX_SYNTAX_ERRORS} unexpected characters. Chevrotain reports each
 * one through the lexer's error message provider while it tokenizes; past the limit the provider
 * throws, and the text before that error is tokenized again (the same tokens and errors, as lexing
 * runs left to right), with one last error marking where reading stopped. A file within the limit
 * is tokenized once, exactly as before.
 */
function boundedLexer(lexer: Lexer, services: LangiumCoreServices): Lexer {
    const provider = services.parser.LexerErrorMessageProvider;
    const build = provider.buildUnexpectedCharactersMessage.bind(provider);
    let budget = Infinity;
    provider.buildUnexpectedCharactersMessage = (fullText, startOffset, length, line, column) => {
        if (--budget < 0) {
            throw new LexingStopped(startOffset, line, column);
        }
        return build(fullText, startOffset, length, line, column);
    };
    const tokenize = (text: string, options?: TokenizeOptions): LexerResult => {
        let stop: LexingStopped | undefined;
        for (;;) {
            budget = MAX_SYNTAX_ERRORS;
            try {
                const result = lexer.tokenize(stop ? text.slice(0, stop.offset) : text, options);
                if (stop) {
                    const error: ILexingError = {
                        offset: stop.offset,
                        length: 1,
                        line: stop.line,
                        column: stop.column,
                        message: LEXING_STOPPED
                    };
                    result.errors.push(error);
                }
                return result;
            } catch (error) {
                if (!(error instanceof LexingStopped) || (stop && error.offset >= stop.offset)) {
                    throw error;
                }
                stop = error;
            } finally {
                budget = Infinity;
            }
        }
    };
    return {
        get definition() {
            return lexer.definition;
        },
        tokenize
    };
}

/**
 * Makes the parser stop after {@link MAX_SYNTAX_ERRORS} errors: the tokens after the one it is
 * looking at are dropped, so it meets the end of the input and returns, and one more error marks
 * where it stopped.
 */
function stopParsingAfterTooManyErrors(wrapper: ChevrotainInternals): void {
    const save = wrapper.SAVE_ERROR.bind(wrapper);
    wrapper.SAVE_ERROR = (error: unknown): unknown => {
        const saved = save(error);
        if (wrapper._errors.length === MAX_SYNTAX_ERRORS) {
            // Located at the next token (Langium falls back to the previous one at the end of the input).
            wrapper._errors.push({
                name: 'MismatchedTokenException',
                message: PARSING_STOPPED,
                token: wrapper.LA(1),
                previousToken: wrapper.LA(0),
                resyncedTokens: [],
                context: { ruleStack: [], ruleOccurrenceStack: [] }
            });
            wrapper.tokVector = wrapper.tokVector.slice(0, Math.max(0, wrapper.currIdx + 1));
            wrapper.tokVectorLength = wrapper.tokVector.length;
        }
        return saved;
    };
}

/**
 * Langium's parser for GDL, with the two steps that are quadratic in the size of one file made
 * linear, and otherwise unchanged: the CST is built by {@link GdlCstNodeBuilder}, and the comments
 * preceding each token are taken from the lexer's list with a cursor, where Langium removes them
 * from the front of the list (`splice(0, i)`, a copy of every comment after them: 50,000 comments
 * in one file cost 3.6 s, 100,000 four times that). What is left when the parse ends is exactly
 * what Langium leaves (the trailing comments), so the tree is identical.
 */
export function createGdlParser(services: LangiumCoreServices): LangiumParser {
    const parser = prepareLangiumParser(services);
    const internals = parser as unknown as ParserInternals;
    internals.nodeBuilder = new GdlCstNodeBuilder();
    let taken = 0;
    internals.extractHiddenTokens = (token: IToken): IToken[] => {
        const hidden = internals.lexerResult?.hidden ?? [];
        let end = taken;
        while (end < hidden.length && hidden[end]!.startOffset <= token.startOffset) {
            end++;
        }
        const result = hidden.slice(taken, end);
        taken = end;
        return result;
    };
    const doParse = internals.doParse.bind(parser);
    internals.doParse = (rule: unknown): unknown => {
        taken = 0;
        try {
            return doParse(rule);
        } finally {
            // Langium then places what is left in the list: the comments after the last token.
            internals.lexerResult?.hidden.splice(0, taken);
            taken = 0;
        }
    };
    parser.finalize();
    internals.lexer = boundedLexer(internals.lexer, services);
    stopParsingAfterTooManyErrors(internals.wrapper);
    return parser;
}
