import { ValueConverter } from 'langium';
import { describe, expect, test } from 'vitest';
import { convertQuoted, dedentProse } from '../../language/src/gdl-value-converter.js';
import { shortened } from '../../language/src/wording.js';
import { MAX_NESTING, proseTooDeep, writtenProseMayNestTooDeep } from '../../language/src/nesting-limit.js';
import { atWordStarts } from '../../language/src/validation/provision-mentions.js';

// A quoted string's value is Langium's, built a cheaper way (issue 17: memory at scale); the proof is that they agree.
describe('quoted strings: the same value as Langium gives, without a tree of one-character pieces', () => {
    const cases = [
        '""',
        '"plain text of a requirement"',
        '"a \\"quoted\\" word"',
        '"C:\\\\folder\\\\file"',
        '"tab\\tand\\nline"',
        '"\\b\\f\\r\\v\\0\\q"',
        '"ends with a backslash quote \\""',
        '"\\\\"',
        '"\\""',
        '"é ü — “curly” \\u"'
    ];
    test.each(cases)('%s', input => {
        expect(convertQuoted(input)).toBe(ValueConverter.convertString(input));
    });

    test('random texts of letters, quotes, backslashes and escapes agree with Langium', () => {
        const alphabet = ['a', ' ', '\\', '"', 'n', 't', '0', 'x', '\n', '—'];
        let seed = 7;
        const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
        for (let run = 0; run < 2000; run++) {
            const body = Array.from({ length: Math.floor(next() * 30) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
            const input = `"${body}"`;
            expect(convertQuoted(input), JSON.stringify(input)).toBe(ValueConverter.convertString(input));
        }
    });
});

describe('prose blocks are joined once', () => {
    test('indentation, blank lines and CRLF as before', () => {
        expect(dedentProse('\n    First line\n      indented\r\n\n    last  \n  ')).toBe('First line\n  indented\n\nlast');
    });
});

describe('shortened: a long text flattens only as much as shows', () => {
    const long = `  Take   steps\tto ensure\n${'that victims are kept informed '.repeat(40)}`;
    test.each([20, 60, 61, 100])('at width %i, the same as flattening all of it', width => {
        const whole = long.replace(/\s+/g, ' ').trim();
        const space = whole.lastIndexOf(' ', width - 1);
        const cut = space > width / 2 ? whole.slice(0, space) : whole.slice(0, width - 1);
        expect(shortened(long, width)).toBe(`${cut.replace(/[\s,;:.]+$/, '')}…`);
    });
    test('a short text, or one that is long only in spaces, is kept whole', () => {
        expect(shortened('  a short text  ', 60)).toBe('a short text');
        expect(shortened(`a${' '.repeat(300)}b`, 60)).toBe('a b');
    });
});

// The citation check's Act names are searched without a leading look-behind (issue 17: it was most of the check's
// time on the example); the matches must be the look-behind's, alternative for alternative.
describe('atWordStarts gives what a leading (?<![\\p{L}\\p{N}]) gives', () => {
    const sources = [
        String.raw`PHA\s*1997`,
        String.raw`1997(?<=\bthe\s{1,5}1997)\s+Act|Act\s+1997|Harassment\s+Act\s+1997`,
        String.raw`a|ab|b`
    ];
    const alphabet = ['PHA', ' ', '1997', 'the ', 'Act ', 'x', '9', 'é', '😀', 'a', 'b', 'Harassment ', '\n', '(', '𝟘'];
    test.each(sources)('%s', source => {
        let seed = 11;
        const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
        const plain = new RegExp(`(?:${source})(?![\\p{L}\\p{N}])`, 'gu');
        const looking = new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, 'gu');
        for (let run = 0; run < 1500; run++) {
            const text = Array.from({ length: Math.floor(next() * 14) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
            const expected = [...text.matchAll(looking)].map(m => [m.index, m[0]]);
            expect(
                [...atWordStarts(text, plain)].map(m => [m.index, m[0]]),
                JSON.stringify(text)
            ).toEqual(expected);
        }
    });
});

describe('prose that cannot nest too deep is known from its text as written, without dedenting it', () => {
    test('random prose: whenever the dedented text may nest too deep, the written text says it may', () => {
        // Runs of markers that reach the limit only with the line's indentation, line breaks of every kind, emphasis.
        const alphabet = [' ', '    ', '\t', '> ', '>', '* ', '- ', '1. ', '2) ', '\n', '\r\n', '\r', '*', '_', '[', '~', 'x', 'text '];
        let seed = 7;
        const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
        let deep = 0;
        for (let run = 0; run < 3000; run++) {
            const pieces = Array.from({ length: Math.floor(next() * 60) }, () => alphabet[Math.floor(next() * alphabet.length)]);
            // Often one long run of a single piece, so that the limit is reached.
            if (next() < 0.5) {
                pieces.splice(
                    Math.floor(next() * pieces.length),
                    0,
                    alphabet[Math.floor(next() * 9)]!.repeat(30 + Math.floor(next() * 10))
                );
            }
            const written = pieces.join('');
            const dedentedMay = mayNestDeeply(dedentProse(written));
            deep += dedentedMay ? 1 : 0;
            if (dedentedMay) {
                expect(writtenProseMayNestTooDeep(written), JSON.stringify(written)).toBe(true);
            }
            expect(proseTooDeep(dedentProse(written)) && !writtenProseMayNestTooDeep(written), JSON.stringify(written)).toBe(false);
        }
        expect(deep).toBeGreaterThan(100);
    });
});

// nesting-limit.ts's first test of a dedented text.
function mayNestDeeply(markdown: string): boolean {
    return new RegExp(`(^|\\n)[ \\t>*+\\-\\d.)]{${MAX_NESTING},}|[*_\\[~]{${MAX_NESTING},}`).test(markdown);
}
