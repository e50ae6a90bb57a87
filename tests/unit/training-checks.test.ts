import { describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as ast from '../../language/src/generated/ast.js';
import { GdlHoverProvider } from '../../language/src/lsp/gdl-hover.js';
import { GdlSemanticTokenProvider } from '../../language/src/lsp/gdl-semantic-tokens.js';
import { answerBalance } from '../../language/src/training/answer-balance.js';
import type { QuizQuestion } from '../../language/src/training/quiz.js';
import { Codes, type CodeName } from '../../language/src/validation/diagnostic-codes.js';
import { cleanBase } from '../support/fixtures-base.js';
import { buildWorkspace } from '../support/workspace.js';

/**
 * A module that passes every training check: a running order of 60 minutes in a one-hour module,
 * every outcome practised and assessed, a handout on file that a step uses, a pass mark, a pool.
 */
const goodModule = `
module X "Module X" {
    audience responders
    duration 1 hour
    pass-mark 75%
    outcome X-LO1 "Do the first thing." { maps PP-1 }
    outcome X-LO2 "Do the second thing." { maps PP-1 }
    introduction { duration 10 minutes }
    content "Why it matters" { duration 15 minutes uses X-H2 """Text.""" }
    activity X-A1 "Practise" { duration 25 minutes supports X-LO1, X-LO2 uses X-H1 }
    plenary "Close" { duration 10 minutes }
    handout X-H1 "Worksheet" { file "handouts/worksheet.gdl" for learner }
    handout X-H2 "Answer key" { file "handouts/worksheet.gdl" }
    check X-Q1 { question "First?" assesses X-LO1 option "a" option "b" correct }
    check X-Q2 true-false { question "Second?" assesses X-LO2 answer false }
    check X-Q3 multiple-answer { question "Third?" assesses X-LO2 option "a" correct option "b" correct option "c" }
    pool X-P1 "Either" draw 1 from X-Q2, X-Q3
}`;

/** The clean base with the module file, the handout on file, and any other files. */
const files = (module: string, extra: Record<string, string> = {}) => ({
    ...cleanBase,
    'x.gdl': module,
    'handouts/worksheet.gdl': '// stands in for a handout file: the workspace here holds .gdl files only\n',
    ...extra
});

/** The good module with each pair's first occurrence replaced. */
const edited = (...edits: Array<[from: string, to: string]>) =>
    edits.reduce((text, [from, to]) => {
        if (!text.includes(from)) {
            throw new Error(`test fixture: '${from}' not in the module`);
        }
        return text.replace(from, to);
    }, goodModule);

/** Where `marker` (its `nth` occurrence) starts in `text`, as an editor position. */
function positionOf(text: string, marker: string, nth = 0): { line: number; character: number } {
    let offset = -1;
    for (let i = 0; i <= nth; i++) {
        offset = text.indexOf(marker, offset + 1);
        expect(offset, `'${marker}' in the fixture`).toBeGreaterThanOrEqual(0);
    }
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before.at(-1)!.length };
}

async function diagnosticsOf(module: string, extra: Record<string, string> = {}): Promise<Diagnostic[]> {
    const workspace = await buildWorkspace(files(module, extra));
    return workspace.diagnostics('x.gdl');
}

/** The module's diagnostics of one code; the severity must be the catalogue's. */
async function found(module: string, name: CodeName, extra: Record<string, string> = {}): Promise<Diagnostic[]> {
    const all = await diagnosticsOf(module, extra);
    const matching = all.filter(d => d.code === Codes[name].code);
    const severity = { error: 1, warning: 2, info: 3 }[Codes[name].severity];
    matching.forEach(d => expect(d.severity).toBe(severity));
    return matching;
}

/** Expects exactly one diagnostic of the code, at `marker` in the module, saying `says`. */
async function expectOne(module: string, name: CodeName, marker: string, says: string, nth = 0): Promise<void> {
    const matching = await found(module, name);
    expect(
        matching.map(d => d.message),
        name
    ).toHaveLength(1);
    expect(matching[0]!.message).toContain(says);
    expect(matching[0]!.range.start).toEqual(positionOf(module, marker, nth));
}

describe('the good module', () => {
    test('raises no diagnostic at all, and the rest of the workspace stays clean', async () => {
        const workspace = await buildWorkspace(files(goodModule));
        expect(workspace.diagnostics().map(d => `${d.code} ${d.message}`)).toEqual([]);
    });
});

