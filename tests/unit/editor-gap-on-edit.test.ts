import { describe, expect, test } from 'vitest';
import { cleanBase } from '../support/fixtures-base.js';
import { buildWorkspace } from '../support/workspace.js';

const guidance = cleanBase['guidance.gdl']!;
const lineOf = (text: string, needle: string) => text.split('\n').findIndex(l => l.includes(needle));

describe('an edit that takes away the last cover of a requirement is reported where the writer made it (GDL0210)', () => {
    test('removing 12.1 from a section: the guidance file says so at the section, with the text; covering it again clears it', async () => {
        const workspace = await buildWorkspace(cleanBase);
        const edited = guidance.replace('addresses 12.1, 12.3', 'addresses 12.3');
        await workspace.edit('guidance.gdl', edited);
        const [loss, ...more] = workspace.diagnostics('guidance.gdl').filter(d => d.code === 'GDL0210');
        expect(more).toEqual([]);
        expect(loss!.message).toBe(
            'Evidence requirement 12.1 is no longer covered: guidance §s-one was its last cover. The requirement: "First requirement."'
        );
        expect(loss!.severity).toBe(2);
        expect(loss!.range.start.line).toBe(lineOf(edited, 'section s-one'));
        // The framework's warning quotes the text too.
        expect(workspace.diagnostics('framework.gdl').map(d => d.message)).toEqual([
            'Evidence requirement 12.1 is not covered. The requirement: "First requirement."'
        ]);

        // An edit elsewhere does not clear it: the requirement is still uncovered.
        await workspace.edit('training.gdl', cleanBase['training.gdl']!.replace('"Module"', '"Module one"'));
        expect(workspace.codes('guidance.gdl')).toEqual(['GDL0210']);
        // Covered again (by the plan, another file): it goes.
        await workspace.edit('plan.gdl', cleanBase['plan.gdl']!.replace('addresses 12.2', 'addresses 12.1, 12.2'));
        expect(workspace.codes('guidance.gdl')).toEqual([]);
    });

    test('a section made draft, then deleted with its file: reported, then gone with the file', async () => {
        const workspace = await buildWorkspace(cleanBase);
        await workspace.edit('guidance.gdl', guidance.replace('status approved', 'status draft'));
        // 12.3 keeps its training, but needs guidance too: it has lost its cover as well.
        expect(
            workspace
                .diagnostics('guidance.gdl')
                .filter(d => d.code === 'GDL0210')
                .map(d => d.message)
        ).toEqual([
            'Evidence requirement 12.1 is no longer covered: guidance §s-one was its last cover. The requirement: "First requirement."',
            'Evidence requirement 12.3 is no longer covered: guidance §s-one was its last cover. The requirement: "Third requirement."'
        ]);
        await workspace.remove('guidance.gdl');
        expect(workspace.codes().filter(c => c === 'GDL0210')).toEqual([]);
    });

    test('an edit that leaves another cover, or a first build, reports nothing; coverageSeverity off reports nothing', async () => {
        const both = { ...cleanBase, 'plan.gdl': cleanBase['plan.gdl']!.replace('addresses 12.2', 'addresses 12.1, 12.2') };
        const workspace = await buildWorkspace(both);
        await workspace.edit('guidance.gdl', guidance.replace('addresses 12.1, 12.3', 'addresses 12.3'));
        expect(workspace.codes().filter(c => c === 'GDL0210')).toEqual([]);

        const quiet = await buildWorkspace(cleanBase);
        quiet.services.gdl.Settings.coverageSeverity = 'off';
        await quiet.edit('guidance.gdl', guidance.replace('addresses 12.1, 12.3', 'addresses 12.3'));
        expect(quiet.codes().filter(c => c === 'GDL0210')).toEqual([]);
    });
});

test('an edit that takes away 60 covers in one file reports each at its own section', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `${Math.floor(i / 5) + 1}.${(i % 5) + 1}`);
    const framework = `framework F "F" {\n${Array.from(
        { length: 12 },
        (_, r) =>
            `    recommendation ${r + 1} { to chief-constables text "R" ${ids
                .filter(id => id.startsWith(`${r + 1}.`))
                .map(id => `evidence ${id} { text "Requirement ${id}." }`)
                .join(' ')} }`
    ).join('\n')}\n}`;
    const sections = (covered: boolean) =>
        ids.map((id, i) => `    section s${i} "S" {${covered ? ` addresses ${id}` : ''} """T""" }`).join('\n');
    const guidance = (covered: boolean) =>
        `guidance g "G" { owner "O" status approved approved 2025-01-01 review-by 2027-01-01 audience all\n${sections(covered)}\n}\naudience all "All"`;
    const workspace = await buildWorkspace({ 'framework.gdl': framework, 'guidance.gdl': guidance(true) });
    expect(workspace.codes('guidance.gdl')).toEqual([]);
    await workspace.edit('guidance.gdl', guidance(false));
    const losses = workspace.diagnostics('guidance.gdl').filter(d => d.code === 'GDL0210');
    expect(losses.map(d => [d.range.start.line, d.message])).toEqual(
        ids.map((id, i) => [
            i + 1,
            `Evidence requirement ${id} is no longer covered: guidance §s${i} was its last cover. The requirement: "Requirement ${id}."`
        ])
    );
});
