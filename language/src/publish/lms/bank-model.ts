import type { Quiz, QuizSection } from '../../training/quiz.js';

/**
 * A question bank's category for a section of a module's assessment, as Moodle names categories:
 * the module, then the pool (or "Always asked"). A '/' inside a name is written '//', Moodle's escape.
 */
export function bankCategory(quiz: Quiz, section: QuizSection): string {
    const name = (text: string) => text.replace(/\s+/g, ' ').trim().replaceAll('/', '//');
    const pool = section.pool
        ? `Pool ${section.pool.id}${section.pool.title ? `: ${section.pool.title}` : ''} (draw ${section.pool.draw})`
        : 'Always asked';
    return `$course$/top/${name(`${quiz.module}: ${quiz.title}`)}/${name(pool)}`;
}

/**
 * The fraction of the grade an option carries, in per cent, as Moodle accepts it: a single answer's
 * right option 100; a multiple-answer question's right options share 100, and a wrong one takes it all
 * away (-100), the nearest a core Moodle question comes to all or nothing.
 */
export function optionFraction(correct: boolean, rightOptions: number, multiple: boolean): string {
    if (!multiple) {
        return correct ? '100' : '0';
    }
    return correct ? String(Number((100 / rightOptions).toFixed(5))) : '-100';
}