describe('the running order', () => {
    test('too long: both figures, as a trainer reads them, at the module duration', async () => {
        const module = edited(['duration 25 minutes', 'duration 1 hour']);
        await expectOne(
            module,
            'running-order-mismatch',
            '1 hour\n',
            "adds up to 1 hour 35 minutes, 35 minutes more than the module's duration of 1 hour"
        );
    });

    test('too short', async () => {
        const module = edited(['plenary "Close" { duration 10 minutes }', 'plenary "Close" { duration 1 minute }']);
        await expectOne(
            module,
            'running-order-mismatch',
            '1 hour\n',
            "adds up to 51 minutes, 9 minutes less than the module's duration of 1 hour"
        );
    });

    test('singular units and days are minutes like any other', async () => {
        const module = edited(['duration 1 hour', 'duration 1 day'], ['duration 25 minutes', 'duration 6 hours']);
        // 10 + 15 + 360 + 10 = 395 minutes; a training day is 7 hours 30 minutes (450).
        await expectOne(
            module,
            'running-order-mismatch',
            '1 day',
            "adds up to 6 hours 35 minutes, 55 minutes less than the module's duration of 7 hours 30 minutes"
        );
    });

    test('a step without a duration is named at the step; the total is not called short while a step is untimed', async () => {
        const module = edited(['introduction { duration 10 minutes }', 'introduction { }']);
        await expectOne(module, 'step-without-duration', 'introduction', "The introduction of module 'X' has no duration");
        expect(await found(module, 'running-order-mismatch')).toEqual([]);
    });

    test('an untimed step does not hide an overrun', async () => {
        const module = edited(
            ['content "Why it matters" { duration 15 minutes', 'content "Why it matters" {'],
            ['duration 25 minutes', 'duration 2 hours']
        );
        await expectOne(module, 'step-without-duration', '"Why it matters"', "Content 'Why it matters' of module 'X' has no duration");
        await expectOne(module, 'running-order-mismatch', '1 hour\n', 'adds up to 2 hours 20 minutes, 1 hour 20 minutes more than');
    });

    test('a module without a duration, or without a running order, has nothing to add up', async () => {
        expect(await found(edited(['duration 1 hour', '']), 'running-order-mismatch')).toEqual([]);
        expect(await found(edited(['introduction { duration 10 minutes }', '']), 'step-without-duration')).toEqual([]);
        const noSteps = goodModule.replace(/\n {4}(introduction|content|activity|plenary) .*/g, '');
        expect(await found(noSteps, 'running-order-mismatch')).toEqual([]);
    });

    test('a duration in an unknown unit is a located syntax error, not a crash', async () => {
        const module = edited(['duration 1 hour', 'duration 90 mins']);
        const errors = (await diagnosticsOf(module)).filter(d => d.code === Codes['syntax-error'].code);
        expect(errors.length).toBeGreaterThan(0);
        expect(errors[0]!.range.start).toEqual(positionOf(module, 'mins'));
    });
});

describe('outcomes and activities', () => {
    test('an outcome no activity supports, while the module has activities', async () => {
        const module = edited(['supports X-LO1, X-LO2', 'supports X-LO1']);
        await expectOne(module, 'outcome-not-supported', 'X-LO2 "', "Learning outcome 'X-LO2' is supported by no activity of module 'X'");
    });

    test('a module without activities does not ask for them', async () => {
        const module = edited([
            'activity X-A1 "Practise" { duration 25 minutes supports X-LO1, X-LO2 uses X-H1 }',
            'content "Cases" { duration 25 minutes uses X-H1 }'
        ]);
        expect(await found(module, 'outcome-not-supported')).toEqual([]);
    });

    test('an activity that supports nothing', async () => {
        const module = edited(['supports X-LO1, X-LO2 ', '']);
        await expectOne(module, 'activity-supports-nothing', 'X-A1 "', "Activity 'X-A1' supports no learning outcome");
    });
});

