import { DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';

/**
 * Converts triple-quoted prose: strips the quotes, the first and last line breaks, and the
 * indentation common to every non-blank line, so prose can be indented with the code around it.
 * Quoted strings are converted as Langium converts them, into flat strings (see {@link convertString}).
 */
export class GdlValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'PROSE') {
            // A run of quotes in the text is written with a backslash before its third quote (it would end the block).
            return dedentProse(input.slice(3, -3)).replace(/""\\"/g, '"""');
        }
        if (rule.name === 'STRING') {
            return convertString(input);
        }
        return super.runConverter(rule, input, cstNode);
    }
}

const escapes: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', 0: '\0' };

/**
 * A quoted string's value, exactly as Langium's `ValueConverter.convertString` gives it (the quotes dropped; a
 * backslash and the character after it become that character, or the control character `\n`, `\t`… names), but
 * built from whole runs of text. Langium appends one character at a time, which in V8 makes a chain of one
 * concatenation object per character (32 bytes each): every text of a file held in its syntax tree as such a
 * chain took half the heap of a parsed file (88 of 169 MB for a 5 MB file), kept the garbage collector busy for
 * the whole build, and was flattened only when a check first read the text (two seconds for a 20 MB file).
 */
export function convertString(input: string): string {
    const end = input.length - 1;
    const parts: string[] = [];
    let from = 1;
    for (let at = input.indexOf('\\', from); at >= 0 && at < end; at = input.indexOf('\\', from)) {
        const escaped = input.charAt(at + 1);
        parts.push(input.substring(from, at), escapes[escaped] ?? escaped);
        from = at + 2;
    }
    if (from < end) {
        parts.push(input.substring(from, end));
    }
    return parts.join('');
}

/** Removes the common indentation and the surrounding blank lines of a prose block. */
export function dedentProse(raw: string): string {
    return dedentProseWithOffsets(raw).text;
}

/** A prose block's text as {@link dedentProse} gives it, and for each of its characters the offset in the raw block it came from. */
export interface DedentedProse {
    readonly text: string;
    /** `offsets[i]` is the offset in the raw text of character `i` (a line break: where the raw line ends); one entry past the end. */
    readonly offsets: readonly number[];
}

/**
 * The one rule for stripping a prose block (line breaks CRLF, CR or LF; indentation in spaces or tabs, counted
 * in characters), with where each character was: a finding in the text maps back to the exact column in the file.
 */
export function dedentProseWithOffsets(raw: string): DedentedProse {
    let lines: Array<{ start: number; text: string }> = [];
    const breaks = /\r\n?|\n/g;
    let start = 0;
    for (let m = breaks.exec(raw); m; m = breaks.exec(raw)) {
        lines.push({ start, text: raw.slice(start, m.index) });
        start = m.index + m[0].length;
    }
    lines.push({ start, text: raw.slice(start) });
    let first = 0;
    let last = lines.length;
    while (first < last && lines[first]!.text.trim() === '') {
        first++;
    }
    while (last > first && lines[last - 1]!.text.trim() === '') {
        last--;
    }
    lines = lines.slice(first, last);
    const indentOf = (line: string) => /^[ \t]*/.exec(line)![0].length;
    const indents = lines.filter(l => l.text.trim() !== '').map(l => indentOf(l.text));
    const common = indents.length > 0 ? Math.min(...indents) : 0;
    let text = '';
    const offsets: number[] = [];
    lines.forEach((line, index) => {
        if (index > 0) {
            // The line break joining this line to the one before: where that line ended in the raw text.
            const previous = lines[index - 1]!;
            offsets.push(previous.start + previous.text.length);
            text += '\n';
        }
        const cut = Math.min(common, indentOf(line.text));
        const kept = line.text.slice(cut).trimEnd();
        for (let i = 0; i < kept.length; i++) {
            offsets.push(line.start + cut + i);
        }
        text += kept;
    });
    const end = lines.length > 0 ? lines[lines.length - 1]!.start + lines[lines.length - 1]!.text.length : 0;
    offsets.push(end);
    return { text, offsets };
}
