import { DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';
import { smallest } from './arrays.js';

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
        if (rule.name === 'STRING') {
            return convertQuoted(input);
        }
        return super.runConverter(rule, input, cstNode);
    }
}

const escapes: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '0': '\0' };

/**
 * A quoted string's value, by Langium's rule (a backslash takes the next character as it is, or as its escape: \n, \t,
 * …), built from slices of the token joined once. Langium's own converter adds one character at a time, which V8
 * keeps as a tree of one node per character: a 400-character requirement text took about 13 KB instead of 400 bytes.
 */
export function convertQuoted(input: string): string {
    const end = input.length - 1;
    let escape = input.indexOf('\\', 1);
    if (escape === -1 || escape >= end) {
        return input.slice(1, end);
    }
    const pieces: string[] = [];
    let from = 1;
    while (escape !== -1 && escape < end) {
        const next = input.charAt(escape + 1);
        pieces.push(input.slice(from, escape), escapes[next] ?? next);
        from = escape + 2;
        escape = input.indexOf('\\', from);
    }
    pieces.push(input.slice(from, Math.max(from, end)));
    return pieces.join('');
}

/** Removes the common indentation and the surrounding blank lines of a prose block. */
export function dedentProse(raw: string): string {
    // Without the offsets: the parser converts every prose block, and an offset per character was most of its garbage.
    return dedentLines(raw, false).text;
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
    return dedentLines(raw, true);
}

function dedentLines(raw: string, withOffsets: boolean): DedentedProse {
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
    const common = smallest(indents);
    // Joined once, not added line by line (see convertQuoted: a string built piece by piece is kept as a tree).
    const kept: string[] = [];
    const offsets: number[] = [];
    lines.forEach((line, index) => {
        if (index > 0 && withOffsets) {
            // The line break joining this line to the one before: where that line ended in the raw text.
            const previous = lines[index - 1]!;
            offsets.push(previous.start + previous.text.length);
        }
        const cut = Math.min(common, indentOf(line.text));
        const text = line.text.slice(cut).trimEnd();
        for (let i = 0; withOffsets && i < text.length; i++) {
            offsets.push(line.start + cut + i);
        }
        kept.push(text);
    });
    const text = kept.join('\n');
    if (withOffsets) {
        const end = lines.length > 0 ? lines[lines.length - 1]!.start + lines[lines.length - 1]!.text.length : 0;
        offsets.push(end);
    }
    return { text, offsets };
}
