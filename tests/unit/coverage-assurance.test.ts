import { describe, expect, test } from 'vitest';
import { computeCoverage, computeWorkspaceCoverage, type AssuranceLevel } from '../../language/src/coverage/coverage-model.js';
import { coverageReport, loadExample } from '../support/in-process.js';
import { cleanBase, variant } from '../support/fixtures-base.js';
import { buildWorkspace, miniFramework } from '../support/workspace.js';

// Coverage as an auditor relies on it: at a level of assurance, as at a date, force by force.

const modelOf = async (files: Record<string, string>, options: { asOf?: string; level?: AssuranceLevel } = {}) => {
    const workspace = await buildWorkspace(files, options.asOf);
    return computeCoverage(workspace.documents.values(), { asOf: options.asOf ?? '2026-01-15', level: options.level });
};

/** The clean base with 12.2 answered only by plan item 12: its exhibit (if any) replaced by `exhibits`. */
const planOnly = (exhibits: string, exhibit = '') =>
    variant([
        ['plan.gdl', 'exhibits X-AUDIT', exhibits],
        [
            'exhibits.gdl',
            'exhibit X-AUDIT "Stalking audit" { kind audit dated 2025-02-01 owner "Analyst" address "https://example.org/audit" }',
            exhibit
        ]
    ]);

const stateOf = (model: Awaited<ReturnType<typeof modelOf>>, id: string) => {
    const r = model.requirements.find(x => x.id === id)!;
    return { state: r.state, level: r.level, timeliness: r.timeliness, firstMet: r.firstMet, reasons: r.items.map(i => i.reason) };
};

describe('levels of assurance', () => {
    test('a narrative-only plan item addresses a requirement but stops covering it at the default level (evidenced)', async () => {
        const model = await modelOf(planOnly(''));
        expect(model.level).toBe('evidenced');
        expect(stateOf(model, '12.2')).toMatchObject({
            state: 'uncovered',
            level: 'addressed',
            reasons: ['narrative only: it cites no exhibit and no approved material that addresses 12.2']
        });
        expect(model.covered).toBe(2);
    });

    test('addressed: at that level the same narrative-only item covers, from the command or from the plan', async () => {
        expect(stateOf(await modelOf(planOnly(''), { level: 'addressed' }), '12.2')).toMatchObject({
            state: 'covered',
            level: 'addressed'
        });
        const byPlan = await modelOf(
            variant([
                ['plan.gdl', 'responds-to F', 'responds-to F assurance addressed'],
                ['plan.gdl', 'exhibits X-AUDIT', '']
            ])
        );
        expect(byPlan.level).toBe('addressed');
        expect(stateOf(byPlan, '12.2').state).toBe('covered');
    });

    test('evidenced: an exhibit on file, or approved material that addresses the same requirement, backs the item', async () => {
        expect(stateOf(await modelOf(cleanBase), '12.2')).toMatchObject({ state: 'covered', level: 'evidenced' });
        // Evidence links count only when the material itself addresses the requirement (item 12 cites G and M, which do not address 12.2).
        const linked = await modelOf(planOnly('', ''));
        expect(stateOf(linked, '12.2').state).toBe('uncovered');
        const backed = await modelOf(
            variant([
                ['plan.gdl', 'exhibits X-AUDIT', ''],
                ['guidance.gdl', 'section s-two "Two" {', 'section s-two "Two" { addresses 12.2']
            ])
        );
        expect(stateOf(backed, '12.2')).toMatchObject({ state: 'covered', level: 'evidenced' });
        // An approved section is itself the evidence.
        expect(stateOf(await modelOf(cleanBase), '12.1')).toMatchObject({ state: 'covered', level: 'evidenced' });
    });

    test('verified: only an exhibit verified by someone other than the lead, by the as-of date', async () => {
        const exhibit = (verification: string) =>
            `exhibit X-AUDIT "Stalking audit" { kind audit dated 2025-02-01 owner "Analyst" address "https://example.org/audit" ${verification} }`;
        const verified = await modelOf(planOnly('exhibits X-AUDIT', exhibit('verified-by "Force Assurance" verified 2025-02-10')), {
            level: 'verified'
        });
        expect(stateOf(verified, '12.2')).toMatchObject({ state: 'covered', level: 'verified' });
        // Verified by the item's own lead ("L"): evidenced only.
        const byLead = await modelOf(planOnly('exhibits X-AUDIT', exhibit('verified-by "L" verified 2025-02-10')), { level: 'verified' });
        expect(stateOf(byLead, '12.2')).toMatchObject({
            state: 'uncovered',
            level: 'evidenced',
            reasons: ['evidenced only, not verified']
        });
        // Verified after the as-of date: not yet.
        const later = await modelOf(planOnly('exhibits X-AUDIT', exhibit('verified-by "Force Assurance" verified 2026-03-01')), {
            level: 'verified'
        });
        expect(stateOf(later, '12.2').state).toBe('uncovered');
    });
});

