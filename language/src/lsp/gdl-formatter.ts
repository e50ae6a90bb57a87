import { AstUtils, CstUtils, GrammarAST, GrammarUtils, isLeafCstNode, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import {
    AbstractFormatter,
    Formatting,
    type FormattingAction,
    type FormattingContext,
    type FormattingMove,
    type LangiumServices
} from 'langium/lsp';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver';

/**
 * The grammar elements that begin a line inside a `{ }` block, read from the grammar: for every rule
 * with a block, each clause that may follow its `{` — the keyword that starts a property
 * (`('owner' owner=STRING)`), a nested element (`sections+=Section`), a bare value such as prose
 * (`summary=PROSE`). Fragments called there (`fragment Governance: ...`) are read as if written in place.
 */
export function collectLineStarts(grammar: GrammarAST.Grammar): Set<GrammarAST.AbstractElement> {
    const starts = new Set<GrammarAST.AbstractElement>();
    for (const rule of grammar.rules.filter(GrammarAST.isParserRule)) {
        const opens = AstUtils.streamAst(rule.definition).filter(
            (e): e is GrammarAST.Keyword => GrammarAST.isKeyword(e) && e.value === '{'
        );
        for (const open of opens) {
            const group: AstNode = open.$container;
            if (GrammarAST.isGroup(group)) {
                for (const element of group.elements.slice(group.elements.indexOf(open) + 1)) {
                    addClauses(element, starts, new Set());
                }
            }
        }
    }
    return starts;
}

function addClauses(
    element: GrammarAST.AbstractElement,
    starts: Set<GrammarAST.AbstractElement>,
    fragments: Set<GrammarAST.ParserRule>
): void {
    const called = GrammarAST.isRuleCall(element) ? element.rule.ref : undefined;
    if (GrammarAST.isAlternatives(element) || GrammarAST.isUnorderedGroup(element)) {
        element.elements.forEach(e => addClauses(e, starts, fragments));
    } else if (GrammarAST.isGroup(element)) {
        const first = element.elements[0];
        if (GrammarAST.isKeyword(first)) {
            starts.add(first); // a property: only its keyword starts the line
        } else {
            element.elements.forEach(e => addClauses(e, starts, fragments)); // clauses one after another
        }
    } else if (GrammarAST.isParserRule(called) && called.fragment) {
        if (!fragments.has(called)) {
            fragments.add(called);
            addClauses(called.definition, starts, fragments);
        }
    } else if (!(GrammarAST.isKeyword(element) && element.value === '}')) {
        starts.add(element); // an assignment (a nested element or a bare value), a lone keyword or rule call
    }
}

/** The keywords of the grammar that begin a line inside a block (`owner`, `addresses`, ...). */
export function lineStartKeywords(starts: ReadonlySet<GrammarAST.AbstractElement>): Set<string> {
    const keywords = new Set<string>();
    for (const start of starts) {
        const keyword = GrammarAST.isAssignment(start) ? start.terminal : start;
        if (GrammarAST.isKeyword(keyword)) {
            keywords.add(keyword.value);
        }
    }
    return keywords;
}

/** One or two line breaks (at most one blank line kept), indented `tabs` deeper than the enclosing line. */
function lineBreak(tabs: number): FormattingAction {
    return {
        options: {},
        moves: [
            { lines: 1, tabs },
            { lines: 2, tabs }
        ]
    };
}

/** Exactly one line break, indented `tabs` deeper than the enclosing line. */
function newLine(tabs: number): FormattingAction {
    return { options: {}, moves: [{ lines: 1, tabs }] };
}

/** Around a comment: a line break as above if there was one, otherwise a space if there was any. */
function besideComment(tabs: number): FormattingAction {
    return { options: { allowLess: true }, moves: [{ characters: 1 }, { lines: 1, tabs }, { lines: 2, tabs }] };
}

/** A space, or, where the writer broke the line, a continuation line one level deeper. */
function spaceOrContinuation(tabs: number): FormattingAction {
    return Formatting.fit(Formatting.oneSpace(), { options: {}, moves: [{ lines: 1, tabs: tabs + 1 }] });
}

/** Tokens written without a space before them. */
const closeUp = ['%', ',', '.'];

const isKeyword = (cst: CstNode, ...values: string[]) =>
    GrammarAST.isKeyword(cst.grammarSource) && values.includes(cst.grammarSource.value);

/**
 * Lays a file out in the canonical form: blocks indented by four spaces, one property per line, a
 * space after commas, at most one blank line kept. It only ever changes whitespace between tokens,
 * so prose inside """ """ and comments are left exactly as written. What begins a line inside a
 * block is read from the grammar ({@link collectLineStarts}).
 */
export class GdlFormatter extends AbstractFormatter {
    private readonly lineStarts: ReadonlySet<GrammarAST.AbstractElement>;

    /** The keywords that begin a line inside a block. */
    readonly propertyKeywords: ReadonlySet<string>;

    constructor(services: LangiumServices) {
        super();
        this.lineStarts = collectLineStarts(services.Grammar);
        this.propertyKeywords = lineStartKeywords(this.lineStarts);
    }

    protected override format(node: AstNode): void {
        const cst = node.$cstNode;
        if (!cst) {
            return;
        }
        const formatter = this.getNodeFormatter(node);
        const inBlock = inBlockOf(cst);
        const isFile = node.$container === undefined;
        // Langium indents a nested element by the tabs given where it starts; for a node on a line of
        // its own that is every brace around it, for one inside a line (a duration) not the enclosing block's.
        const base = this.unindentedBraces(node);
        const tokens = ownTokens(cst);
        // The gap before the first token belongs to the enclosing node (or, at the start of the file, to no one).
        for (let i = 1; i < tokens.length; i++) {
            const previous = tokens[i - 1]!;
            const token = tokens[i]!;
            const depth = base + (inBlock(token) ? 1 : 0);
            const startsLine = isFile || this.startsLine(token, cst);
            // A nested element on its own line carries its indentation to everything inside it; other tokens only to themselves.
            const region = startsLine || isLeafCstNode(token) ? formatter.cst([token]) : formatter.cst([firstLeaf(token)]);
            if (previous.hidden || token.hidden) {
                region.prepend(besideComment(depth));
            } else if (isKeyword(token, '}')) {
                region.prepend(newLine(depth));
            } else if (isKeyword(token, ...closeUp) || isKeyword(previous, '.')) {
                region.prepend(Formatting.noSpace());
            } else if (startsLine) {
                region.prepend(lineBreak(depth));
            } else if (isKeyword(previous, ',')) {
                region.prepend(Formatting.oneSpace());
            } else {
                region.prepend(spaceOrContinuation(depth));
            }
        }
    }

    /** Whether the token (or the value or element it begins) is a clause that begins a line of a block. */
    private startsLine(token: CstNode, owner: CstNode): boolean {
        for (let cst: CstNode | undefined = token; cst && cst !== owner && cst.offset === token.offset; cst = cst.container) {
            const source = cst.grammarSource;
            const assignment = AstUtils.getContainerOfType(source, GrammarAST.isAssignment);
            if ((source && this.lineStarts.has(source)) || (assignment && this.lineStarts.has(assignment))) {
                return true;
            }
        }
        return false;
    }

    /** Braces around the node that the indentation Langium carries into it does not count. */
    private unindentedBraces(node: AstNode): number {
        const container = node.$container;
        if (!container?.$container || !container.$cstNode || !node.$cstNode || this.startsLine(node.$cstNode, container.$cstNode)) {
            return 0; // the file, a top-level element, or an element on its own line
        }
        return this.unindentedBraces(container) + (inBlockOf(container.$cstNode)(node.$cstNode) ? 1 : 0);
    }

    /** Ranges are formatted only in a file that parsed without errors, as whole files are. */
    protected override isFormatRangeErrorFree(document: LangiumDocument): boolean {
        return document.parseResult.lexerErrors.length === 0 && document.parseResult.parserErrors.length === 0;
    }

    protected override doDocumentFormat(document: LangiumDocument, options: FormattingOptions, range?: Range): TextEdit[] {
        return super.doDocumentFormat(document, { ...options, tabSize: options.tabSize || 4 }, range);
    }

    /**
     * Only the whitespace before a comment is laid out: Langium's default would also re-indent the
     * inner lines of a block comment, and would indent comments no formatting was given for. (After a
     * block comment, code on the same line keeps its spacing: Langium leaves that gap alone.)
     */
    protected override createHiddenTextEdits(
        previous: CstNode | undefined,
        hidden: CstNode,
        formatting: FormattingAction | undefined,
        context: FormattingContext
    ): TextEdit[] {
        if (!previous || !formatting) {
            return [];
        }
        const range = { start: previous.range.end, end: hidden.range.start };
        const move: FormattingMove | undefined = this.findFittingMove(range, formatting.moves, context);
        if (move?.lines !== undefined) {
            return [
                this.createLineTextEdit(
                    range,
                    move.lines,
                    { ...context, indentation: context.indentation + (move.tabs ?? 0) },
                    formatting.options
                )
            ];
        }
        if (move?.characters !== undefined && !previous.hidden) {
            return [this.createSpaceTextEdit(range, move.characters, formatting.options)];
        }
        return [];
    }
}

/**
 * The node's own tokens in order — its keywords, values and comments, including those of its data
 * type values (a qualified name) — and each element nested in it as one token.
 */
function ownTokens(cst: CstNode): CstNode[] {
    const tokens: CstNode[] = [];
    const iterator = CstUtils.streamCst(cst).iterator();
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
        const child = next.value;
        if (child === cst) {
            continue;
        }
        if (child.astNode !== cst.astNode) {
            tokens.push(child);
            iterator.prune();
        } else if (isLeafCstNode(child)) {
            tokens.push(child);
        }
    }
    return tokens;
}

/** Tells whether a token lies between the node's own `{` and `}`. */
function inBlockOf(owner: CstNode): (token: CstNode) => boolean {
    const open = GrammarUtils.findNodeForKeyword(owner, '{');
    const close = GrammarUtils.findNodeForKeyword(owner, '}');
    return token => open !== undefined && close !== undefined && token.offset > open.offset && token.offset < close.offset;
}

function firstLeaf(cst: CstNode): CstNode {
    return CstUtils.streamCst(cst).find(isLeafCstNode) ?? cst;
}