describe('handouts', () => {
    test('a missing file', async () => {
        const module = edited(['file "handouts/worksheet.gdl" for', 'file "handouts/missing.pdf" for']);
        await expectOne(
            module,
            'handout-file-missing',
            '"handouts/missing.pdf"',
            "Handout 'X-H1' is the file 'handouts/missing.pdf', which does not exist."
        );
    });

    test.each(['../outside.pdf', '/etc/passwd', 'https://example.org/sheet.pdf', 'handouts\\\\worksheet.gdl'])(
        'a path outside the workspace: %s',
        async path => {
            const module = edited(['file "handouts/worksheet.gdl" for', `file "${path}" for`]);
            await expectOne(module, 'handout-outside-workspace', `"${path}"`, 'outside the workspace');
            expect(await found(module, 'handout-file-missing')).toEqual([]);
        }
    );

    test('a handout with no file', async () => {
        const module = edited(['{ file "handouts/worksheet.gdl" for learner }', '{ for learner }']);
        await expectOne(module, 'handout-without-file', 'X-H1 "', "Handout 'X-H1' names no file");
    });

    test('a handout no step uses', async () => {
        const module = edited(['uses X-H1', '']);
        await expectOne(module, 'handout-not-used', 'X-H1 "', "Handout 'X-H1' is used by no step of module 'X'");
    });

    test('exhibits keep the same file rule, under their own codes', async () => {
        const exhibit = (file: string) => ({
            'exhibits.gdl': cleanBase['exhibits.gdl']!.replace('address "https://example.org/audit"', `file "${file}"`)
        });
        const codesOf = async (file: string) => (await buildWorkspace(files(goodModule, exhibit(file)))).codes('exhibits.gdl');
        expect(await codesOf('handouts/worksheet.gdl')).toEqual([]);
        expect(await codesOf('missing.pdf')).toEqual([Codes['exhibit-file-missing'].code]);
        expect(await codesOf('../x.pdf')).toEqual([Codes['exhibit-outside-workspace'].code]);
    });
});

