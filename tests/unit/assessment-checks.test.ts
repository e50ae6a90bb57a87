import { describe, expect, test } from 'vitest';
import { answerBalance } from '../../language/src/training/answer-balance.js';
import type { QuizQuestion } from '../../language/src/training/quiz.js';
import { Codes, type CodeName } from '../../language/src/validation/diagnostic-codes.js';
import { cleanBase } from '../support/fixtures-base.js';
import { diagnosticsOf, edited, expectOne, files, found, goodModule, positionOf } from '../support/training-module.js';
import { buildWorkspace } from '../support/workspace.js';

describe('the pass mark', () => {
    test.each(['0', '101', '150'])('a pass mark of %s per cent is out of range, reported at the number', async mark => {
        const module = edited(['pass-mark 75%', `pass-mark ${mark}%`]);
        await expectOne(module, 'pass-mark-out-of-range', `${mark}%`, `has a pass mark of ${mark}%`);
    });

    test.each(['1', '100'])('a pass mark of %s per cent is in range', async mark => {
        expect(await found(edited(['pass-mark 75%', `pass-mark ${mark}%`]), 'pass-mark-out-of-range')).toEqual([]);
    });

    test('a module with checks but no pass mark is told the default', async () => {
        const module = edited(['pass-mark 75%', '']);
        await expectOne(
            module,
            'pass-mark-missing',
            'X "',
            "Module 'X' has knowledge checks but no pass mark (`pass-mark N%`): the default of 80% is used."
        );
    });

    test('a module without checks needs no pass mark', async () => {
        const module = goodModule.replace('pass-mark 75%', '').replace(/\n {4}(check|pool) .*/g, '');
        expect(await found(module, 'pass-mark-missing')).toEqual([]);
    });
});

describe('pools', () => {
    test('drawing more than it holds, at the number', async () => {
        const module = edited(['draw 1 from', 'draw 3 from']);
        await expectOne(module, 'pool-draws-too-many', '3 from', "Pool 'X-P1' draws 3 questions from 2");
    });

    test('drawing all it holds is allowed', async () => {
        expect(await found(edited(['draw 1 from', 'draw 2 from']), 'pool-draws-too-many')).toEqual([]);
    });

    test('drawing none', async () => {
        const module = edited(['draw 1 from', 'draw 0 from']);
        await expectOne(module, 'pool-draws-none', '0 from', "Pool 'X-P1' draws no questions");
        expect(await found(module, 'pool-draws-too-many')).toEqual([]);
    });

    test('a check in two pools is reported at its second listing', async () => {
        const module = edited(['draw 1 from X-Q2, X-Q3', 'draw 1 from X-Q2, X-Q3\n    pool X-P2 draw 1 from X-Q1, X-Q3']);
        await expectOne(module, 'check-in-two-pools', 'X-Q3', "Knowledge check 'X-Q3' is also in pool 'X-P1'", 2);
    });

    test("another module's check resolves, and is a diagnostic at the reference, not a crash", async () => {
        const other = `module Y "Module Y" { check Y-Q1 { question "Other?" option "a" option "b" correct } }`;
        const module = edited(['draw 1 from X-Q2, X-Q3', 'draw 1 from X-Q2, Y-Q1']);
        const workspace = await buildWorkspace(files(module, { 'y.gdl': other }));
        const pooled = workspace.diagnostics('x.gdl').filter(d => d.code === Codes['pool-check-other-module'].code);
        expect(pooled.map(d => d.message)).toEqual(["Pool 'X-P1' lists 'Y-Q1', a knowledge check of another module (Y)."]);
        expect(pooled[0]!.range.start).toEqual(positionOf(module, 'Y-Q1'));
        expect(workspace.codes('x.gdl')).not.toContain(Codes['unresolved-reference'].code);
    });
});

