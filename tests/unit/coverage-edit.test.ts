import * as path from 'node:path';
import { DocumentState, OperationCancelled } from 'langium';
import { describe, expect, test } from 'vitest';
import { CancellationTokenSource, type Diagnostic } from 'vscode-languageserver';
import { cleanBase } from '../support/fixtures-base.js';
import { buildWorkspace, readFolder } from '../support/workspace.js';

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

describe('an edit whose build is cancelled by the next edit (typing): the next build is that of the final text', () => {
    test('a document linked by the cancelled build is linked again to the file edited since: no problem from the text before', async () => {
        const RISK = 'example-constabulary/guidance/risk.gdl';
        const PLAN = 'example-constabulary/action-plan.gdl';
        const files = readFolder(path.join(import.meta.dirname, '../../guidance'));
        const original = files[RISK]!;
        // Version v names a requirement 97.v that does not exist: a problem says which text it came from.
        const textOf = (v: number) => original.replace('addresses 12.2', `addresses 97.${v}`);
        const workspace = await buildWorkspace(files);
        const builder = workspace.services.shared.workspace.DocumentBuilder;
        const uri = (file: string) => workspace.uri(file);

        // The first edit's build is cancelled once it has linked the plan (which refers to the edited file) ...
        const typing = new CancellationTokenSource();
        const listening = builder.onDocumentPhase(DocumentState.Linked, document => {
            if (document.uri.toString() === uri(PLAN).toString()) {
                typing.cancel();
            }
        });
        workspace.write(RISK, textOf(1));
        await expect(builder.update([uri(RISK)], [], typing.token)).rejects.toBe(OperationCancelled);
        listening.dispose();
        // ... then the next edit is built to the end.
        await workspace.edit(RISK, textOf(2));

        const markers = workspace
            .diagnostics(RISK)
            .map(d => /'97\.(\d+)'/.exec(d.message)?.[1])
            .filter(m => m !== undefined);
        expect(markers).toEqual(['2']);
        const fresh = await buildWorkspace({ ...files, [RISK]: textOf(2) });
        const summary = (list: Diagnostic[]) => list.map(d => `${d.range.start.line}:${String(d.code)} ${d.message}`).sort();
        for (const file of [RISK, PLAN, 'framework/sc2024.gdl']) {
            expect(summary(workspace.diagnostics(file)), file).toEqual(summary(fresh.diagnostics(file)));
        }
        const model = workspace.services.gdl.WorkspaceFacts.coverageModel();
        const freshModel = fresh.services.gdl.WorkspaceFacts.coverageModel();
        expect({ covered: model.covered, total: model.total }).toEqual({ covered: freshModel.covered, total: freshModel.total });
    });
});
