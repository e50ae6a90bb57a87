import { describe, expect, test } from 'vitest';
import type { CodeAction, CreateFile, Diagnostic, TextDocumentEdit } from 'vscode-languageserver';
import { cleanBase, variant } from '../support/fixtures-base.js';
import { buildWorkspace, type TestWorkspace } from '../support/workspace.js';
import type * as ast from '../../language/src/generated/ast.js';

const recommendation11 =
    '    recommendation 11 {\n        to chief-constables\n        deadline 2025-03-27\n        text "Take steps on 11."\n        evidence 11.1 { text "Having a single point of contact for stalking in every force area." }\n    }\n    recommendation 12 {';

/** The clean base with a recommendation 11 nobody answers (11.1 is a gap no guidance's recommendation answers), in folders as a force lays them out. */
function withGap(edits: Array<[file: string, from: string, to: string]> = [], extra: Record<string, string> = {}): Record<string, string> {
    const files = variant([['framework.gdl', '    recommendation 12 {', recommendation11], ...edits], extra);
    const { 'framework.gdl': framework, 'guidance.gdl': guidance, ...rest } = files;
    return { 'framework/framework.gdl': framework!, ...(guidance ? { 'guidance/guidance.gdl': guidance } : {}), ...rest };
}

async function actionsAt(
    workspace: TestWorkspace,
    file: string,
    position: { line: number; character: number },
    diagnostics: Diagnostic[] = []
) {
    const document = workspace.documents.get(file)!;
    return (await workspace.services.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() },
        range: { start: position, end: position },
        context: { diagnostics }
    })) as CodeAction[];
}

/** Zero-based position of the end of the first line of `file` holding `needle`, or `character` into it. */
function lineOf(text: string, needle: string, character?: number) {
    const lines = text.split('\n');
    const line = lines.findIndex(l => l.includes(needle));
    if (line < 0) {
        throw new Error(`'${needle}' not found`);
    }
    return { line, character: character ?? lines[line]!.length };
}

const gapOn = (workspace: TestWorkspace, id: string) =>
    workspace.diagnostics('framework/framework.gdl').find(d => d.code === 'GDL0201' && (d.data as { evidence?: string }).evidence === id)!;

describe("'Address … in this section' is offered wherever the cursor is in the section", () => {
    const guidance = withGap([['guidance.gdl', '        cites PHA.s2A', '        cites PHA.s2A\n\n        see s-two-a']])[
        'guidance/guidance.gdl'
    ]!;
    const addressTitles = (actions: CodeAction[]) => actions.map(a => a.title).filter(t => t.startsWith('Address '));

    test.each([
        ['at the end of the line after `addresses 12.1, 12.3`', lineOf(guidance, 'addresses 12.1, 12.3')],
        ['in the indentation of a line of the section', lineOf(guidance, 'cites PHA.s2A', 2)],
        ['on a blank line within the section', { line: lineOf(guidance, 'cites PHA.s2A').line + 1, character: 0 }],
        ['in the indentation before `section`', lineOf(guidance, 'section s-one', 1)],
        ['after the opening brace of the section', lineOf(guidance, 'section s-one')]
    ])('%s', async (_where, position) => {
        const workspace = await buildWorkspace(
            withGap([['guidance.gdl', '        cites PHA.s2A', '        cites PHA.s2A\n\n        see s-two-a']])
        );
        const actions = await actionsAt(workspace, 'guidance/guidance.gdl', position);
        expect(addressTitles(actions)).toEqual(["Address 11.1 in section 's-one'"]);
        const edit = actions.find(a => a.title.startsWith('Address 11.1'))!.edit!.changes!;
        expect(Object.values(edit).flat()[0]!.newText).toBe(', 11.1');
    });

    test('the innermost section is the one offered; outside every section nothing is', async () => {
        const workspace = await buildWorkspace(withGap());
        const text = workspace.documents.get('guidance/guidance.gdl')!.textDocument.getText();
        expect(addressTitles(await actionsAt(workspace, 'guidance/guidance.gdl', lineOf(text, 'Sub text.', 40)))).toEqual([
            "Address 11.1 in section 's-two-a'"
        ]);
        expect(addressTitles(await actionsAt(workspace, 'guidance/guidance.gdl', lineOf(text, 'owner "Lead"')))).toEqual([]);
    });
});