describe('coverage as at a date', () => {
    test('material counts from its approval date and plan items from their completion', async () => {
        // The guidance is approved 2025-01-10, the plan item completed 2025-03-01.
        const before = await modelOf(cleanBase, { asOf: '2025-01-09' });
        expect(before.requirements.map(r => r.state)).toEqual(['uncovered', 'uncovered', 'uncovered']);
        expect(stateOf(before, '12.1').reasons).toEqual(['approved on 2025-01-10, after 2025-01-09']);
        const between = await modelOf(cleanBase, { asOf: '2025-02-15' });
        expect(between.requirements.map(r => r.state)).toEqual(['covered', 'uncovered', 'covered']);
        expect(stateOf(between, '12.2').reasons).toEqual(['plan item had no update by 2025-02-15']);
    });

    test('on time, met late, due and overdue against the deadline (2025-03-27)', async () => {
        expect(stateOf(await modelOf(cleanBase), '12.1')).toMatchObject({
            state: 'covered',
            timeliness: 'on-time',
            firstMet: '2025-01-10'
        });
        const late = await modelOf(variant([['plan.gdl', 'updated 2025-03-01', 'updated 2025-06-30']]));
        expect(stateOf(late, '12.2')).toMatchObject({ state: 'covered', timeliness: 'met-late', firstMet: '2025-06-30' });
        const open = await modelOf(variant([['plan.gdl', 'status complete progress 100%', 'status in-progress progress 50%']]), {
            asOf: '2025-03-01'
        });
        expect(stateOf(open, '12.2')).toMatchObject({ state: 'uncovered', timeliness: 'due' });
        const overdue = await modelOf(variant([['plan.gdl', 'status complete progress 100%', 'status in-progress progress 50%']]));
        expect(stateOf(overdue, '12.2')).toMatchObject({ state: 'uncovered', timeliness: 'overdue' });
    });

    test("a plan item's dated history rewinds: complete on the update that completed it", async () => {
        const files = variant([
            ['plan.gdl', 'status complete progress 100% updated 2025-03-01', 'status complete progress 100% updated 2025-09-01'],
            [
                'plan.gdl',
                'exhibits X-AUDIT }',
                'exhibits X-AUDIT\n        on 2025-01-05 { status in-progress progress 30% }\n        on 2025-02-20 { status complete progress 100% } }'
            ]
        ]);
        expect(stateOf(await modelOf(files, { asOf: '2025-02-01' }), '12.2').reasons).toEqual(['plan item is in progress (30%)']);
        expect(stateOf(await modelOf(files), '12.2')).toMatchObject({ state: 'covered', firstMet: '2025-02-20', timeliness: 'on-time' });
    });

    test('cover that lapses and returns is met from its return: a review after the deadline of a revised requirement is met late', async () => {
        // 12.1 revised 2025-03-01 (before its deadline, 2025-03-27); the section approved 2025-01-10 is reviewed only on 2025-08-01.
        const files = variant([
            [
                'framework.gdl',
                'evidence 12.1 { text "First requirement." }',
                'evidence 12.1 { text "First requirement." revised 2025-03-01 }'
            ],
            ['guidance.gdl', 'review-by 2027-01-10', 'review-by 2027-01-10 reviewed 2025-08-01']
        ]);
        expect(stateOf(await modelOf(files, { asOf: '2025-03-27' }), '12.1')).toMatchObject({ state: 'suspect', timeliness: 'due' });
        expect(stateOf(await modelOf(files), '12.1')).toMatchObject({ state: 'covered', timeliness: 'met-late', firstMet: '2025-08-01' });
    });

    test('a history written out of order is read by its dates (and reported, GDL0511)', async () => {
        const files = variant([
            [
                'plan.gdl',
                'exhibits X-AUDIT }',
                'exhibits X-AUDIT\n        on 2027-01-01 { status in-progress progress 10% }\n        on 2025-01-05 { status in-progress progress 30% } }'
            ]
        ]);
        // The item's own fields (complete, 2025-03-01) are its state today; the entry dated 2027 has not happened yet.
        expect(stateOf(await modelOf(files), '12.2')).toMatchObject({ state: 'covered', firstMet: '2025-03-01' });
        expect(stateOf(await modelOf(files, { asOf: '2025-02-01' }), '12.2').reasons).toEqual(['plan item is in progress (30%)']);
    });

    test('withdrawn material counts until its withdrawal date', async () => {
        const files = variant([['guidance.gdl', 'status approved', 'status withdrawn withdrawn 2025-06-01']]);
        expect(stateOf(await modelOf(files, { asOf: '2025-05-31' }), '12.1').state).toBe('covered');
        expect(stateOf(await modelOf(files), '12.1')).toMatchObject({ state: 'uncovered', reasons: ['withdrawn on 2025-06-01'] });
    });

    test('the shipped example: recommendation 25 was not met at its deadline and is met late today', async () => {
        const atDeadline = coverageReport(await loadExample('2025-03-27'));
        const today = coverageReport(await loadExample('2026-11-26'));
        for (const id of ['25.1', '25.2', '25.3']) {
            expect(atDeadline.requirements.find(r => r.id === id)).toMatchObject({ state: 'uncovered', timeliness: 'due' });
            expect(today.requirements.find(r => r.id === id)).toMatchObject({
                state: 'covered',
                timeliness: 'met-late',
                firstMet: '2025-09-19',
                deadline: '2025-03-27'
            });
        }
        expect(today.totals).toMatchObject({ requirements: 39, covered: 38, waived: 1, metLate: 3 });
        // The plan as it stood then: item 25 was in progress at the deadline; today it is complete.
        expect(atDeadline.recommendations.find(r => r.id === '25')).toMatchObject({ planStatus: 'in-progress', covered: 0 });
        expect(today.recommendations.find(r => r.id === '25')).toMatchObject({ planStatus: 'complete', covered: 3 });
        expect(today.level).toBe('evidenced');
    });
});

