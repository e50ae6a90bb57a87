import { describe, expect, test } from 'vitest';
import { ResponseError } from 'vscode-languageserver';
import { cleanBase } from '../support/fixtures-base.js';
import { buildWorkspace, type TestWorkspace } from '../support/workspace.js';

/** Position `shift` characters into the first `needle` of `file`. */
function at(workspace: TestWorkspace, file: string, needle: string, shift: number) {
    const text = workspace.documents.get(file)!.textDocument.getText();
    const before = text.slice(0, text.indexOf(needle) + shift).split('\n');
    return { line: before.length - 1, character: before.at(-1)!.length };
}

async function rename(workspace: TestWorkspace, file: string, position: { line: number; character: number }, newName?: string) {
    const document = workspace.documents.get(file)!;
    return workspace.services.lsp.RenameProvider!.rename(document, {
        textDocument: { uri: document.uri.toString() },
        position,
        ...(newName === undefined ? {} : { newName })
    } as never);
}

async function prepare(workspace: TestWorkspace, file: string, position: { line: number; character: number }) {
    const document = workspace.documents.get(file)!;
    return workspace.services.lsp.RenameProvider!.prepareRename(document, { textDocument: { uri: document.uri.toString() }, position });
}

/** The message of the ResponseError a promise rejects with (undefined when it resolves or fails otherwise). */
async function refusal(promise: Promise<unknown>): Promise<string | undefined> {
    try {
        await promise;
        return undefined;
    } catch (error) {
        return error instanceof ResponseError ? error.message : `not a ResponseError: ${String(error)}`;
    }
}

describe('rename refuses what must not be renamed, and says why', () => {
    test("F2 on a requirement in guidance: the framework's numbering is refused, before and at the rename", async () => {
        const workspace = await buildWorkspace(cleanBase);
        const position = at(workspace, 'guidance.gdl', 'addresses 12.1, 12.3', 'addresses 12.1, 12.'.length);
        const message = "12.3 is an evidence requirement of the national framework (F): its number is the report's and cannot be renamed.";
        expect(await refusal(prepare(workspace, 'guidance.gdl', position))).toBe(message);
        expect(await refusal(rename(workspace, 'guidance.gdl', position, '12.9'))).toBe(message);
        expect(await refusal(rename(workspace, 'framework.gdl', at(workspace, 'framework.gdl', 'recommendation 12', 16), '13'))).toBe(
            "12 is a recommendation of the national framework (F): its number is the report's and cannot be renamed."
        );
        expect(
            await refusal(rename(workspace, 'guidance.gdl', at(workspace, 'guidance.gdl', 'cites PHA.s2A', 'cites PHA.s'.length), 's3'))
        ).toBe("s2A is a provision of Protection from Harassment Act 1997: its number is the Act's and cannot be renamed.");
    });

    test.each([
        [
            'my section',
            "'my section' is not a valid id: an id starts with a letter or _ and has only letters (A–Z, a–z), digits, _ and - (no spaces, quotes or dots)."
        ],
        [
            '"quoted"',
            '\'"quoted"\' is not a valid id: an id starts with a letter or _ and has only letters (A–Z, a–z), digits, _ and - (no spaces, quotes or dots).'
        ],
        [
            '1st',
            "'1st' is not a valid id: an id starts with a letter or _ and has only letters (A–Z, a–z), digits, _ and - (no spaces, quotes or dots)."
        ],
        ['section', "'section' is a word of the language (as in `section …`) and cannot be an id: choose another."],
        ['s-two', "'s-two' is already in use: Section 's-two' in guidance.gdl:16. Choose another id."],
        ['M', "'M' is already in use: Training module 'M' in training.gdl:2. Choose another id."]
    ])('renaming a section to %s is refused', async (newName, message) => {
        const workspace = await buildWorkspace(cleanBase);
        expect(await refusal(rename(workspace, 'guidance.gdl', at(workspace, 'guidance.gdl', 'section s-one', 10), newName))).toBe(message);
    });

    test('a rename without a new name is refused', async () => {
        const workspace = await buildWorkspace(cleanBase);
        expect(await refusal(rename(workspace, 'guidance.gdl', at(workspace, 'guidance.gdl', 'section s-one', 10)))).toBe(
            'Rename needs the new id: none was given.'
        );
    });

    test("a force's own ids are still renamed across files", async () => {
        const workspace = await buildWorkspace(cleanBase);
        const position = at(workspace, 'guidance.gdl', 'guidance G', 'guidance '.length);
        expect(await prepare(workspace, 'guidance.gdl', position)).toMatchObject({ start: position });
        const edit = await rename(workspace, 'guidance.gdl', position, 'G-2');
        expect(
            Object.keys(edit!.changes!)
                .map(uri => uri.split('/').pop())
                .sort()
        ).toEqual(['guidance.gdl', 'plan.gdl']);
        expect(
            Object.values(edit!.changes!)
                .flat()
                .every(e => e.newText === 'G-2')
        ).toBe(true);
    });
});
