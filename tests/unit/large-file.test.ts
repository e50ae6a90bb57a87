import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { EmptyFileSystem, ValueConverter } from 'langium';
import { describe, expect, test } from 'vitest';
import { createGdlServices } from '../../language/src/gdl-module.js';
import { convertString } from '../../language/src/gdl-value-converter.js';
import * as ast from '../../language/src/generated/ast.js';

// What one large file costs must grow with its size only: what is held per text, and what is done per node.

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** The heap in use after a full collection. */
function heapAfterGc(): number {
    collectGarbage();
    collectGarbage();
    return process.memoryUsage().heapUsed;
}

describe('the text of quoted strings', () => {
    test('has the value Langium gives it, escapes included', () => {
        const written = [
            '""',
            '"a"',
            '"plain words, and more than a few of them"',
            '"Say \\"stalking\\""',
            '"a \\\\ backslash"',
            '"\\n\\t\\r\\b\\f\\v\\0 controls"',
            '"\\u0041 is not an escape here, \\q neither"',
            '"ends with an escaped quote\\""',
            '"\\\\"',
            '"é — “curly” 💬"'
        ];
        for (const input of written) {
            expect(convertString(input), input).toBe(ValueConverter.convertString(input));
        }
    });

    test('is held as the text itself, not one object per character: 2,000 texts of 500 characters hold under 8 MB', () => {
        // Langium builds a string's value one character at a time, which V8 keeps as a chain of 32-byte pieces:
        // these 1 MB of texts held about 34 MB once parsed, half the heap of a parsed file.
        const words = 'stalking harassment victim suspect risk pattern behaviour contact report officer'.split(' ');
        const text = (i: number) =>
            Array.from({ length: 70 }, (_, w) => words[(i + w * 7) % words.length])
                .join(' ')
                .slice(0, 500);
        const source = Array.from({ length: 2000 }, (_, i) => `audience a${i} "${text(i)}"`).join('\n');
        const parser = createGdlServices(EmptyFileSystem).Gdl.parser.LangiumParser;
        parser.parse('audience warm "up"');
        const before = heapAfterGc();
        const parsed = parser.parse<ast.GdlFile>(source);
        const held = heapAfterGc() - before;
        expect(parsed.parserErrors).toEqual([]);
        expect(parsed.value.elements.filter(ast.isAudience).map(a => a.title)).toEqual(Array.from({ length: 2000 }, (_, i) => text(i)));
        // The syntax tree itself (nodes, tokens, the source) is about 4 MB.
        expect(held).toBeLessThan(8 * 1024 * 1024);
    });
});
