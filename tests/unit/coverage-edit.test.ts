import { describe, expect, test } from 'vitest';
import { cleanBase } from '../support/fixtures-base.js';
import { buildWorkspace } from '../support/workspace.js';

const uncoveredIn = (messages: string[]) => messages.filter(m => m.includes('is not covered')).map(m => /requirement (\S+)/.exec(m)![1]);

describe('coverage stays right after edits in any file (through the document builder, as in the server)', () => {
    test('removing 12.1 from a guidance section makes the framework report it; adding it back clears it', async () => {
        const workspace = await buildWorkspace(cleanBase);
        const frameworkMessages = () => workspace.diagnostics('framework.gdl').map(d => d.message);
        expect(frameworkMessages()).toEqual([]);

        const guidance = cleanBase['guidance.gdl']!;
        await workspace.edit('guidance.gdl', guidance.replace('addresses 12.1, 12.3', 'addresses 12.3'));
        expect(uncoveredIn(frameworkMessages())).toEqual(['12.1']);
        expect(workspace.services.gdl.WorkspaceFacts.coverageModel().covered).toBe(2);

        await workspace.edit('guidance.gdl', guidance);
        expect(frameworkMessages()).toEqual([]);
        expect(workspace.services.gdl.WorkspaceFacts.coverageModel().covered).toBe(3);
    });

    test('an edit to a training file changes the kind of coverage the framework reports', async () => {
        const workspace = await buildWorkspace(cleanBase);
        const training = cleanBase['training.gdl']!;
        await workspace.edit('training.gdl', training.replace('maps PP-1 addresses 12.3', 'maps PP-1'));
        expect(workspace.codes('framework.gdl')).toEqual(['GDL0202']);
        await workspace.edit('training.gdl', training);
        expect(workspace.codes('framework.gdl')).toEqual([]);
    });

    test('marking a section draft, or deleting the plan, uncovers what they covered', async () => {
        const workspace = await buildWorkspace(cleanBase);
        await workspace.edit('guidance.gdl', cleanBase['guidance.gdl']!.replace('status approved', 'status draft'));
        expect(uncoveredIn(workspace.diagnostics('framework.gdl').map(d => d.message))).toEqual(['12.1']);
        expect(workspace.diagnostics('framework.gdl')[0]!.message).toContain('guidance §s-one (section is draft)');

        await workspace.edit('guidance.gdl', cleanBase['guidance.gdl']!);
        await workspace.remove('plan.gdl');
        expect(uncoveredIn(workspace.diagnostics('framework.gdl').map(d => d.message))).toEqual(['12.2']);
    });

    test('a new file that covers a requirement clears the framework warning', async () => {
        const workspace = await buildWorkspace({ ...cleanBase, 'plan.gdl': 'plan P "Plan" { force "T" responds-to F }' });
        expect(uncoveredIn(workspace.diagnostics('framework.gdl').map(d => d.message))).toEqual(['12.2']);
        await workspace.edit(
            'extra.gdl',
            'plan Q "Plan" { force "T" responds-to F item 12 { status complete progress 100% addresses 12.2 exhibits X-AUDIT } }'
        );
        expect(uncoveredIn(workspace.diagnostics('framework.gdl').map(d => d.message))).toEqual([]);
    });

    test('a duplicate id reported in an unchanged file clears when the other definition is removed elsewhere', async () => {
        // training.gdl does not reference extra.gdl, so Langium alone would not revalidate it.
        const workspace = await buildWorkspace({ ...cleanBase, 'extra.gdl': 'course CP "Again" { modules M }' });
        expect(workspace.codes('training.gdl')).toContain('GDL0003');
        await workspace.edit('extra.gdl', 'course CP2 "Other" { modules M }');
        expect(workspace.codes('training.gdl')).toEqual([]);
    });

    test('declaring a force, or deleting its plan, updates the files it concerns without editing them', async () => {
        const workspace = await buildWorkspace(cleanBase);
        expect(workspace.codes('guidance.gdl')).toEqual([]);
        // A force in its own folder: the guidance at the top is now outside every force.
        await workspace.edit('kent/force.gdl', 'force kent "Kent Police"');
        expect(workspace.codes('guidance.gdl')).toContain('GDL0608');
        expect(workspace.codes('kent/force.gdl')).toEqual(['GDL0607']);
        await workspace.edit('kent/plan.gdl', 'plan KP "Plan" { force "Kent Police" responds-to F }');
        expect(workspace.codes('kent/force.gdl')).toEqual([]);
        await workspace.remove('kent/plan.gdl');
        expect(workspace.codes('kent/force.gdl')).toEqual(['GDL0607']);
        await workspace.remove('kent/force.gdl');
        expect(workspace.codes('guidance.gdl')).toEqual([]);
    });
});
