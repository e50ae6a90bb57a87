import { describe, expect, test } from 'vitest';
import * as ast from '../../language/src/generated/ast.js';
import { Codes } from '../../language/src/validation/diagnostic-codes.js';
import { cleanBase } from '../support/fixtures-base.js';
import { diagnosticsOf, edited, expectOne, files, found, goodModule, positionOf } from '../support/training-module.js';
import { buildWorkspace } from '../support/workspace.js';

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
