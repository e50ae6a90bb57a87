import type { QuizQuestion } from './quiz.js';

/** Fewer questions than this say nothing about a writer's habits. */
export const BALANCE_MIN_QUESTIONS = 4;
/** Options a question needs before its correct answer's position or length can give it away. */
export const BALANCE_MIN_OPTIONS = 3;
/** The share of questions above which a position or "the longest" is a pattern a learner can exploit. */
export const BALANCE_THRESHOLD = 0.6;

/** Where a module's correct answers sit, as written, over the questions that can show a pattern. */
export interface AnswerBalance {
    /** Single-answer questions with at least {@link BALANCE_MIN_OPTIONS} options and one correct answer. */
    counted: number;
    /** The position (1 = the first option) holding the most correct answers, the earliest on a tie; undefined when none is counted. */
    commonest: { position: number; count: number } | undefined;
    /** Questions whose correct option is strictly longer than every other option. */
    longest: number;
}

/** The answer balance of a set of questions, their options in the order written (the trainer's answer key). */
export function answerBalance(questions: readonly QuizQuestion[]): AnswerBalance {
    const counted = questions.filter(
        q => q.kind === 'single-answer' && q.options.length >= BALANCE_MIN_OPTIONS && q.options.filter(o => o.correct).length === 1
    );
    const atPosition = new Map<number, number>();
    let longest = 0;
    for (const question of counted) {
        const position = question.options.findIndex(o => o.correct) + 1;
        atPosition.set(position, (atPosition.get(position) ?? 0) + 1);
        const correct = question.options[position - 1]!.text.length;
        if (question.options.every((o, i) => i === position - 1 || o.text.length < correct)) {
            longest++;
        }
    }
    let commonest: AnswerBalance['commonest'];
    for (const [position, count] of [...atPosition].sort(([a], [b]) => a - b)) {
        if (!commonest || count > commonest.count) {
            commonest = { position, count };
        }
    }
    return { counted: counted.length, commonest, longest };
}

/** Whether `count` of the counted questions is a pattern: enough questions, and more than the threshold's share. */
export function isSkewed(count: number, balance: AnswerBalance): boolean {
    return balance.counted >= BALANCE_MIN_QUESTIONS && count > BALANCE_THRESHOLD * balance.counted;
}
