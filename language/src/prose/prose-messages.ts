import type { ProseBlock } from './prose-blocks.js';
import type { ProseFinding } from './prose-processor.js';

/** A list of words as a message gives it: 'use', 'begin' or 'start'. */
export function quotedChoices(words: readonly string[]): string {
    const quoted = words.map(w => `'${w}'`);
    return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** The values of a plain-English finding's message template (diagnostic-codes.ts, GDL0701–GDL0707). */
export function proseMessageArgs(
    finding: ProseFinding,
    block: ProseBlock,
    age: number,
    ageOf: (audience: string) => number
): Record<string, string | number> {
    const actual = finding.actual.replace(/\s+/g, ' ');
    switch (finding.rule) {
        case 'prose-readability': {
            const agree = /(\d+) out of (\d+)/.exec(finding.reason);
            // The audiences that set the reading age (the text is held to the lowest of its audiences').
            const setting = block.audiences.filter(a => ageOf(a.id) === age).map(a => a.title);
            const audience = setting.length > 0 ? setting.join(', ') : 'any reader';
            return {
                audience,
                age,
                detail: agree ? `${agree[1]} of ${agree[2]} readability formulas rate this sentence above it` : 'this sentence is above it'
            };
        }
        case 'prose-simpler':
            return { actual, expected: finding.expected.length > 0 ? quotedChoices(finding.expected) : 'leave it out' };
        case 'prose-inconsiderate':
            return { actual, expected: finding.expected.length > 0 ? `: consider ${quotedChoices(finding.expected)}` : '' };
        case 'prose-repeated-word':
            return { word: actual.split(' ')[0] ?? actual };
        case 'prose-article': {
            const next = /before `([^`]+)`/.exec(finding.reason)?.[1] ?? 'the next word';
            return { actual, expected: finding.expected[0] ?? '', next };
        }
        case 'prose-spelling':
            return { word: actual, expected: finding.expected.length > 0 ? `: did you mean ${quotedChoices(finding.expected)}?` : '' };
        default:
            return { actual };
    }
}
