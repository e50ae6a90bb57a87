import { describe, expect, test } from 'vitest';
import { checkTexts, ProseProcessor, type ProseFinding } from '../../language/src/prose/prose-processor.js';

// The texts of a document are checked in one run per reading age; what a writer must never see is one text
// the rules cannot read silencing the findings of every other text of the page.

/** A processor whose rules find each 'utilise', and which cannot read a text holding 'UNREADABLE'. */
function fakeProcessor(): ProseProcessor {
    return {
        check: async (text: string): Promise<ProseFinding[]> => {
            if (text.includes('UNREADABLE')) {
                throw new Error('cannot read this text');
            }
            return [...text.matchAll(/utilise/g)].map(m => ({
                rule: 'prose-simpler' as const,
                start: m.index,
                end: m.index + 'utilise'.length,
                actual: 'utilise',
                expected: ['use'],
                reason: ''
            }));
        }
    } as unknown as ProseProcessor;
}

describe('checking the texts of a page together', () => {
    test('each finding comes back at its place in its own text', async () => {
        const texts = ['Officers utilise the tool.', 'Nothing here.', 'Then we utilise it again'];
        const found = await Promise.all(checkTexts(fakeProcessor(), texts, 14));
        expect(found.map(f => f.map(x => texts[found.indexOf(f)]!.slice(x.start, x.end)))).toEqual([['utilise'], [], ['utilise']]);
        expect(found[2]![0]!.start).toBe('Then we '.length);
    });

    test('a text the rules cannot read costs only its own findings: the others are checked alone', async () => {
        const texts = ['Officers utilise the tool.', 'An UNREADABLE text.', 'Then we utilise it again'];
        const settled = await Promise.allSettled(checkTexts(fakeProcessor(), texts, 14));
        expect(settled.map(s => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect(settled.map(s => (s.status === 'fulfilled' ? s.value.length : -1))).toEqual([1, -1, 1]);
    });

    test('the real rules find the same words in texts checked together as alone', async () => {
        const processor = new ProseProcessor([]);
        const texts = ['Officers utilise the screening tool', 'In order to help, commence the risk assessment.'];
        const together = await Promise.all(checkTexts(processor, texts, 14));
        const alone = await Promise.all(texts.map(t => processor.check(t, 14)));
        const words = (all: ProseFinding[][]) => all.map((f, i) => f.map(x => `${x.rule}:${texts[i]!.slice(x.start, x.end)}`));
        expect(words(together)).toEqual(words(alone));
    });
});
