import { Document, Packer, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';
import { toHtml } from 'hast-util-to-html';
import type { List, ListItem, PhrasingContent, Root, RootContent } from 'mdast';
import remarkRehype from 'remark-rehype';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { describe, expect, test } from 'vitest';
import { heading, list, paragraph, root, table, text } from '../../language/src/publish/mdast-helpers.js';
import { packageParts, renderDocx } from '../../language/src/publish/render-docx.js';
import { renderMarkdown } from '../../language/src/publish/render-markdown.js';
import { linearHastHandlers } from '../../language/src/publish/linear-handlers.js';

// The renderers' shortcuts (issue 17) give the bytes the plain way gives: these tests compare the two.

/** Markdown as remark-stringify writes it with its own text handler: what renderMarkdown wrote before its shortcut. */
const stock = unified().use(remarkStringify, { bullet: '-', emphasis: '_', rule: '-' }).use(remarkGfm);

/** A deterministic pseudo-random sequence (a linear congruential generator), so that a failure can be replayed. */
function randoms(seed: number): () => number {
    let state = seed;
    return () => {
        state = (state * 1103515245 + 12345) % 2 ** 31;
        return state / 2 ** 31;
    };
}

// Every ASCII punctuation character, the whitespace Markdown cares about, letters and digits, and words that GFM links.
const pieces = [
    ...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
    ' ',
    '  ',
    '\t',
    '\n',
    'a',
    'W',
    'w',
    'p',
    's',
    '1',
    '12',
    'é',
    'www.',
    'http://',
    'a@b.c',
    'word'
];

// Mostly words and spaces, as prose is: texts the text handler answers without escaping, beside ones it escapes.
const wordy = [...Array<string>(30).fill('word'), ...Array<string>(30).fill(' '), ...pieces];

function randomText(next: () => number, from: readonly string[]): string {
    const length = 1 + Math.floor(next() * 12);
    return Array.from({ length }, () => from[Math.floor(next() * from.length)]!).join('');
}

function randomPhrasing(next: () => number, from: readonly string[], depth = 0): PhrasingContent[] {
    const count = 1 + Math.floor(next() * 4);
    return Array.from({ length: count }, (): PhrasingContent => {
        const kind = depth > 1 ? 0 : Math.floor(next() * 6);
        switch (kind) {
            case 1:
                return { type: 'strong', children: randomPhrasing(next, from, depth + 1) };
            case 2:
                return { type: 'emphasis', children: randomPhrasing(next, from, depth + 1) };
            case 3:
                return { type: 'link', url: 'https://example.org/a', children: randomPhrasing(next, from, depth + 1) };
            case 4:
                return { type: 'inlineCode', value: randomText(next, from) };
            default:
                return text(randomText(next, from));
        }
    });
}

function randomTree(seed: number, from: readonly string[] = pieces): Root {
    const next = randoms(seed);
    const blocks: RootContent[] = [];
    for (let i = 0; i < 6; i++) {
        const kind = Math.floor(next() * 5);
        if (kind === 0) {
            blocks.push({ ...heading(1 + Math.floor(next() * 3), 'h'), children: randomPhrasing(next, from) });
        } else if (kind === 1) {
            blocks.push(list([randomPhrasing(next, from), randomPhrasing(next, from)], next() < 0.5));
        } else if (kind === 2) {
            blocks.push(table(['a', 'b'], [[randomPhrasing(next, from), randomPhrasing(next, from)]]));
        } else if (kind === 3) {
            blocks.push({ type: 'blockquote', children: [paragraph(...randomPhrasing(next, from))] });
        } else {
            blocks.push(paragraph(...randomPhrasing(next, from)));
        }
    }
    return root(blocks);
}

describe('Markdown: the text handler that skips unsafe patterns escapes as the stock handler does', () => {
    test('texts of every ASCII punctuation character, in paragraphs, headings, lists, tables, quotes, links and emphasis', () => {
        for (let seed = 1; seed <= 3000; seed++) {
            const tree = randomTree(seed);
            const expected = stock.stringify(structuredClone(tree));
            expect(renderMarkdown(tree), `seed ${seed}`).toBe(expected);
        }
    });

    test('texts of mostly words and spaces, which the handler gives back as they are unless a pattern matches', () => {
        for (let seed = 1; seed <= 2000; seed++) {
            const tree = randomTree(seed, wordy);
            const expected = stock.stringify(structuredClone(tree));
            expect(renderMarkdown(tree), `seed ${seed}`).toBe(expected);
        }
    });

    test('characters that are unsafe only beside the text around them', () => {
        const cases: Root[] = [
            root([paragraph(text('1'), { type: 'strong', children: [text('.')] }, text(' item'))]),
            root([paragraph(text('a'), { type: 'emphasis', children: [text('_b_')] }, text('c'))]),
            root([paragraph(text('www'), { type: 'strong', children: [text('.example.org')] })]),
            root([paragraph(text('p'), { type: 'emphasis', children: [text(':')] }, text('//x'))]),
            root([paragraph(text('a\n'), text('# not a heading'))]),
            root([paragraph(text('!'), { type: 'link', url: 'https://example.org', children: [text('x')] })]),
            root([paragraph(text('a\\'), { type: 'strong', children: [text('*b')] })]),
            root([
                paragraph(text('plain words'), {
                    type: 'link',
                    url: 'https://example.org/a b',
                    children: [text('https://example.org/a b')]
                })
            ]),
            root([paragraph(text('words\n1. not a list'), text(' and\n- not one either'))]),
            root([table(['a'], [[[text('one | two')]]])]),
            root([paragraph(text('see '), { type: 'link', url: 'https://example.org/a', children: [text('https://example.org/a')] })])
        ];
        for (const tree of cases) {
            expect(renderMarkdown(structuredClone(tree))).toBe(stock.stringify(tree));
        }
    });
});

describe('Word: one compression of the parts docx writes', () => {
    const document = () =>
        new Document({
            title: 'T',
            creator: 'GDL',
            sections: [{ children: [new Paragraph({ children: [new TextRun('Café – “quoted” & <tagged>')] })] }]
        });

    test("docx's compiler gives the parts, and the bytes, that Packer zips", async () => {
        const zipped = await JSZip.loadAsync(await Packer.toBuffer(document()));
        const fromPacker = new Map<string, Buffer>();
        for (const name of Object.keys(zipped.files).filter(n => !zipped.files[n]!.dir)) {
            fromPacker.set(name, await zipped.files[name]!.async('nodebuffer'));
        }
        const parts = packageParts(document());
        expect([...parts.keys()].sort()).toEqual([...fromPacker.keys()].sort());
        for (const [name, content] of parts) {
            const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
            // docProps/core.xml carries the clock's time, which the renderer replaces.
            if (name !== 'docProps/core.xml') {
                expect(bytes.equals(fromPacker.get(name)!), name).toBe(true);
            }
        }
    });

    test('a Word file is the zip a fresh JSZip makes of its parts, whichever Word file was rendered before it', async () => {
        const page = (title: string): Root => root([heading(1, title), paragraph(`About ${title}.`), list([['one'], ['two']], true)]);
        const first = await renderDocx(page('First'), 'First', '2026-01-15', 'OFFICIAL');
        const second = await renderDocx(page('Second'), 'Second', '2026-01-15', 'OFFICIAL');
        const firstAgain = await renderDocx(page('First'), 'First', '2026-01-15', 'OFFICIAL');
        const otherDay = await renderDocx(page('First'), 'First', '2026-02-01', 'OFFICIAL');
        expect(firstAgain.equals(first)).toBe(true);
        expect(await (await JSZip.loadAsync(second)).file('word/document.xml')!.async('string')).toContain('About Second.');
        for (const [bytes, day] of [
            [first, '2026-01-15'],
            [second, '2026-01-15'],
            [otherDay, '2026-02-01']
        ] as const) {
            // The zip as the renderer made it before it kept shared parts: each part added anew, in the order of its path.
            const read = await JSZip.loadAsync(bytes);
            const fresh = new JSZip();
            for (const name of Object.keys(read.files).sort()) {
                fresh.file(name, await read.files[name]!.async('nodebuffer'), { date: new Date(`${day}T00:00:00Z`), createFolders: false });
            }
            const expected = await fresh.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
            expect(bytes.equals(expected)).toBe(true);
            expect(await read.file('docProps/core.xml')!.async('string')).toContain(
                `<dcterms:created xsi:type="dcterms:W3CDTF">${day}T00:00:00Z`
            );
        }
    });
});

describe('lists and tables: the handlers told what remark would search for write what remark writes', () => {
    // Random lists (ordered or not, from any start, tight or loose, items of one or two blocks, nested, task items) and
    // tables, rendered with remark's own handlers and with ours: the same Markdown, the same HTML.
    const stockHtml = unified().use(remarkRehype);
    const ourHtml = unified().use(remarkRehype, { handlers: linearHastHandlers });
    const html = (processor: typeof stockHtml, tree: Root) => toHtml(processor.runSync(structuredClone(tree)));

    function randomList(next: () => number, depth: number): List {
        const ordered = next() < 0.5;
        const start = [undefined, 0, 1, 7, -1, 998][Math.floor(next() * 6)];
        const spread = [undefined, true, false][Math.floor(next() * 3)];
        const items = Array.from({ length: Math.floor(next() * 5) }, (): ListItem => {
            const children: ListItem['children'] = [paragraph(...randomPhrasing(next, wordy))];
            if (next() < 0.3) {
                children.push(depth < 2 && next() < 0.5 ? randomList(next, depth + 1) : paragraph(...randomPhrasing(next, wordy)));
            }
            const itemSpread = [undefined, true, false][Math.floor(next() * 3)];
            const checked = [undefined, true, false][Math.floor(next() * 3)];
            return {
                type: 'listItem',
                children,
                ...(itemSpread === undefined ? {} : { spread: itemSpread }),
                ...(checked === undefined ? {} : { checked })
            };
        });
        return {
            type: 'list',
            ordered,
            ...(start === undefined ? {} : { start }),
            ...(spread === undefined ? {} : { spread }),
            children: items
        };
    }

    test('3,000 random lists and tables', () => {
        for (let seed = 1; seed <= 3000; seed++) {
            const next = randoms(seed);
            const rows = Array.from({ length: Math.floor(next() * 4) }, () => [randomPhrasing(next, wordy), randomPhrasing(next, wordy)]);
            const tree = root([randomList(next, 0), table(['a', 'b'], rows), randomList(next, 0)]);
            expect(renderMarkdown(structuredClone(tree)), `seed ${seed}`).toBe(stock.stringify(structuredClone(tree)));
            expect(html(ourHtml, tree), `seed ${seed}`).toBe(html(stockHtml, tree));
        }
    });

    test('each item of a list and each row of a table is read a few times, not once for every other item', () => {
        // Before, each item searched its whole list (is any item loose? which number is this one?) and each row its
        // whole table (is it the first?): 2,000 items were read about 4,000,000 times, and a page listing 80,000
        // sections took 11 s of its 21 in that search alone.
        let reads = 0;
        const counted = <T extends object>(items: T[]): T[] =>
            new Proxy(items, {
                get(target, key, receiver) {
                    reads += typeof key === 'string' && /^\d+$/.test(key) ? 1 : 0;
                    return Reflect.get(target, key, receiver) as unknown;
                }
            });
        const n = 2000;
        const items = Array.from({ length: n }, (_, i): ListItem => ({ type: 'listItem', children: [paragraph(`item ${i}`)] }));
        const rows = table(
            ['a'],
            Array.from({ length: n }, (_, i) => [`row ${i}`])
        );
        const tree = root([
            { type: 'list', ordered: true, children: counted(items) },
            { ...rows, children: counted(rows.children) }
        ]);
        const page = toHtml(ourHtml.runSync(tree));
        expect(page.match(/<li>/g)).toHaveLength(n);
        expect(page.match(/<td>/g)).toHaveLength(n);
        expect(reads).toBeLessThan(20 * n);
        reads = 0;
        expect(renderMarkdown(tree)).toContain(`${n}. item ${n - 1}`);
        expect(reads).toBeLessThan(20 * n);
    });
});
