import { XMLParser } from 'fast-xml-parser';
import { parse as parseGift, type GIFTQuestion } from 'gift-pegjs';
import { describe, expect, test } from 'vitest';
import { giftBank } from '../../language/src/publish/lms/gift.js';
import { moodleXml } from '../../language/src/publish/lms/moodle-xml.js';
import { publishedModules, questionBanks } from '../../language/src/publish/lms/question-banks.js';
import { moduleQuiz, type Quiz, type QuizQuestion } from '../../language/src/training/quiz.js';
import { load, site } from '../support/in-process.js';

// The question banks read back as Moodle would import them: GIFT by a GIFT parser (gift-pegjs), Moodle
// XML by an XML parser, question for question against the module's knowledge checks.

interface ReadBack {
    id: string;
    category: string;
    kind: QuizQuestion['kind'];
    question: string;
    right: string[];
    wrong: string[];
    rationale: string;
}

function fromGift(text: string): ReadBack[] {
    let category = '';
    const out: ReadBack[] = [];
    for (const item of parseGift(text) as GIFTQuestion[]) {
        const q = item as unknown as {
            type: string;
            title: string;
            stem: { text: string };
            globalFeedback: { text: string } | null;
            isTrue?: boolean;
            choices?: Array<{ isCorrect: boolean; weight: number | null; text: { text: string } }>;
        };
        if (q.type === 'Category') {
            category = q.title;
            continue;
        }
        const choices = q.choices ?? [];
        const right = (c: (typeof choices)[number]) => c.isCorrect || (c.weight ?? 0) > 0;
        out.push({
            id: q.title,
            category,
            kind: q.type === 'TF' ? 'true-false' : choices.some(c => c.weight !== null) ? 'multiple-answer' : 'single-answer',
            question: q.stem.text,
            right: q.type === 'TF' ? [q.isTrue ? 'True' : 'False'] : choices.filter(right).map(c => c.text.text),
            wrong: q.type === 'TF' ? [q.isTrue ? 'False' : 'True'] : choices.filter(c => !right(c)).map(c => c.text.text),
            rationale: q.globalFeedback?.text ?? ''
        });
    }
    return out;
}

function fromMoodle(xml: string): ReadBack[] {
    const parsed = new XMLParser({
        ignoreAttributes: false,
        parseTagValue: false,
        isArray: name => name === 'question' || name === 'answer'
    }).parse(xml);
    let category = '';
    const out: ReadBack[] = [];
    const text = (node: { text?: unknown }) => String(node.text ?? '');
    type Node = { text?: unknown };
    type Question = Record<string, string> & { category: Node; name: Node; questiontext: Node; generalfeedback: Node; answer: unknown };
    for (const q of parsed.quiz.question as Question[]) {
        if (q['@_type'] === 'category') {
            category = text(q.category);
            continue;
        }
        const answers = q.answer as Array<{ '@_fraction': string; text: unknown }>;
        const label = (a: { text: unknown }) => (q['@_type'] === 'truefalse' ? (a.text === 'true' ? 'True' : 'False') : String(a.text));
        expect(['truefalse', 'multichoice']).toContain(q['@_type']);
        if (q.single === 'false') {
            const sum = answers.filter(a => Number(a['@_fraction']) > 0).reduce((n, a) => n + Number(a['@_fraction']), 0);
            expect(Math.abs(sum - 100)).toBeLessThan(0.001);
        }
        out.push({
            id: text(q.name),
            category,
            kind: q['@_type'] === 'truefalse' ? 'true-false' : q.single === 'false' ? 'multiple-answer' : 'single-answer',
            question: text(q.questiontext),
            right: answers.filter(a => Number(a['@_fraction']) > 0).map(label),
            wrong: answers.filter(a => Number(a['@_fraction']) <= 0).map(label),
            rationale: text(q.generalfeedback)
        });
    }
    return out;
}

/** What a bank must say of each question, straight from the quiz model. */
function expected(quiz: Quiz): Array<Omit<ReadBack, 'category'> & { pool: string | undefined }> {
    return quiz.sections.flatMap(section =>
        section.questions.map(q => ({
            id: q.id,
            pool: section.pool?.id,
            kind: q.kind,
            question: q.question,
            right: q.options.filter(o => o.correct).map(o => o.text),
            wrong: q.options.filter(o => !o.correct).map(o => o.text),
            rationale: q.rationale ?? ''
        }))
    );
}

function expectSame(read: ReadBack[], quiz: Quiz) {
    const want = expected(quiz);
    expect(read.map(r => r.id)).toEqual(want.map(w => w.id));
    for (const [index, w] of want.entries()) {
        const { pool, ...rest } = w;
        const { category, ...got } = read[index]!;
        expect(got).toEqual(rest);
        expect(category.startsWith(`$course$/top/${quiz.module}: `)).toBe(true);
        expect(category.endsWith(pool ? `(draw ${quiz.sections.find(s => s.pool?.id === pool)!.pool!.draw})` : '/Always asked')).toBe(true);
    }
}

describe('question banks', async () => {
    const workspace = await load('tests/fixtures/lms/input');
    const banks = questionBanks(site(workspace));
    const quizzes = publishedModules(site(workspace)).map(moduleQuiz);
    const quiz = quizzes.find(q => q.module === 'M')!;

    test('every published module has a Moodle XML and a GIFT bank', () => {
        expect([...banks.keys()].sort()).toEqual(['banks/M.gift.txt', 'banks/M.xml', 'banks/M2.gift.txt', 'banks/M2.xml']);
        expect(expected(quiz).map(q => q.kind)).toEqual(['single-answer', 'multiple-answer', 'true-false', 'single-answer', 'true-false']);
    });

    test('GIFT parsed back gives every question: text, kind, right and wrong answers, rationale, category by module and pool', () => {
        for (const each of quizzes) {
            expectSame(fromGift(banks.get(`banks/${each.module}.gift.txt`)!), each);
        }
    });

    test('Moodle XML parsed back gives every question, and a multiple-answer question’s right fractions add up to 100', () => {
        for (const each of quizzes) {
            expectSame(fromMoodle(banks.get(`banks/${each.module}.xml`)!), each);
        }
    });

    test("GIFT's special characters, backslashes, line breaks and markup in a source survive the round trip as text", () => {
        const hostile = 'Is a {b} ~ c = d # e : f \\ g\nsecond line <script>alert(1)</script> ]]> &amp;?';
        const tricky: Quiz = {
            ...quiz,
            title: 'A / B: C',
            sections: [
                {
                    pool: undefined,
                    questions: [
                        {
                            id: 'Q:1',
                            kind: 'multiple-answer',
                            question: hostile,
                            options: [
                                { text: '=right', correct: true },
                                { text: '~also {right}', correct: true },
                                { text: '#wrong', correct: false },
                                { text: 'wrong: \\', correct: false }
                            ],
                            rationale: '####not a feedback marker',
                            assesses: []
                        }
                    ]
                }
            ]
        };
        expectSame(fromGift(giftBank(tricky)), tricky);
        expectSame(fromMoodle(moodleXml(tricky)), tricky);
    });
});
