import type { Quiz, QuizQuestion } from '../../training/quiz.js';
import { bankCategory, optionFraction } from './bank-model.js';
import { append } from '../../arrays.js';

/**
 * Text as GIFT reads it: the characters GIFT gives a meaning (~ = # { } :) and the backslash itself are
 * escaped with a backslash, and a line break is written \n, since a blank line ends a question.
 */
export function giftText(value: string): string {
    return value.replace(/[\\~=#{}:]/g, c => `\\${c}`).replace(/\r?\n/g, '\\n');
}

function question(q: QuizQuestion): string {
    const feedback = q.rationale ? `####${giftText(q.rationale)}` : '';
    const head = `::${giftText(q.id)}::[plain]${giftText(q.question)}`;
    if (q.kind === 'true-false') {
        return `${head}{${q.options[0]!.correct ? 'TRUE' : 'FALSE'}${feedback}}`;
    }
    const multiple = q.kind === 'multiple-answer';
    const right = q.options.filter(o => o.correct).length;
    const answers = q.options.map(o =>
        multiple ? `~%${optionFraction(o.correct, right, true)}%${giftText(o.text)}` : `${o.correct ? '=' : '~'}${giftText(o.text)}`
    );
    return [`${head}{`, ...answers, ...(feedback ? [feedback] : []), '}'].join('\n');
}

/** A module's question bank in GIFT (Moodle's text format): a category per section, then its questions, a blank line between. */
export function giftBank(quiz: Quiz): string {
    const blocks = [`// ${quiz.module}: ${quiz.title.replace(/\s+/g, ' ')}. Question bank in GIFT, written by gdl build.`];
    for (const section of quiz.sections) {
        blocks.push(`$CATEGORY: ${bankCategory(quiz, section)}`);
        append(blocks, section.questions.map(question));
    }
    return blocks.join('\n\n') + '\n';
}
