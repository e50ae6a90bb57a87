import type { Frame } from 'playwright-core';
import { expect } from 'vitest';

// The learner's side of the package tests: the answer key to the questions of
// tests/fixtures/lms/input/workspace.gdl, by question text, and answering a launched package's quiz by
// clicking its form.

export const answerKey: Record<string, string[]> = {
    'Which of these is stalking?': ['A fixated pattern of contact'],
    'Which words does the FOUR mnemonic use? {pick two} ~ all that apply': ['Fixated', 'Obsessive'],
    'A stalker must be a stranger: true or false?': ['False'],
    'Who decides whether a report is stalking?': ['The behaviour reported, judged against FOUR'],
    'Breach of a stalking protection order is an offence.': ['True'],
    'What goes in the log?': ['The whole pattern of behaviour']
};

/** Module M's pool (draw 1 of 2). */
export const pool = ['Who decides whether a report is stalking?', 'Breach of a stalking protection order is an offence.'];

/**
 * Answers every question asked, right, or wrong (the first wrong option) where `wrong` says so of a
 * question's text; submits, waits for the platform's answer, and returns the questions asked.
 */
export async function answerQuiz(frame: Frame, wrong: (question: string, index: number) => boolean): Promise<string[]> {
    await frame.waitForSelector('form#gdl-quiz[data-ready="true"]');
    const asked = await frame.locator('.gdl-quiz__question:not([hidden])').all();
    const texts: string[] = [];
    for (const [index, question] of asked.entries()) {
        const text = (await question.locator('legend').textContent()) ?? '';
        texts.push(text);
        const right = answerKey[text];
        expect(right, `a question the fixture does not hold: ${text}`).toBeDefined();
        const labels = await question.locator('label').allTextContents();
        const choose = wrong(text, index) ? [labels.find(l => !right!.includes(l))!] : right!;
        for (const label of choose) {
            await question.getByLabel(label, { exact: true }).check();
        }
    }
    await frame.getByRole('button', { name: 'Submit answers' }).click();
    await frame.waitForSelector('#gdl-quiz-result[data-state="recorded"], #gdl-quiz-result[data-state="failed"]');
    return texts;
}
