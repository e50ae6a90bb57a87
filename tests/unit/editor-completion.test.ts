import { describe, expect, test } from 'vitest';
import { CompletionTriggerKind, type CompletionItem, type MarkupContent } from 'vscode-languageserver';
import { variant } from '../support/fixtures-base.js';
import { buildWorkspace, type TestWorkspace } from '../support/workspace.js';

const longText =
    'Having a single point of contact for stalking in every force area, who advises officers on risk, safeguarding and the use of protective orders.';

/** The clean base with a recommendation 11 nobody answers: 11.1 (long text) is not covered. */
const files = variant([
    [
        'framework.gdl',
        '    recommendation 12 {',
        `    recommendation 11 {\n        to chief-constables\n        deadline 2025-03-27\n        text "Appoint stalking leads."\n        evidence 11.1 { text "${longText}" }\n    }\n    recommendation 12 {`
    ]
]);

/** Completion at the end of `before` in guidance.gdl, whose text becomes `before` + `after`. */
async function complete(workspace: TestWorkspace, before: string, after: string, trigger?: string) {
    await workspace.edit('guidance.gdl', before + after);
    const document = workspace.documents.get('guidance.gdl')!;
    const lines = before.split('\n');
    const list = await workspace.services.lsp.CompletionProvider!.getCompletion(document, {
        textDocument: { uri: document.uri.toString() },
        position: { line: lines.length - 1, character: lines.at(-1)!.length },
        context: trigger
            ? { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter: trigger }
            : { triggerKind: CompletionTriggerKind.Invoked }
    });
    return list?.items ?? [];
}

const guidance = files['guidance.gdl']!;
const [head, tail] = [
    guidance.slice(0, guidance.indexOf('addresses 12.1, 12.3')),
    guidance.slice(guidance.indexOf('addresses 12.1, 12.3') + 'addresses 12.1, 12.3'.length)
];

describe('completing a requirement id shows its text, and what is not covered first', () => {
    test('after `addresses ` typed (a space): ids with their text beside them, in full below, the uncovered one marked and first', async () => {
        const workspace = await buildWorkspace(files);
        const items = await complete(workspace, `${head}addresses `, `\n${tail}`, ' ');
        const labels = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map(i => i.label);
        // With 12.1 and 12.3 taken out of the section, only 12.2 (the plan's) is covered: it comes last.
        expect(labels).toEqual(['11.1', '12.1', '12.3', '12.2']);
        expect(items.find(i => i.label === '12.3')!.labelDetails!.detail).toBe(' wrong kind');
        const gap = items.find(i => i.label === '11.1')!;
        expect(gap.labelDetails).toEqual({
            detail: ' not covered',
            description: 'Having a single point of contact for stalking in every…'
        });
        const documentation = gap.documentation as MarkupContent;
        expect(documentation.kind).toBe('markdown');
        expect(documentation.value).toContain(longText);
        expect(documentation.value).toContain('**Recommendation 11:** Appoint stalking leads.');
        expect(documentation.value).toContain('**Coverage (Test):** Not covered');
        const covered = items.find(i => i.label === '12.2')!;
        expect(covered.labelDetails).toEqual({ description: 'Second requirement.' });
        // No keyword is offered after a typed space, only ids.
        expect(items.every((i: CompletionItem) => /^\d/.test(i.label))).toBe(true);
    });

    test('after a comma in the list, typed: the ids again', async () => {
        const workspace = await buildWorkspace(files);
        const items = await complete(workspace, `${head}addresses 12.1,`, `\n${tail}`, ',');
        expect(items.map(i => i.label)).toContain('11.1');
    });

    test('a space typed anywhere else (after an id, in a title, in the text) answers nothing', async () => {
        const workspace = await buildWorkspace(files);
        expect(await complete(workspace, `${head}addresses 12.1 `, `\n${tail}`, ' ')).toEqual([]);
        expect(
            await complete(
                workspace,
                guidance.slice(0, guidance.indexOf('"Guide') + 3),
                guidance.slice(guidance.indexOf('"Guide') + 3),
                ' '
            )
        ).toEqual([]);
        expect(
            await complete(
                workspace,
                guidance.slice(0, guidance.indexOf('Text.') + 5) + ' ',
                guidance.slice(guidance.indexOf('Text.') + 5),
                ' '
            )
        ).toEqual([]);
        expect(
            await complete(
                workspace,
                guidance.slice(0, guidance.indexOf('    status approved')) + '    status ',
                'approved' + guidance.slice(guidance.indexOf('    status approved') + '    status approved'.length),
                ' '
            )
        ).toEqual([]);
    });

    test('the completion options register the space and the comma as trigger characters', async () => {
        const workspace = await buildWorkspace(files);
        expect(workspace.services.lsp.CompletionProvider!.completionOptions?.triggerCharacters).toEqual([' ', ',']);
    });
});