describe('question kinds', () => {
    test('a single-answer check with two correct options, at the second', async () => {
        const module = edited(['option "a" option "b" correct }', 'option "a" correct option "b" correct }']);
        await expectOne(
            module,
            'single-answer-several-correct',
            'correct',
            "Knowledge check 'X-Q1' is single-answer but marks 2 options `correct`",
            1
        );
    });

    test('a true-false check without an answer', async () => {
        const module = edited([' answer false', '']);
        await expectOne(
            module,
            'true-false-without-answer',
            'X-Q2 ',
            "Knowledge check 'X-Q2' is true-false but gives no `answer true` or `answer false`."
        );
    });

    test('a true-false check with options, at the first', async () => {
        const module = edited(['answer false }', 'answer false option "yes" correct option "no" }']);
        await expectOne(module, 'true-false-with-options', 'option "yes"', "Knowledge check 'X-Q2' is true-false but lists options");
    });

    test('a true-false check is not asked for correct options or two of them', async () => {
        const codes = (await diagnosticsOf(edited([' answer false', '']))).map(d => d.code);
        expect(codes).not.toContain(Codes['check-without-correct-answer'].code);
        expect(codes).not.toContain(Codes['check-too-few-options'].code);
    });

    test.each([
        ['single-answer', 'option "b" correct }', 'option "b" correct answer true }'],
        ['multiple-answer', 'option "c" }', 'option "c" answer true }']
    ])('an answer on a %s check, at the answer', async (kind, from, to) => {
        const module = edited([from, to]);
        await expectOne(module, 'answer-on-option-question', 'true }', `is ${kind} but gives an \`answer\``);
    });

    test('a multiple-answer check with every option correct', async () => {
        const module = edited(['option "c" }', 'option "c" correct }']);
        await expectOne(module, 'multiple-answer-all-correct', 'X-Q3 ', "Knowledge check 'X-Q3' marks every option `correct`");
    });

    test('the older checks still fire on single- and multiple-answer checks', async () => {
        const codes = (await diagnosticsOf(edited(['option "a" option "b" correct }', 'option "b" }']))).map(d => d.code);
        expect(codes).toContain(Codes['check-without-correct-answer'].code);
        expect(codes).toContain(Codes['check-too-few-options'].code);
    });
});

/** A module of single-answer checks, each written as its options with the correct one in capitals ("a B c"). */
function quizModule(checks: string[]): string {
    const lines = checks.map((options, i) => {
        const written = options.split(' ').map(o => (o === o.toUpperCase() ? `option "${o.toLowerCase()}" correct` : `option "${o}"`));
        return `    check B-Q${i + 1} { question "Q${i + 1}?" assesses B-LO1 ${written.join(' ')} }`;
    });
    return ['module B "Balance" {', '    pass-mark 80%', '    outcome B-LO1 "x" { maps PP-1 }', ...lines, '}'].join('\n');
}

async function balanceFindings(checks: string[]) {
    const module = quizModule(checks);
    const workspace = await buildWorkspace({ ...cleanBase, 'b.gdl': module });
    const of = (name: CodeName) => workspace.diagnostics('b.gdl').filter(d => d.code === Codes[name].code);
    return { module, position: of('answers-same-position'), longest: of('answers-longest') };
}

describe('answer balance', () => {
    test('the statistics: the commonest position (earliest on a tie) and how often the answer is the longest, over countable questions only', () => {
        const q = (kind: QuizQuestion['kind'], ...options: string[]): QuizQuestion => ({
            id: 'q',
            kind,
            question: '?',
            options: options.map(o => ({ text: o.replace('*', ''), correct: o.startsWith('*') })),
            rationale: undefined,
            assesses: []
        });
        const balance = answerBalance([
            q('single-answer', 'aa', '*bbb', 'c'),
            q('single-answer', '*a', 'bb', 'c'),
            q('single-answer', 'a', '*b', 'cc'),
            q('single-answer', '*aaa', 'bbb', 'c'), // the longest, but not strictly
            q('single-answer', '*a', 'b'), // two options: not counted
            q('multiple-answer', '*a', '*b', 'c'), // not single-answer: not counted
            q('single-answer', '*a', '*b', 'c') // two correct: not counted
        ]);
        expect(balance).toEqual({ counted: 4, commonest: { position: 1, count: 2 }, longest: 1 });
        expect(answerBalance([])).toEqual({ counted: 0, commonest: undefined, longest: 0 });
    });

    test('the same position in more than 60%: named with its count, on the module name', async () => {
        const { module, position } = await balanceFindings(['a B c', 'a B c', 'a B c', 'a B c', 'A b c']);
        expect(position.map(d => d.message)).toEqual([
            "In module 'B' the correct answer is option 2 in 4 of 5 single-answer checks: vary its position."
        ]);
        expect(position[0]!.range.start).toEqual(positionOf(module, 'B "'));
    });

    test('the longest option in more than 60%', async () => {
        const { module, longest, position } = await balanceFindings(['a LONGER c', 'LONGER b c', 'a b LONGER', 'LONGER b c', 'a b C']);
        expect(position).toEqual([]);
        expect(longest.map(d => d.message)).toEqual([
            "In module 'B' the correct answer is the longest option in 4 of 5 single-answer checks: write wrong options as full as the right one."
        ]);
        expect(longest[0]!.range.start).toEqual(positionOf(module, 'B "'));
    });

    test('exactly 60% is not a pattern', async () => {
        const { position, longest } = await balanceFindings(['a B c', 'a B c', 'a B c', 'A b c', 'a b C']);
        expect([...position, ...longest]).toEqual([]);
    });

    test('fewer than four countable checks say nothing, however alike', async () => {
        const { position, longest } = await balanceFindings(['a LONGER c', 'a LONGER c', 'a LONGER c', 'a B', 'a B']);
        expect([...position, ...longest]).toEqual([]);
    });
});