describe('the pass mark', () => {
    test.each(['0', '101', '150'])('%s%% is out of range, reported at the number', async mark => {
        const module = edited(['pass-mark 75%', `pass-mark ${mark}%`]);
        await expectOne(module, 'pass-mark-out-of-range', `${mark}%`, `has a pass mark of ${mark}%`);
    });

    test.each(['1', '100'])('%s%% is in range', async mark => {
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

describe('references inside a module', () => {
    test("`uses` and a pool resolve to the module's own handouts and checks", async () => {
        const workspace = await buildWorkspace(files(goodModule));
        const module = (workspace.documents.get('x.gdl')!.parseResult.value as ast.GdlFile).elements.find(ast.isTrainingModule)!;
        const activity = module.steps.find(ast.isActivity)!;
        expect(activity.uses.map(u => u.ref)).toEqual([module.handouts.find(h => h.name === 'X-H1')]);
        expect(module.pools[0]!.checks.map(c => c.ref)).toEqual(module.checks.filter(c => ['X-Q2', 'X-Q3'].includes(c.name)));
    });

    test("a step using another module's handout: a diagnostic at the reference", async () => {
        const other = `module Y "Module Y" { handout Y-H1 "Theirs" { file "handouts/worksheet.gdl" } }`;
        const module = edited(['uses X-H1', 'uses X-H1, Y-H1']);
        const workspace = await buildWorkspace(files(module, { 'y.gdl': other }));
        const used = workspace.diagnostics('x.gdl').filter(d => d.code === Codes['step-uses-other-module-handout'].code);
        expect(used.map(d => d.message)).toEqual(["Activity 'X-A1' of module 'X' uses 'Y-H1', a handout of another module (Y)."]);
        expect(used[0]!.range.start).toEqual(positionOf(module, 'Y-H1'));
    });

    test('a reference to nothing is an unresolved reference, located', async () => {
        const module = edited(['draw 1 from X-Q2, X-Q3', 'draw 1 from X-Q2, X-Q9']);
        const unresolved = (await diagnosticsOf(module)).filter(d => d.code === Codes['unresolved-reference'].code);
        expect(unresolved.map(d => d.range.start)).toEqual([positionOf(module, 'X-Q9')]);
        // With a reference unresolved, the pool's size is unknown: no guess that it draws too many.
        expect(await found(module, 'pool-draws-too-many')).toEqual([]);
    });
});

describe('the editor on the new training grammar', () => {
    const cramped =
        'module X "X" { duration 1 hour pass-mark 75 % kit "Pens" outcome X-LO1 "x" introduction { duration 10 minutes } break "Tea" { duration 15 minute } ' +
        'activity X-A1 "A" { duration 25 minutes supports X-LO1 uses X-H1 ,X-H2 criteria "Names the pattern" } plenary { duration 10 minutes } ' +
        'handout X-H1 "Sheet" { file "a.pdf" for learner , trainer } handout X-H2 "Key" { file "k.pdf" } check X-Q1 true-false { question "Q?" answer true } ' +
        'check X-Q2 { question "Q?" option "a" option "b" correct } pool X-P1 "Either" draw 1 from X-Q1 ,X-Q2 }';

    async function formatted(text: string): Promise<string> {
        const workspace = await buildWorkspace({ 'a.gdl': text });
        const document = workspace.documents.get('a.gdl')!;
        const edits = await workspace.services.lsp.Formatter!.formatDocument(document, {
            textDocument: { uri: document.uri.toString() },
            options: { tabSize: 4, insertSpaces: true }
        });
        return TextDocument.applyEdits(document.textDocument, edits);
    }

    test('the formatter lays out interludes, handouts, kinds of question and a pool one clause a line, and again changes nothing', async () => {
        const out = await formatted(cramped);
        expect(out).toBe(
            [
                'module X "X" {',
                '    duration 1 hour',
                '    pass-mark 75%',
                '    kit "Pens"',
                '    outcome X-LO1 "x"',
                '    introduction {',
                '        duration 10 minutes',
                '    }',
                '    break "Tea" {',
                '        duration 15 minute',
                '    }',
                '    activity X-A1 "A" {',
                '        duration 25 minutes',
                '        supports X-LO1',
                '        uses X-H1, X-H2',
                '        criteria "Names the pattern"',
                '    }',
                '    plenary {',
                '        duration 10 minutes',
                '    }',
                '    handout X-H1 "Sheet" {',
                '        file "a.pdf"',
                '        for learner, trainer',
                '    }',
                '    handout X-H2 "Key" {',
                '        file "k.pdf"',
                '    }',
                '    check X-Q1 true-false {',
                '        question "Q?"',
                '        answer true',
                '    }',
                '    check X-Q2 {',
                '        question "Q?"',
                '        option "a"',
                '        option "b" correct',
                '    }',
                '    pool X-P1 "Either" draw 1 from X-Q1, X-Q2',
                '}'
            ].join('\n')
        );
        expect(await formatted(out)).toBe(out);
    });

    test('hover answers on every word of the module and semantic tokens colour its references, without throwing', async () => {
        const workspace = await buildWorkspace({ ...cleanBase, 'x.gdl': goodModule });
        const document = workspace.documents.get('x.gdl')!;
        // The providers themselves, not the server's wrapped ones, which would swallow an exception.
        const hover = new GdlHoverProvider(workspace.services);
        const hovers: string[] = [];
        for (const match of goodModule.matchAll(/[\w-]+/g)) {
            const result = await hover.getHoverContent(document, {
                textDocument: { uri: document.uri.toString() },
                position: document.textDocument.positionAt(match.index)
            });
            const value = result && typeof result.contents === 'object' && 'value' in result.contents ? result.contents.value : '';
            hovers.push(value);
        }
        expect(hovers).toContain('**Handout X-H1** — Worksheet\n\nFile: handouts/worksheet.gdl; in the learner edition');
        expect(hovers).toContain('**Handout X-H2** — Answer key\n\nFile: handouts/worksheet.gdl; in the trainer edition');
        expect(hovers).toContain('**Question pool X-P1** — Either\n\nDraws 1 of 2 at each attempt: X-Q2, X-Q3');
        expect(hovers).toContain('**Knowledge check X-Q2** (true-false, module X)\n\nSecond?');
        const tokens = await new GdlSemanticTokenProvider(workspace.services).semanticHighlight(document, {
            textDocument: { uri: document.uri.toString() }
        });
        // Five integers a token, each starting at a delta from the last: decode to absolute line and column.
        const starts: string[] = [];
        let line = 0;
        let character = 0;
        for (let i = 0; i < tokens.data.length; i += 5) {
            line += tokens.data[i]!;
            character = tokens.data[i]! === 0 ? character + tokens.data[i + 1]! : tokens.data[i + 1]!;
            starts.push(`${line}:${character}`);
        }
        for (const reference of ['uses X-H1', 'from X-Q2', 'X-Q2, X-Q3']) {
            const at = positionOf(goodModule, reference);
            const word = reference.split(' ').at(-1)!;
            const offset = reference.lastIndexOf(word);
            expect(starts, reference).toContain(`${at.line}:${at.character + offset}`);
        }
    });
});
