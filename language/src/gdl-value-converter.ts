import { DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';

/**
 * Converts triple-quoted prose: strips the quotes, the first and last line breaks, and the
 * indentation common to every non-blank line, so prose can be indented with the code around it.
 */
export class GdlValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'PROSE') {
            // A run of quotes in the text is written with a backslash before its third quote (it would end the block).
            return dedentProse(input.slice(3, -3)).replace(/""\\"/g, '"""');
        }
        return super.runConverter(rule, input, cstNode);
    }
}

/** Removes the common indentation and the surrounding blank lines of a prose block. */
export function dedentProse(raw: string): string {
    const lines = raw.replace(/\r\n?/g, '\n').split('\n');
    while (lines.length > 0 && lines[0]!.trim() === '') {
        lines.shift();
    }
    while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') {
        lines.pop();
    }
    const indents = lines.filter(l => l.trim() !== '').map(l => /^[ \t]*/.exec(l)![0].length);
    const common = indents.length > 0 ? Math.min(...indents) : 0;
    return lines.map(l => l.slice(Math.min(common, /^[ \t]*/.exec(l)![0].length)).trimEnd()).join('\n');
}
