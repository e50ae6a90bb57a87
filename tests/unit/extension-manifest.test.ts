import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { GdlGrammar } from '../../language/src/generated/grammar.js';
import { GrammarAST, AstUtils } from 'langium';
import { assuranceLevels } from '../../language/src/coverage/coverage-model.js';
import { buildWorkspace } from '../support/workspace.js';

const repo = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => JSON.parse(readFileSync(path.join(repo, 'extension', file), 'utf8'));

describe('the extension contributions agree with the language', () => {
    test('every keyword of the grammar is coloured by the TextMate grammar', () => {
        const tm = read('syntaxes/gdl.tmLanguage.json');
        const patterns = [...tm.repository.keywords.patterns.map((p: { match: string }) => p.match), tm.repository.values.match].map(
            m => new RegExp(m)
        );
        const keywords = AstUtils.streamAllContents(GdlGrammar())
            .filter(GrammarAST.isKeyword)
            .map(k => k.value)
            .filter(v => /^[a-z]/.test(v))
            .toSet();
        const missing = [...keywords].filter(k => !patterns.some(p => p.test(k)));
        expect(missing).toEqual([]);
    });

    test('the manifest activates on the language, names settings gdl.*, and declares its view and commands', () => {
        const manifest = read('package.json');
        expect(manifest.activationEvents).toEqual(['onLanguage:gdl']);
        expect(manifest.main).toBe('./out/extension.cjs');
        expect(Object.keys(manifest.contributes.configuration.properties)).toEqual([
            'gdl.asOf',
            'gdl.assuranceLevel',
            'gdl.coverageSeverity',
            'gdl.prose.enabled',
            'gdl.prose.severity',
            'gdl.buildOutput'
        ]);
        expect(manifest.contributes.views.explorer[0].id).toBe('gdl.coverage');
        expect(manifest.contributes.commands.map((c: { command: string }) => c.command)).toEqual([
            'gdl.check',
            'gdl.build',
            'gdl.openPreviewToSide',
            'gdl.refreshCoverage',
            'gdl.newForceWorkspace',
            'gdl.importDocument'
        ]);
        // Commands contributed are activation events of their own (VS Code 1.74 and later): New force
        // workspace works before any .gdl file exists.
        expect(manifest.engines.vscode).toMatch(/^\^1\.(7[4-9]|[89]\d|1\d\d)\./);
    });

    test('the preview opens from the command palette and from the title bar of a .gdl editor', () => {
        const manifest = read('package.json');
        const command = manifest.contributes.commands.find((c: { command: string }) => c.command === 'gdl.openPreviewToSide');
        expect(command).toMatchObject({ title: 'Open Preview to the Side', category: 'GDL', icon: '$(open-preview)' });
        expect(manifest.contributes.menus['editor/title']).toContainEqual({
            command: 'gdl.openPreviewToSide',
            when: 'editorLangId == gdl',
            group: 'navigation'
        });
    });

    test('a .gdl file is edited with 4-space indentation, never a guess from its prose', () => {
        // The code of every bundled file is indented in steps of 4; Markdown list items in triple-quoted prose
        // continue 2 spaces further in, and VS Code's guess (editor.detectIndentation) takes those for the
        // file's indentation: a new line in a section would then be indented by 2.
        const lines = readFileSync(path.join(repo, 'guidance/example-constabulary/guidance/risk.gdl'), 'utf8').split('\n');
        const code: number[] = [];
        const inProse: number[] = [];
        let open = false;
        for (const line of lines) {
            const indent = /^( *)\S/.exec(line)?.[1]!.length;
            const delimiters = line.split('"""').length - 1;
            if (indent !== undefined) {
                (open && delimiters === 0 ? inProse : code).push(indent);
            }
            open = delimiters % 2 === 1 ? !open : open;
        }
        expect(code.every(n => n % 4 === 0)).toBe(true);
        expect(inProse.some(n => n % 4 === 2)).toBe(true);
        expect(read('package.json').contributes.configurationDefaults['[gdl]']).toEqual({
            'editor.tabSize': 4,
            'editor.insertSpaces': true,
            'editor.detectIndentation': false
        });
    });

    test("the setting gdl.assuranceLevel offers the plan's level and every level of the language, and defaults to the plan's", () => {
        const setting = read('package.json').contributes.configuration.properties['gdl.assuranceLevel'];
        expect(setting.enum).toEqual(['plan', ...assuranceLevels]);
        expect(setting.enumDescriptions).toHaveLength(setting.enum.length);
        expect(setting.default).toBe('plan');
    });

    test('every snippet, with its placeholders filled, is valid GDL', async () => {
        const snippets = read('snippets/gdl.json') as Record<string, { prefix: string; body: string[] }>;
        const fill = (body: string[]) =>
            body
                .join('\n')
                .replace(/\$\{\d+\|([^,|]+)[^}]*\}/g, '$1')
                .replace(/\$\{\d+:([^}]*)\}/g, (_, value: string) =>
                    value.replace('YYYY-MM-DD', '2025-01-01').replace('N.N', '1.1').replace(/^N$/, '1').replace(/^ID$/, 'X1')
                )
                .replace(/\$0/g, '');
        const wrap: Record<string, (text: string) => string> = {
            recommendation: t => `framework F "f" {\n${t}\n}`,
            evidence: t => `framework F "f" { recommendation 1 { text "t"\n${t}\n} }`,
            section: t => `guidance g "g" {\n${t}\n}`,
            check: t => `module M "m" {\n${t}\n}`,
            activity: t => `module M "m" {\n${t}\n}`,
            item: t => `plan P "p" {\n${t}\n}`,
            waive: t => `plan P "p" {\n${t}\n}`
        };
        for (const [name, snippet] of Object.entries(snippets)) {
            const text = (wrap[snippet.prefix] ?? (t => t))(fill(snippet.body));
            const workspace = await buildWorkspace({ 'snippet.gdl': text });
            const document = workspace.documents.get('snippet.gdl')!;
            expect(
                document.parseResult.lexerErrors.map(e => e.message),
                `${name}:\n${text}`
            ).toEqual([]);
            expect(
                document.parseResult.parserErrors.map(e => e.message),
                `${name}:\n${text}`
            ).toEqual([]);
        }
    });
});