describe('suspect cover and recommendations to others', () => {
    test('cover approved before the requirement was revised is suspect until reviewed', async () => {
        const revised = variant([
            [
                'framework.gdl',
                'evidence 12.1 { text "First requirement." }',
                'evidence 12.1 { text "First requirement." revised 2025-06-01 }'
            ]
        ]);
        expect(stateOf(await modelOf(revised), '12.1')).toMatchObject({ state: 'suspect' });
        // Before the revision it was sound.
        expect(stateOf(await modelOf(revised, { asOf: '2025-05-01' }), '12.1').state).toBe('covered');
        const reviewed = {
            ...revised,
            'guidance.gdl': revised['guidance.gdl']!.replace('review-by 2027-01-10', 'review-by 2027-01-10 reviewed 2025-07-01')
        };
        expect(stateOf(await modelOf(reviewed), '12.1').state).toBe('covered');
    });

    test('a recommendation made to PCCs is listed "for others", not counted, and a supporting item may answer it', async () => {
        const files = variant([
            [
                'framework.gdl',
                '\n}\naudience',
                '\n    recommendation 15 { to pccs text "t" deadline 2025-03-27 evidence 15.1 { text "Review services." } }\n}\naudience'
            ],
            [
                'plan.gdl',
                'responds-to F',
                'responds-to F\n    item 15 supporting { status complete progress 100% updated 2025-03-01 lead "L" update "We helped." addresses 15.1 exhibits X-AUDIT }'
            ]
        ]);
        const model = await modelOf(files);
        expect(stateOf(model, '15.1')).toMatchObject({ state: 'for-others', timeliness: undefined });
        expect(model.total).toBe(3);
        expect(model.forOthers).toBe(1);
        expect(model.requirements.find(r => r.id === '15.1')!.items.map(i => i.label)).toEqual(['plan item 15']);
        // The plan need not answer a recommendation made to others: no GDL0503 without the item.
        const without = await buildWorkspace({ ...files, 'plan.gdl': files['plan.gdl']!.replace(/\n {4}item 15 supporting \{.*\}/, '') });
        expect(without.codes('plan.gdl')).toEqual([]);
    });
});

