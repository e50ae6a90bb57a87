import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type * as ast from '../../generated/ast.js';
import { learnerOptions, learnerSeed, type Quiz, type QuizQuestion, type QuizSection } from '../../training/quiz.js';

/**
 * The knowledge checks of a package's modules as one form the learner answers. Every question of every
 * pool is in the page; out-templates/lms/quiz.js draws each pool's `data-draw` questions at each
 * attempt, hides the rest, scores what was asked and reports to the platform. Text from sources goes
 * in as text nodes, so the HTML serialiser escapes it.
 *
 * The answer key is in the page (`data-correct`): a package scores itself in the learner's browser, as
 * SCORM and cmi5 content does; the platform only records what it is told.
 */
export function quizForm(course: ast.CoursePack, quizzes: readonly Quiz[]): Element {
    const asked = quizzes.reduce((n, q) => n + q.asked, 0);
    return h('section.gdl-quiz', { id: 'assessment', ariaLabelledBy: 'assessment-title' }, [
        h('h2.govuk-heading-l', { id: 'assessment-title' }, 'Assessment'),
        h('p.govuk-body', asked > 0 ? instructions(quizzes) : 'This course has no assessment: finish it when you have read it.'),
        h('form.gdl-quiz__form', { id: 'gdl-quiz', noValidate: true, dataAsked: String(asked) }, [
            ...quizzes.filter(q => q.asked > 0).map(quiz => moduleBlock(course, quiz)),
            h('button.govuk-button', { type: 'submit', id: 'gdl-quiz-submit', disabled: true }, asked > 0 ? 'Submit answers' : 'Finish')
        ]),
        h('div.gdl-quiz__result', { id: 'gdl-quiz-result', role: 'status', ariaLive: 'polite', hidden: true })
    ]);
}

function instructions(quizzes: readonly Quiz[]): string {
    const asked = quizzes.filter(q => q.asked > 0);
    const marks = new Set(asked.map(q => q.passMark));
    const need =
        marks.size === 1
            ? `${asked[0]!.passMark}%${asked.length > 1 ? ' in every module' : ''}`
            : `each module's pass mark: ${asked.map(q => `${q.module} ${q.passMark}%`).join(', ')}`;
    return `Answer every question, then submit. To pass you need ${need}.`;
}

function moduleBlock(course: ast.CoursePack, quiz: Quiz): Element {
    return h('div.gdl-quiz__module', { dataModule: quiz.module, dataPassMark: String(quiz.passMark) }, [
        h('h3.govuk-heading-m', `${quiz.module}: ${quiz.title}`),
        ...quiz.sections.map(section => sectionBlock(learnerSeed(course, { name: quiz.module }), section))
    ]);
}

function sectionBlock(seed: string, section: QuizSection): Element {
    // A pool's questions carry their pool's draw: quiz.js shows that many of them at each attempt.
    const properties = section.pool ? { dataPool: section.pool.id, dataDraw: String(section.pool.draw) } : {};
    return h(
        'div.gdl-quiz__section',
        properties,
        section.questions.map(question => questionBlock(seed, question))
    );
}

const hints: Record<QuizQuestion['kind'], string> = {
    'single-answer': 'Choose one answer.',
    'multiple-answer': 'Choose every answer that applies.',
    'true-false': 'True or false?'
};

function questionBlock(seed: string, question: QuizQuestion): Element {
    const multiple = question.kind === 'multiple-answer';
    const type = multiple ? 'checkbox' : 'radio';
    const group = multiple ? 'govuk-checkboxes' : 'govuk-radios';
    const name = `q-${question.id}`;
    const items: ElementContent[] = learnerOptions(question, seed).map((option, index) => {
        const id = `${name}-${index + 1}`;
        return h(`div.${group}__item`, [
            h(`input.${group}__input`, { type, id, name, value: String(index + 1), dataCorrect: String(option.correct) }),
            h(`label.govuk-label.${group}__label`, { htmlFor: id }, option.text)
        ]);
    });
    return h('fieldset.govuk-fieldset.gdl-quiz__question', { dataQuestion: question.id, dataKind: question.kind }, [
        h('legend.govuk-fieldset__legend.govuk-fieldset__legend--s', question.question),
        h('div.govuk-hint', hints[question.kind]),
        h(`div.${group}`, items)
    ]);
}
