import { describe, expect, test } from 'vitest';
import { shortText } from '../../language/src/coverage/coverage-words.js';

describe('shortText: a recommendation or requirement in a narrow row', () => {
    test('drops the opening deadline, capitalises, and cuts at a word with an ellipsis', () => {
        const text =
            'By 27 March 2025, take steps to make sure that risk identification, assessment and management is effective in all stalking and breaches of orders cases.';
        const short = shortText(text, 48);
        expect(short).toBe('Take steps to make sure that risk…');
        expect(short.length).toBeLessThanOrEqual(48);
    });

    test('a short text is whole; no text is empty', () => {
        expect(shortText('Record stalking correctly.', 48)).toBe('Record stalking correctly.');
        expect(shortText(null)).toBe('');
    });
});
