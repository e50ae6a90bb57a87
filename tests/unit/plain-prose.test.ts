import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { describe, expect, test } from 'vitest';
import { convertQuoted, dedentProse } from '../../language/src/gdl-value-converter.js';
import { plainProse } from '../../language/src/nesting-limit.js';
import { prose } from '../../language/src/publish/mdast-helpers.js';
import { append } from '../../language/src/arrays.js';

// The publisher takes prose that is plain text without parsing it (plainProse): these tests compare its paragraphs with
// the tree micromark gives, without positions as the publisher keeps it, on random and real prose.

/** Prose as micromark parses it with GFM, each node without its position: what the publisher kept before the shortcut. */
function parsed(markdown: string): RootContent[] {
    const strip = (node: { position?: unknown; children?: unknown[] }) => {
        delete node.position;
        (node.children as Array<{ position?: unknown; children?: unknown[] }> | undefined)?.forEach(strip);
    };
    const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
    tree.children.forEach(n => strip(n as never));
    return tree.children;
}

/** A deterministic pseudo-random sequence (a linear congruential generator), so that a failure can be replayed. */
function randoms(seed: number): () => number {
    let state = seed;
    return () => {
        state = (state * 1103515245 + 12345) % 2 ** 31;
        return state / 2 ** 31;
    };
}

// What plain prose is made of, and what starts something in Markdown or GFM: every ASCII punctuation character, the
// whitespace Markdown cares about, digits, non-ASCII (spaces, a byte order mark, a line separator, half an emoji, a
// NUL) and the words GFM makes links of.
const plainPieces = [...'abcwxyzHW019 .,;:?\'"()-/%+', ' ', 'word', '\n\n', 'é', '’', '«', '—', '\u00A0', '\u3000', '😀'];
const otherPieces = [
    ...'!#$&*<=>@[\\]^_`{|}~',
    '\t',
    '\n',
    '\n\n\n',
    '\n \n',
    '\n=',
    '\n-',
    '\r',
    '\r\n',
    '  \n',
    '\u0000',
    '\u0001',
    '\u007F',
    '\u0085',
    '\uFEFF',
    '\u2028',
    '\uD800',
    'www.',
    'WwW.',
    'http://',
    'HTTPS://x.org',
    'http:',
    'a@b.c',
    '&amp;',
    '&#35;',
    '[x](y)',
    '[^1]',
    '<b>',
    '<x@y.z>',
    'mailto:',
    'xmpp:',
    '1. ',
    '1) ',
    '- ',
    '# ',
    '> ',
    '    '
];
const allPieces = [...plainPieces, ...otherPieces];

function pick(next: () => number, pieces: readonly string[]): string {
    return pieces[Math.floor(next() * pieces.length)]!;
}

/**
 * Text of any pieces; or of plain pieces with one or two other pieces sprinkled in (near misses, and pairs such as `_a_`, are
 * what a wrong shortcut would take); or of plain pieces only.
 */
function randomProse(next: () => number): string {
    const length = 1 + Math.floor(next() * 16);
    const mode = next();
    const intruders = [pick(next, otherPieces), pick(next, otherPieces)];
    return Array.from({ length }, () => {
        if (mode < 0.3) {
            return pick(next, allPieces);
        }
        return mode < 0.65 && next() < 0.3 ? pick(next, intruders) : pick(next, plainPieces);
    }).join('');
}

/** Every quoted string and prose block of the bundled guidance, as the parser gives them, and each line of each. */
function guidanceTexts(): string[] {
    const folder = join(__dirname, '../../guidance');
    const files = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter(f => f.endsWith('.gdl'));
    const texts: string[] = [];
    for (const file of files) {
        const source = readFileSync(join(folder, file), 'utf8');
        for (const [token] of source.matchAll(/"""[\s\S]*?"""|"(\\.|[^"\\\r\n])*"/g)) {
            const text = token.startsWith('"""') ? dedentProse(token.slice(3, -3)) : convertQuoted(token);
            append(texts, [text, ...text.split('\n'), ...text.split('\n').map(line => line.trim())]);
        }
    }
    return texts;
}

describe('plain prose: the paragraphs taken without parsing are the ones micromark gives', () => {
    test('random texts of every ASCII punctuation character, whitespace, digits, letters and non-ASCII', () => {
        let plain = 0;
        const runs = 60000;
        for (let seed = 1; seed <= runs; seed++) {
            const markdown = randomProse(randoms(seed));
            const shortcut = plainProse(markdown);
            if (shortcut) {
                plain++;
                expect(shortcut, `seed ${seed}: ${JSON.stringify(markdown)}`).toStrictEqual(parsed(markdown));
            }
        }
        // The shortcut is taken often enough for the comparison to mean something, and not always.
        expect(plain).toBeGreaterThan(runs / 8);
        expect(plain).toBeLessThan(runs * 0.8);
    });

    test('the prose and strings of the bundled guidance', () => {
        const texts = guidanceTexts();
        let plain = 0;
        for (const markdown of texts) {
            const shortcut = plainProse(markdown);
            if (shortcut) {
                plain++;
                expect(shortcut, JSON.stringify(markdown)).toStrictEqual(parsed(markdown));
            }
        }
        expect(texts.length).toBeGreaterThan(1000);
        expect(plain).toBeGreaterThan(100);
    });

    test('texts that start or could start something are parsed', () => {
        for (const markdown of [
            '',
            ' a',
            'a ',
            'a\nb',
            'a\n\n',
            '\n\na',
            'a\n\n\nb',
            'a\n \nb',
            'a\n\n1. b',
            'a\n\n- b',
            '1. a',
            'a *b*',
            'see www.example.org',
            'see http://example.org',
            'HTTPS://example.org',
            'mail a@b.org',
            'a &amp; b',
            'a\\. b',
            '\uFEFFa',
            'a | b'
        ]) {
            expect(plainProse(markdown), JSON.stringify(markdown)).toBeUndefined();
        }
    });

    test('the publisher gives plain prose its paragraphs', () => {
        const markdown = 'Plain words, a colon: and (brackets) - 24/7.\n\nA second paragraph.';
        expect(prose(markdown, 2)).toStrictEqual(parsed(markdown));
        expect(prose(markdown, 2)).toHaveLength(2);
    });
});
