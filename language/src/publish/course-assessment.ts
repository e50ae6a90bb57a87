import type { RootContent } from 'mdast';
import * as ast from '../generated/ast.js';
import {
    drawQuestions,
    learnerOptions,
    learnerSeed,
    moduleQuiz,
    questionKindText,
    type Quiz,
    type QuizOption,
    type QuizQuestion
} from '../training/quiz.js';
import { emphasis, heading, list, paragraph, strong } from './mdast-helpers.js';
import { append } from '../arrays.js';

const passMarkText = (quiz: Quiz) => `${quiz.passMark}%${quiz.passMarkStated ? '' : ' (the default: the module states no pass mark)'}`;

/**
 * A module's assessment: its pass mark and the criteria of its practical activities, then its knowledge
 * checks. With the key (`answers`), every question with its pools, correct options and rationale; without
 * it, one attempt as a learner meets it: the seeded draw, options in their seeded order.
 */
export function assessment(course: ast.CoursePack, module: ast.TrainingModule, withKey: boolean): RootContent[] {
    const quiz = moduleQuiz(module);
    const practical = module.steps.filter(ast.isActivity).filter(a => a.criteria.length > 0);
    if (quiz.sections.length === 0 && practical.length === 0) {
        return [];
    }
    const out: RootContent[] = [heading(3, 'Assessment'), paragraph(strong('Pass mark:'), ' ' + passMarkText(quiz))];
    if (practical.length > 0) {
        out.push(
            paragraph(strong('Practical activities')),
            list(practical.map(a => [paragraph(strong(a.title)), list(a.criteria.map(c => [c]))]))
        );
    }
    if (quiz.sections.length > 0) {
        out.push(heading(3, 'Knowledge checks'));
        append(out, withKey ? answerKey(quiz) : learnerAttempt(quiz, learnerSeed(course, module)));
    }
    return out;
}

function answerKey(quiz: Quiz): RootContent[] {
    const pooled = quiz.sections.some(s => s.pool);
    const out: RootContent[] = [paragraph(`Each attempt asks ${quiz.asked} question${quiz.asked === 1 ? '' : 's'}.`)];
    let number = 0;
    for (const section of quiz.sections) {
        const n = section.questions.length;
        if (section.pool) {
            const name = section.pool.title ? `${section.pool.title} (${section.pool.id})` : section.pool.id;
            out.push(paragraph(strong(`Pool ${name}:`), ` ${section.pool.draw} of these ${n} questions are asked.`));
        } else if (pooled) {
            out.push(
                paragraph(strong('Always asked:'), ` ${n === 1 ? 'this question is' : `these ${n} questions are`} asked at every attempt.`)
            );
        }
        for (const question of section.questions) {
            append(out, questionBlock(++number, question, question.options, true));
        }
    }
    return out;
}

function learnerAttempt(quiz: Quiz, seed: string): RootContent[] {
    const questions = drawQuestions(quiz, seed);
    const drawn = quiz.sections.some(s => s.pool && s.pool.draw < s.questions.length);
    const out: RootContent[] = [
        paragraph(
            `Answer ${questions.length === 1 ? 'this question' : `these ${questions.length} questions`}.` +
                (drawn ? ' They are one set drawn from a larger bank: another attempt may ask others.' : '')
        )
    ];
    questions.forEach((question, index) => append(out, questionBlock(index + 1, question, learnerOptions(question, seed), false)));
    return out;
}

function questionBlock(number: number, question: QuizQuestion, options: QuizOption[], withKey: boolean): RootContent[] {
    const meta = withKey
        ? `${question.id} · ${questionKindText[question.kind]}${question.assesses.length > 0 ? ` · assesses ${question.assesses.join(', ')}` : ''}`
        : questionKindText[question.kind];
    const out: RootContent[] = [
        paragraph(strong(`${number}.`), ' ' + question.question),
        paragraph(emphasis(meta)),
        list(options.map(o => [o.text + (withKey && o.correct ? ' (correct)' : '')]))
    ];
    if (withKey && question.rationale) {
        out.push(paragraph(strong('Rationale:'), ' ' + question.rationale));
    }
    return out;
}
