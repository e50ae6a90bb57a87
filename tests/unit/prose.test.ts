import { describe, expect, test } from 'vitest';
import { DiagnosticSeverity, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { proseCodeActions } from '../../language/src/lsp/prose-code-actions.js';
import { applyProseEditorSettings } from '../../language/src/lsp/prose-server-setup.js';
import { dedentProse, dedentProseWithOffsets } from '../../language/src/gdl-value-converter.js';
import { parseConfiguration } from '../../language/src/prose/workspace-config.js';
import type { GdlServices } from '../../language/src/gdl-module.js';
import { cleanBase } from '../support/fixtures-base.js';
import { buildWorkspace, type TestWorkspace } from '../support/workspace.js';

// The plain-English checks (GDL0701–GDL0708): each finding at its words in the .gdl file, as `gdl check` prints a
// position; the workspace's gdl.config.json and gdl-words.txt; the quick fixes. The clean base raises none.

const audiences = `
audience call-handlers "Call handlers"
audience specialist-officers "Specialist officers"
audience responders "Responders"`;

/** A guidance document for `audience` whose one section holds `prose`, indented as written. */
const page = (prose: string, audience = 'call-handlers', status = 'approved') => `guidance D "Drafted" {
    owner "Lead"
    status ${status}
    approved 2025-01-10
    review-by 2027-01-10
    audience ${audience}
    section d-one "One" {
        """
${prose}
        """
    }
}
`;

const on = (services: GdlServices) => {
    services.gdl.Settings.prose = { enabled: true };
};

async function build(files: Record<string, string>, prepare = on): Promise<TestWorkspace> {
    return buildWorkspace({ ...cleanBase, 'audiences.gdl': audiences, ...files }, '2026-01-15', prepare);
}

/** The plain-English findings of a file as `code @line:col "the words under it"`. */
function findings(workspace: TestWorkspace, file: string, text: string): string[] {
    const lines = text.split(/\r\n?|\n/);
    return workspace
        .diagnostics(file)
        .filter(d => /^GDL07/.test(String(d.code)))
        .map(d => {
            const { start, end } = d.range;
            const words =
                start.line === end.line
                    ? lines[start.line]!.slice(start.character, end.character)
                    : `${lines[start.line]!.slice(start.character)}…${lines[end.line]!.slice(0, end.character)}`;
            return `${d.code} @${start.line + 1}:${start.character + 1} ${JSON.stringify(words)}`;
        });
}

/** Where `words` are in `text` (the nth time), as `code @line:col "words"`. */
function at(text: string, code: string, words: string, nth = 1): string {
    let offset = -1;
    for (let i = 0; i < nth; i++) {
        offset = text.indexOf(words, offset + 1);
    }
    expect(offset, words).toBeGreaterThanOrEqual(0);
    const before = text.slice(0, offset).split(/\r\n?|\n/);
    return `${code} @${before.length}:${before[before.length - 1]!.length + 1} ${JSON.stringify(words)}`;
}

const eachRule = `        Officers should utilise the the radio.
        Ask a hour later whether the policeman came.
        Check the stalkng log.
        The statement is written by the victim.`;

describe('plain-English findings at their words', () => {
    test('each rule fires at the exact line and column of a prose block indented in a section', async () => {
        const text = page(eachRule);
        const found = findings(await build({ 'page.gdl': text }), 'page.gdl', text);
        expect(found).toEqual([
            at(text, 'GDL0702', 'utilise'),
            at(text, 'GDL0705', 'the the'),
            // The article alone, before 'hour'.
            at(text, 'GDL0706', 'a hour').replace('"a hour"', '"a"'),
            at(text, 'GDL0704', 'policeman'),
            at(text, 'GDL0707', 'stalkng'),
            at(text, 'GDL0703', 'written')
        ]);
    });

    test('the same positions with CRLF line breaks and with tab indentation', async () => {
        const crlf = page(eachRule).replace(/\n/g, '\r\n');
        const tabs = page(eachRule.replace(/ {8}/g, '\t\t'));
        for (const text of [crlf, tabs]) {
            const found = findings(await build({ 'page.gdl': text }), 'page.gdl', text);
            expect(found).toContain(at(text, 'GDL0702', 'utilise'));
            expect(found).toContain(at(text, 'GDL0707', 'stalkng'));
            expect(found).toContain(at(text, 'GDL0703', 'written'));
        }
    });

    test("a word on a list item's continuation line, after emphasis and an escape, is found where it is", async () => {
        const prose = `        - **Arrest**: officers \\*must\\* record both limbs
          and utilise the stalkng checklist.`;
        const text = page(prose);
        const found = findings(await build({ 'page.gdl': text }), 'page.gdl', text).filter(f => !f.startsWith('GDL0701'));
        expect(found).toEqual([at(text, 'GDL0702', 'utilise'), at(text, 'GDL0707', 'stalkng')]);
    });

    test('plain text, code, web addresses, section numbers, police terms and terms of art raise nothing', async () => {
        const prose = `        Call 999 if the victim is in danger. Use \`stalkng-code\` and see https://example.org/stalkng.
        Arrest under s2A or s4A of the Act; refer to the MARAC and the SPO lead.
        Get a warrant for the address.`;
        const text = page(prose);
        expect(findings(await build({ 'page.gdl': text }), 'page.gdl', text)).toEqual([]);
    });

    test('quoted strings readers read are checked (an outcome, a question); titles and notes are not', async () => {
        const module = `module M2 "Stalkng module" {
    audience call-handlers
    owner "L"
    status approved
    approved 2025-01-10
    review-by 2027-01-10
    outcome M2-LO1 "Utilise the log." { maps PP-1 }
    check M2-Q1 { question "Is this stalkng?" assesses M2-LO1 option "Yes" correct option "No" rationale "Because." }
}`;
        const found = findings(await build({ 'm2.gdl': module }), 'm2.gdl', module);
        expect(found).toEqual([at(module, 'GDL0702', 'Utilise'), at(module, 'GDL0707', 'stalkng')]);
    });

    test('without the setting (the CLI without --prose) nothing is checked', async () => {
        const text = page(eachRule);
        const workspace = await build({ 'page.gdl': text }, () => undefined);
        expect(findings(workspace, 'page.gdl', text)).toEqual([]);
    });

    test('the clean base raises no plain-English finding', async () => {
        const workspace = await build({});
        expect(workspace.diagnostics().filter(d => /^GDL07/.test(String(d.code)))).toEqual([]);
    });
});

describe('readability per audience', () => {
    const sentence = '        Officers should consider whether the behaviour amounts to a course of conduct causing alarm or distress.';

    test('a sentence too hard for call handlers (reading age 14) is fine for specialist officers (18)', async () => {
        const forCallHandlers = page(sentence, 'call-handlers');
        const forSpecialists = page(sentence, 'specialist-officers');
        const workspace = await build({
            'a.gdl': forCallHandlers,
            'b.gdl': forSpecialists.replace('guidance D', 'guidance E').replace('d-one', 'e-one')
        });
        const readability = workspace.diagnostics('a.gdl').filter(d => d.code === 'GDL0701');
        expect(readability).toHaveLength(1);
        expect(readability[0]!.message).toContain('Call handlers (reading age 14)');
        expect(readability[0]!.range.start).toEqual({ line: 8, character: 8 });
        expect(workspace.codes('b.gdl')).not.toContain('GDL0701');
    });

    test("the workspace's gdl.config.json sets an audience's reading age", async () => {
        const config = JSON.stringify({ prose: { readingAge: { 'call-handlers': 18 } } });
        const workspace = await build({ 'a.gdl': page(sentence), 'gdl.config.json': config });
        expect(workspace.codes('a.gdl')).not.toContain('GDL0701');
    });
});

describe('severities, the config file and the word list', () => {
    const text = page(eachRule);
    const severityOf = (workspace: TestWorkspace, code: string) =>
        workspace
            .diagnostics('page.gdl')
            .filter(d => d.code === code)
            .map(d => d.severity);

    test('the catalogue severities by default: spelling a warning, a simpler word information', async () => {
        const workspace = await build({ 'page.gdl': text });
        expect(severityOf(workspace, 'GDL0707')).toEqual([DiagnosticSeverity.Warning]);
        expect(severityOf(workspace, 'GDL0702')).toEqual([DiagnosticSeverity.Information]);
    });

    test('gdl.config.json turns a rule off, to a hint or to an error (by code or by name)', async () => {
        const config = JSON.stringify({ prose: { severity: { GDL0703: 'off', 'prose-simpler': 'hint', GDL0707: 'error' } } });
        const workspace = await build({ 'page.gdl': text, 'gdl.config.json': config });
        expect(severityOf(workspace, 'GDL0703')).toEqual([]);
        expect(severityOf(workspace, 'GDL0702')).toEqual([DiagnosticSeverity.Hint]);
        expect(severityOf(workspace, 'GDL0707')).toEqual([DiagnosticSeverity.Error]);
    });

    test("the editor's gdl.prose.severity overrides the file; gdl.prose.enabled false turns the checks off", async () => {
        const config = JSON.stringify({ prose: { severity: { GDL0707: 'error' } } });
        const user = await build({ 'page.gdl': text, 'gdl.config.json': config }, services =>
            applyProseEditorSettings(services.gdl.Settings, { enabled: true, severity: { GDL0707: 'info' } })
        );
        expect(severityOf(user, 'GDL0707')).toEqual([DiagnosticSeverity.Information]);
        const off = await build({ 'page.gdl': text }, services => applyProseEditorSettings(services.gdl.Settings, { enabled: false }));
        expect(off.codes('page.gdl').filter(c => c.startsWith('GDL07'))).toEqual([]);
    });

    test('the file can turn the checks off in the editor, but --prose asks for them anyway', async () => {
        const config = JSON.stringify({ prose: { enabled: false } });
        const editor = await build({ 'page.gdl': text, 'gdl.config.json': config });
        expect(editor.codes('page.gdl').filter(c => c.startsWith('GDL07'))).toEqual([]);
        const cli = await build({ 'page.gdl': text, 'gdl.config.json': config }, services => {
            services.gdl.Settings.prose = { asked: true };
        });
        expect(cli.codes('page.gdl')).toContain('GDL0707');
    });

    test('a malformed config file is a problem with its line and column, and the defaults apply', async () => {
        const config = '{\n  "prose": {\n    "severity": { "GDL0707": "off", }\n  }\n}';
        const workspace = await build({ 'page.gdl': text, 'gdl.config.json': config });
        expect(workspace.services.gdl.Prose.workspaceConfiguration.problems).toEqual([
            { file: 'gdl.config.json', line: 3, column: 37, problem: expect.stringContaining('not valid JSON') as string }
        ]);
        expect(severityOf(workspace, 'GDL0707')).toEqual([DiagnosticSeverity.Warning]);
    });

    test('a wrong value is reported at its key, and the rest of the file still applies', () => {
        const config =
            '{ "prose": { "severity": { "GDL0703": "loud", "GDL0702": "off" }, "readingAge": { "public": "twelve" } },\n  "citations": { "currencyMonths": 6 } }';
        const parsed = parseConfiguration(config, 'gdl.config.json');
        expect(parsed.problems.map(p => `${p.line}:${p.column} ${p.problem}`)).toEqual([
            '1:28 the severity of GDL0703 must be one of off, hint, info, warning, error',
            '1:83 the reading age of "public" must be a number of years from 5 to 25'
        ]);
        expect(parsed.prose.severity).toEqual({ GDL0702: 'off' });
        expect(parsed.citations).toEqual({ currencyMonths: 6 });
    });

    test('the citation settings in the file reach the settings', async () => {
        const config = JSON.stringify({ citations: { currencyMonths: 9, nonAuthoritative: ['example.com'] } });
        const workspace = await build({ 'gdl.config.json': config });
        expect(workspace.services.gdl.Settings).toMatchObject({ legalCurrencyMonths: 9, nonAuthoritativeSources: ['example.com'] });
    });

    test("a word in the workspace's gdl-words.txt (or the file's prose.words) is not a spelling finding", async () => {
        const listed = await build({ 'page.gdl': text, 'gdl-words.txt': '# our words\nstalkng\n' });
        expect(listed.codes('page.gdl')).not.toContain('GDL0707');
        const inFile = await build({ 'page.gdl': text, 'gdl.config.json': JSON.stringify({ prose: { words: ['stalkng'] } }) });
        expect(inFile.codes('page.gdl')).not.toContain('GDL0707');
    });

    test('in draft material a finding is never louder than information', async () => {
        const workspace = await build({ 'page.gdl': page(eachRule, 'call-handlers', 'draft') });
        expect(severityOf(workspace, 'GDL0707')).toEqual([DiagnosticSeverity.Information]);
    });

    test('an edit re-checks the changed block; the unchanged finding stays where it is', async () => {
        const workspace = await build({ 'page.gdl': text });
        const edited = text.replace('utilise', 'use');
        await workspace.edit('page.gdl', edited);
        const found = findings(workspace, 'page.gdl', edited);
        expect(found).not.toContain(at(text, 'GDL0702', 'utilise'));
        expect(found).toContain(at(edited, 'GDL0707', 'stalkng'));
    });
});

describe('quick fixes', () => {
    const text = page(eachRule);
    const diagnostic = (workspace: TestWorkspace, code: string): Diagnostic =>
        workspace.diagnostics('page.gdl').find(d => d.code === code)!;
    const edits = (action: CodeAction): TextEdit[] => Object.values(action.edit?.changes ?? {}).flat();

    test("Replace 'utilise' with 'use' edits exactly the word", async () => {
        const workspace = await build({ 'page.gdl': text });
        const found = diagnostic(workspace, 'GDL0702');
        const actions = await proseCodeActions(workspace.documents.get('page.gdl')!, found, workspace.services);
        expect(actions.map(a => a.title)).toEqual(["Replace 'utilise' with 'use'"]);
        expect(edits(actions[0]!)).toEqual([{ range: found.range, newText: 'use' }]);
        const fixed = text.replace('utilise', 'use');
        await workspace.edit('page.gdl', fixed);
        expect(workspace.codes('page.gdl')).not.toContain('GDL0702');
    });

    test("the repeated word and the article are fixed by their rule's suggestion", async () => {
        const workspace = await build({ 'page.gdl': text });
        const document = workspace.documents.get('page.gdl')!;
        const repeated = await proseCodeActions(document, diagnostic(workspace, 'GDL0705'), workspace.services);
        expect(edits(repeated[0]!)[0]!.newText).toBe('the');
        const article = await proseCodeActions(document, diagnostic(workspace, 'GDL0706'), workspace.services);
        expect(article.map(a => a.title)).toEqual(["Replace 'a' with 'an'"]);
    });

    test('a misspelling: the suggestions, then adding the word to the workspace word list', async () => {
        const workspace = await build({ 'page.gdl': text });
        const actions = await proseCodeActions(workspace.documents.get('page.gdl')!, diagnostic(workspace, 'GDL0707'), workspace.services);
        expect(actions.map(a => a.title)).toContain("Replace 'stalkng' with 'stalking'");
        const add = actions.find(a => a.title === "Add 'stalkng' to the workspace word list")!;
        expect(add.edit?.documentChanges).toEqual([
            { kind: 'create', uri: 'file:///ws/gdl-words.txt', options: { ignoreIfExists: true } },
            {
                textDocument: { uri: 'file:///ws/gdl-words.txt', version: null },
                edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'stalkng\n' }]
            }
        ]);
    }, 30_000);

    test('an existing word list gets the word on a line of its own at its end', async () => {
        const workspace = await build({ 'page.gdl': text, 'gdl-words.txt': 'SIO' });
        const actions = await proseCodeActions(workspace.documents.get('page.gdl')!, diagnostic(workspace, 'GDL0707'), workspace.services);
        const add = actions.find(a => a.title.startsWith('Add'))!;
        expect(edits(add)).toEqual([
            { range: { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } }, newText: '\nstalkng\n' }
        ]);
    }, 30_000);
});

describe('the prose block offsets follow the value converter', () => {
    test.each([
        ['spaces', '\n    one\n      two\n\n    three  \n  '],
        ['CRLF', '\r\n    one\r\n      two\r\n\r\n    three\r\n'],
        ['tabs', '\n\t\tone\n\t\t\ttwo\n'],
        ['a lone CR', '\r  one\r  two\r']
    ])('%s: the same text as the converter, each character taken from where it is', (_, raw) => {
        const { text, offsets } = dedentProseWithOffsets(raw);
        expect(text).toBe(dedentProse(raw));
        [...text].forEach((character, i) => {
            if (character !== '\n') {
                expect(raw[offsets[i]!]).toBe(character);
            }
        });
    });
});
