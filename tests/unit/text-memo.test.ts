import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, test } from 'vitest';
import { TextMemo } from '../../language/src/text-memo.js';

// The language server remembers what the checks answered for a text (TextMemo): the memory that takes must stay
// bounded however long a writer edits, and the language server's heap test (tests/lsp-load.test.ts) relies on it.
TextMemo.rememberAcrossBuilds();

test('a memo never holds more text than its limit, and answers as the function does whatever it has forgotten', () => {
    let computed = 0;
    const memo = new TextMemo<number>(text => {
        computed++;
        return text.length * 2;
    }, 100);
    for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 50; i++) {
            const text = `text ${i} `.padEnd(30, '.');
            expect(memo.get(text)).toBe(60);
            expect(memo.heldCharacters).toBeLessThanOrEqual(100);
        }
    }
    // Three texts fit in 100 characters: each round asked for 50, so almost every answer was computed again.
    expect(computed).toBeGreaterThan(140);
    // Asked again at once, a remembered text is not computed again.
    const before = computed;
    memo.get('text 49 '.padEnd(30, '.'));
    expect(computed).toBe(before);
});

test('forgetAll empties every memo, and each goes on answering', () => {
    const a = new TextMemo<string>(text => text.toUpperCase());
    const b = new TextMemo<number>(text => text.length);
    a.get('section one');
    b.get('section two');
    expect(a.heldCharacters + b.heldCharacters).toBe(22);
    TextMemo.forgetAll();
    expect(a.heldCharacters + b.heldCharacters).toBe(0);
    expect(a.get('again')).toBe('AGAIN');
    expect(b.get('again')).toBe(5);
});

test('a memo no longer used is let go whole, its place in the list forgetAll reaches included', async () => {
    // The language server makes a memo each time a file's Acts change: over a long session they must not pile up.
    setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc') as () => void;
    const before = TextMemo.tracked;
    (() => {
        for (let i = 0; i < 1000; i++) {
            new TextMemo<number>(text => text.length).get(`text ${i}`);
        }
    })();
    expect(TextMemo.tracked).toBe(before + 1000);
    for (let round = 0; round < 5 && TextMemo.tracked > before + 10; round++) {
        collectGarbage();
        await new Promise(resolve => setTimeout(resolve, 20));
    }
    expect(TextMemo.tracked).toBeLessThan(before + 10);
});
