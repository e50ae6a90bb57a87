import type { Quiz, QuizQuestion } from '../../training/quiz.js';
import { bankCategory, optionFraction } from './bank-model.js';
import { xmlDocument } from './xml-document.js';

// Text from sources is plain text to Moodle: as 'html' it would be markup, and a source could inject it.
const text = (value: string) => ({ '@_format': 'plain_text', text: value });

function question(q: QuizQuestion): Record<string, unknown> {
    const common = {
        name: { text: q.id },
        questiontext: text(q.question),
        generalfeedback: text(q.rationale ?? ''),
        defaultgrade: '1',
        penalty: '0',
        hidden: '0',
        idnumber: q.id
    };
    if (q.kind === 'true-false') {
        const truth = q.options[0]!.correct;
        return {
            '@_type': 'truefalse',
            ...common,
            answer: [
                { '@_fraction': truth ? '100' : '0', '@_format': 'moodle_auto_format', text: 'true', feedback: text('') },
                { '@_fraction': truth ? '0' : '100', '@_format': 'moodle_auto_format', text: 'false', feedback: text('') }
            ]
        };
    }
    const multiple = q.kind === 'multiple-answer';
    const right = q.options.filter(o => o.correct).length;
    return {
        '@_type': 'multichoice',
        ...common,
        single: multiple ? 'false' : 'true',
        shuffleanswers: 'true',
        answernumbering: 'abc',
        answer: q.options.map(o => ({ '@_fraction': optionFraction(o.correct, right, multiple), ...text(o.text), feedback: text('') }))
    };
}

/** A module's question bank in Moodle XML: a category per section (always asked, each pool), then its questions. */
export function moodleXml(quiz: Quiz): string {
    return xmlDocument({
        quiz: {
            question: quiz.sections.flatMap(section => [
                { '@_type': 'category', category: { text: bankCategory(quiz, section) } },
                ...section.questions.map(question)
            ])
        }
    });
}