describe("'Create a draft section' writes a draft the writer can finish", () => {
    const newFile = (action: CodeAction) => (action.edit!.documentChanges![0] as CreateFile).uri;
    const newText = (action: CodeAction) => (action.edit!.documentChanges![1] as TextDocumentEdit).edits[0]!.newText;
    const draftAction = async (workspace: TestWorkspace) =>
        (await actionsAt(workspace, 'framework/framework.gdl', gapOn(workspace, '11.1').range.start, [gapOn(workspace, '11.1')])).find(a =>
            a.title.startsWith('Create a draft section covering 11.1')
        );

    test("in the force's guidance folder, never beside the framework; opened; raising nothing; not offered again once written", async () => {
        const workspace = await buildWorkspace(withGap());
        const action = (await draftAction(workspace))!;
        expect(action.title).toBe('Create a draft section covering 11.1 in a new file');
        expect(newFile(action)).toBe('file:///ws/guidance/cover-11-1.gdl');
        expect(action.command).toEqual({
            title: 'Open the draft',
            command: 'gdl.showDocument',
            arguments: ['file:///ws/guidance/cover-11-1.gdl', 4]
        });
        expect(newText(action).split('\n')[4]).toContain('section cover-11-1 ');

        await workspace.edit('guidance/cover-11-1.gdl', newText(action));
        // Owner and audience come from the force's guidance: nothing to fix but the draft itself.
        expect(workspace.diagnostics('guidance/cover-11-1.gdl')).toEqual([]);
        expect(newText(action)).toContain('owner "Lead"');
        expect(newText(action)).toContain('audience responders');
        // The requirement is still a gap (a draft does not cover), but the draft is not offered twice.
        expect(gapOn(workspace, '11.1')).toBeDefined();
        expect(await draftAction(workspace)).toBeUndefined();
    });

    test('quotes and backslashes in the requirement text and the owner are written as GDL strings: the draft parses, with the text', async () => {
        const workspace = await buildWorkspace(
            withGap([
                ['framework.gdl', 'Having a single point of contact', String.raw`A \"single\" point, C:\\`],
                ['guidance.gdl', 'owner "Lead"', String.raw`owner "Lead \"Ops\" \\"`]
            ])
        );
        const action = (await draftAction(workspace))!;
        await workspace.edit('guidance/cover-11-1.gdl', newText(action));
        expect(workspace.diagnostics('guidance/cover-11-1.gdl')).toEqual([]);
        const draft = workspace.documents.get('guidance/cover-11-1.gdl')!.parseResult.value as ast.GdlFile;
        const guidance = draft.elements[0] as ast.Guidance;
        expect(guidance.owner).toBe('Lead "Ops" \\');
        expect(guidance.sections[0]!.title).toMatch(/^A "single" point, C:\\/);
    });

    test('an id already in use, of a section or a file, is not taken again', async () => {
        const workspace = await buildWorkspace(
            withGap([], {
                'guidance.gdl': undefined as unknown as string,
                'other.gdl': cleanBase['guidance.gdl']!.replace('s-one', 'cover-11-1').replace('s-one', 'cover-11-1')
            })
        );
        const action = (await draftAction(workspace))!;
        expect(newText(action)).toContain('section cover-11-1-2 ');
        expect(newFile(action)).toBe('file:///ws/cover-11-1-2.gdl');
    });

    test('a force without guidance files gets `guidance/` in the workspace', async () => {
        const files = withGap();
        delete files['guidance/guidance.gdl'];
        files['plan.gdl'] = files['plan.gdl']!.replace(' evidence G, M', ' evidence M');
        const workspace = await buildWorkspace(files);
        const action = (await draftAction(workspace))!;
        expect(newFile(action)).toBe('file:///ws/guidance/cover-11-1.gdl');
        expect(newText(action)).toContain('owner "L"');
    });
});
