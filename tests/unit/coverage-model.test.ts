import { describe, expect, test } from 'vitest';
import { computeCoverage } from '../../language/src/coverage/coverage-model.js';
import { cleanBase, variant } from '../support/fixtures-base.js';
import { siteModel } from '../../language/src/publish/site-model.js';
import { buildWorkspace } from '../support/workspace.js';

const modelOf = async (files: Record<string, string>) => {
    const workspace = await buildWorkspace(files);
    return computeCoverage(workspace.documents.values());
};

describe('the coverage model', () => {
    test('lists every requirement in framework order with the items covering it, by kind', async () => {
        const model = await modelOf(cleanBase);
        expect(model.total).toBe(3);
        expect(model.covered).toBe(3);
        expect(model.requirements.map(r => [r.id, r.state, r.items.map(i => `${i.kind}:${i.label}`)])).toEqual([
            ['12.1', 'covered', ['guidance:guidance §s-one']],
            ['12.2', 'covered', ['action:plan item 12']],
            ['12.3', 'covered', ['guidance:guidance §s-one', 'training:module M outcome M-LO1']]
        ]);
        const item = model.requirements[0]!.items[0]!;
        expect(item.uri).toMatch(/guidance\.gdl$/);
        expect(item.line).toBeGreaterThan(0);
    });

    test('drafts, withdrawn sections and unfinished plan items address a requirement but do not cover it', async () => {
        const model = await modelOf(
            variant([
                ['guidance.gdl', 'status approved', 'status withdrawn'],
                ['plan.gdl', 'status complete progress 100%', 'status in-progress progress 60%'],
                ['training.gdl', 'status approved', 'status draft']
            ])
        );
        expect(model.covered).toBe(0);
        expect(model.requirements.map(r => r.state)).toEqual(['uncovered', 'uncovered', 'uncovered']);
        expect(model.requirements[1]!.items.map(i => i.reason)).toEqual(['plan item is in progress (60%)']);
        expect(model.requirements[0]!.items.map(i => i.reason)).toEqual(['section is withdrawn']);
    });

    test('a draft plan (an imported page not yet merged) covers nothing and is not published, unless drafts are counted', async () => {
        const files = variant([['plan.gdl', 'responds-to F', 'responds-to F\n    status draft']]);
        const model = await modelOf(files);
        expect(model.requirements[1]!.state).toBe('uncovered');
        expect(model.requirements[1]!.items.map(i => i.reason)).toEqual(['the plan is draft']);
        const workspace = await buildWorkspace(files);
        expect(computeCoverage(workspace.documents.values(), { includeDrafts: true }).requirements[1]!.state).toBe('covered');
        const documents = [...workspace.documents.values()];
        const forces = workspace.services.gdl.WorkspaceFacts.workspaceCoverage().forces;
        expect(siteModel(documents, model, false, forces).plans).toEqual([]);
        expect(siteModel(documents, model, true, forces).plans.map(p => p.name)).toEqual(['P']);
        // A plan that says nothing of its status is the force's published plan, as before.
        expect((await modelOf(cleanBase)).requirements[1]!.state).toBe('covered');
    });

    test("a section without a status of its own takes its document's; with none anywhere it is a draft", async () => {
        const approvedByDocument = await modelOf(cleanBase);
        expect(approvedByDocument.requirements[0]!.state).toBe('covered');
        const noStatus = await modelOf(variant([['guidance.gdl', 'status approved', '']]));
        expect(noStatus.requirements[0]!.items[0]!.reason).toBe('section is draft');
    });

    test('a requirement needing guidance and training is the wrong kind with only one of them', async () => {
        const model = await modelOf(variant([['guidance.gdl', 'addresses 12.1, 12.3', 'addresses 12.1']]));
        expect(model.requirements[2]!.state).toBe('wrong-kind');
        expect(model.requirements[2]!.required).toEqual(['guidance', 'training']);
        expect(model.covered).toBe(2);
    });

    test("a requirement-level `requires` overrides the recommendation's", async () => {
        const model = await modelOf(variant([['framework.gdl', 'to chief-constables', 'to chief-constables requires action']]));
        expect(model.requirements.map(r => r.required)).toEqual([['action'], ['action'], ['guidance', 'training']]);
        expect(model.requirements[0]!.state).toBe('wrong-kind');
    });

    test('is computed once per build and shared', async () => {
        const workspace = await buildWorkspace(cleanBase);
        const facts = workspace.services.gdl.WorkspaceFacts;
        expect(facts.coverageModel()).toBe(facts.coverageModel());
        const before = facts.coverageModel();
        // Unchanged sources give the very same model; an edit that changes what the plan says, a new one.
        await workspace.edit('plan.gdl', cleanBase['plan.gdl']!);
        expect(facts.coverageModel().requirements).toEqual(before.requirements);
        await workspace.edit('plan.gdl', cleanBase['plan.gdl']!.replace('progress 100%', 'progress 100% '));
        expect(facts.coverageModel()).not.toBe(before);
    });
});
