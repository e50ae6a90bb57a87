import { DefaultLexer, type LexerResult, type TokenizeOptions } from 'langium';
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
