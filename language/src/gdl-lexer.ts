import { DefaultLexer, DefaultTokenBuilder, type GrammarAST, type LexerResult, type TokenizeOptions } from 'langium';
import type { TokenType } from 'chevrotain';
import { message } from './validation/diagnostic-codes.js';
import { MAX_NESTING } from './nesting-limit.js';

/** The message of the lexing error that stops a file nested past the limit (the validator gives it code GDL0007). */
export const NESTING_MESSAGE = message('nesting-too-deep', { what: 'Blocks are nested', limit: MAX_NESTING });

/**
 * The parser descends once per nested block and would overflow the stack on a file nested
 * thousands deep. The lexer's tokens show the depth before the parser runs: past the limit, the file
 * is not parsed at all, and the one problem reported is where the limit was passed.
 */
export class GdlLexer extends DefaultLexer {
    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        let depth = 0;
        for (const token of result.tokens) {
            const name = token.tokenType.name;
            if (name === '{') {
                depth++;
                if (depth > MAX_NESTING) {
                    const error = {
                        offset: token.startOffset,
                        length: 1,
                        line: token.startLine,
                        column: token.startColumn,
                        message: NESTING_MESSAGE
                    };
                    return { ...result, tokens: [], hidden: [], errors: [error] };
                }
            } else if (name === '}') {
                depth = Math.max(0, depth - 1);
            }
        }
        return result;
    }
}

/**
 * Builds the grammar's tokens, with one change: a quoted string is matched by a scan, not by its regular expression.
 * The grammar's `/"(\\.|[^"\\\r\n])*"/` takes V8's regular-expression engine a step of its backtracking stack per
 * character, and a string of about 4 MB (a pasted data: address, a document in one line) or of a few million
 * escapes overflowed it: "internal error: Maximum call stack size exceeded" for the whole check. The scan accepts
 * exactly what the expression does: a quote, then characters other than a quote, a backslash or a line break, or a
 * backslash and any character but a line terminator, then a quote.
 */
export class GdlTokenBuilder extends DefaultTokenBuilder {
    protected override buildTerminalToken(terminal: GrammarAST.TerminalRule): TokenType {
        const token = super.buildTerminalToken(terminal);
        if (terminal.name !== 'STRING') {
            return token;
        }
        return { ...token, PATTERN: { exec: matchQuoted }, START_CHARS_HINT: ['"'], LINE_BREAKS: false };
    }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
// What `.` does not match in a JavaScript regular expression, and what `[^"\\\r\n]` leaves out besides.
const isLineTerminator = (code: number) => code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;

// The last scan that failed: every quote between its start and where it failed fails too. Inside a failed scan each
// quote was escaped, so a scan from it goes on from the next character exactly as the failed one did; without this,
// a line of n escaped quotes never closed (a lexing error the lexer recovers from one character at a time) took n²
// steps: 40,000 took 2.7 s.
let failed: { text: string; from: number; until: number } | undefined;

/** The quoted string starting at `offset` in `text`, as a match (the token's text at [0]), or null. */
export function matchQuoted(text: string, offset: number): [string] | null {
    if (text.charCodeAt(offset) !== QUOTE) {
        return null;
    }
    if (failed && offset > failed.from && offset < failed.until && failed.text === text) {
        return null;
    }
    const fail = (until: number) => {
        failed = { text, from: offset, until };
        return null;
    };
    for (let at = offset + 1; at < text.length; at++) {
        const code = text.charCodeAt(at);
        if (code === QUOTE) {
            return [text.slice(offset, at + 1)];
        }
        if (code === 0x0a || code === 0x0d) {
            return fail(at);
        }
        if (code === BACKSLASH) {
            if (at + 1 >= text.length || isLineTerminator(text.charCodeAt(at + 1))) {
                return fail(at + 1);
            }
            at++;
        }
    }
    return fail(text.length);
}