describe('force by force', () => {
    /** Two forces sharing one framework; only Kent's guidance addresses 12.3 (and 12.1, 12.2 are answered by both). */
    const twoForces = (): Record<string, string> => {
        const force = (id: string, name: string, covers: string) => ({
            [`${id}/force.gdl`]: `force ${id} "${name}"`,
            [`${id}/plan.gdl`]: `plan ${id}-plan "Plan" { force "${name}" responds-to F item 12 { status complete progress 100% updated 2025-03-01 lead "L" update "Done." addresses 12.1, 12.2 exhibits ${id}-audit } }
exhibit ${id}-audit "Audit" { kind audit dated 2025-02-01 owner "A" address "https://example.org/${id}" }`,
            [`${id}/guidance.gdl`]: `guidance ${id}-g "Guide" { owner "O" status approved approved 2025-01-10 review-by 2027-01-10 audience responders
    section ${id}-s "S" { addresses ${covers} """Text.""" } }
module ${id}-m "M" { audience responders owner "O" status approved approved 2025-01-10 review-by 2027-01-10 duration 1 hours delivery classroom
    outcome ${id}-lo "Recognise." { maps PP-1 addresses 12.3 } }`
        });
        return { 'framework.gdl': miniFramework, ...force('kent', 'Kent Police', '12.3'), ...force('essex', 'Essex Police', '12.1') };
    };

    test("one force's material never covers another's requirement", async () => {
        const workspace = await buildWorkspace(twoForces());
        const coverage = computeWorkspaceCoverage(workspace.documents.values(), { asOf: '2026-01-15' });
        expect(coverage.forces.forces.map(f => f.title)).toEqual(['Essex Police', 'Kent Police']);
        expect(coverage.model('kent').requirements.map(r => r.state)).toEqual(['covered', 'covered', 'covered']);
        // Essex's module addresses 12.3 but its guidance does not: 12.3 needs guidance and training.
        expect(coverage.model('essex').requirements.map(r => r.state)).toEqual(['covered', 'covered', 'wrong-kind']);
        expect(workspace.diagnostics('framework.gdl').map(d => d.message)).toEqual([
            'Evidence requirement 12.3 is not covered for 1 of 2 forces at the evidenced level: Essex Police (wrong kind). The requirement: "Third requirement."'
        ]);
        // With --force, only that force is judged.
        workspace.services.gdl.Settings.force = 'Kent Police';
        await workspace.edit('framework.gdl', miniFramework);
        expect(workspace.diagnostics('framework.gdl')).toEqual([]);
    });

    test('material outside every force folder, in a workspace of forces, covers nothing and says so', async () => {
        const workspace = await buildWorkspace({ ...twoForces(), 'stray.gdl': cleanBase['guidance.gdl']!.replace('see s-two', '') });
        expect(workspace.codes('stray.gdl')).toContain('GDL0608');
        const coverage = computeWorkspaceCoverage(workspace.documents.values(), { asOf: '2026-01-15' });
        expect(coverage.model('essex').of(coverage.model('essex').requirements[2]!.evidence)!.state).toBe('wrong-kind');
    });

    test("an edit in one force's file computes that force's coverage again and reuses the other's", async () => {
        const workspace = await buildWorkspace(twoForces());
        const facts = workspace.services.gdl.WorkspaceFacts;
        const before = facts.workspaceCoverage();
        const kent = before.model('kent');
        const essex = before.model('essex');
        await workspace.edit('kent/guidance.gdl', twoForces()['kent/guidance.gdl']!.replace('addresses 12.3', 'addresses 12.2'));
        const after = facts.workspaceCoverage();
        expect(after.model('essex')).toBe(essex);
        expect(after.model('kent')).not.toBe(kent);
        expect(after.model('kent').requirements.map(r => r.state)).toEqual(['covered', 'covered', 'wrong-kind']);
        // An exhibit's date changes what a plan item of its force proves, though no item changed.
        await workspace.edit('essex/plan.gdl', twoForces()['essex/plan.gdl']!.replace('dated 2025-02-01', 'dated 2026-06-01'));
        expect(
            facts
                .workspaceCoverage()
                .model('essex')
                .requirements.map(r => r.state)
        ).toEqual(['covered', 'uncovered', 'wrong-kind']);
        expect(facts.workspaceCoverage().model('kent')).toBe(after.model('kent'));
    });
});
