import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type {
    CodeAction,
    CodeLens,
    CompletionItem,
    CompletionList,
    Diagnostic,
    Hover,
    Location,
    WorkspaceEdit
} from 'vscode-languageserver-protocol';
import { CoverageRequest, type CoverageAnswer } from '../language/src/lsp/gdl-protocol.js';
import { applyEdits, LspSession } from './support/lsp-client.js';
import { copyExampleWorkspace } from './support/files.js';

const RISK = 'example-constabulary/guidance/risk.gdl';
const FRAMEWORK = 'framework/super-complaint-2024.gdl';

/** Zero-based position of `needle` (plus `shift` characters) in `text`. */
function positionOf(text: string, needle: string, shift = 0) {
    const offset = text.indexOf(needle);
    if (offset < 0) {
        throw new Error(`'${needle}' not found`);
    }
    const before = text.slice(0, offset + shift).split('\n');
    return { line: before.length - 1, character: before.at(-1)!.length };
}

describe('the language server over LSP (a real server process)', () => {
    let session: LspSession;
    let riskText: string;
    let root: string;

    beforeAll(async () => {
        root = mkdtempSync(path.join(tmpdir(), 'gdl-lsp-'));
        copyExampleWorkspace(root);
        riskText = readFileSync(path.join(root, RISK), 'utf8');
        session = new LspSession(root, { asOf: '2026-01-15' });
        await session.initialize();
        await session.waitFor(
            () => session.diagnostics.has(session.uri(FRAMEWORK)) && session.diagnostics.has(session.uri(RISK)),
            'diagnostics of the workspace'
        );
        await session.open(RISK, riskText);
    });

    afterAll(async () => {
        await session?.close();
    });

    test('publishes diagnostics for every file of the workspace: the example is fully covered (38 covered, 20.3 waived)', async () => {
        expect(session.diagnostics.get(session.uri(FRAMEWORK))).toEqual([]);
        await session.waitFor(() => session.coverageNotes.length > 0, 'a coverage notification');
        expect(session.coverageNotes.at(-1)).toEqual({ covered: 38, total: 39 });
    });

    test('completion after `addresses` offers requirement ids with their text', async () => {
        const position = positionOf(riskText, 'addresses 12.2', 'addresses '.length);
        const result = (await session.connection.sendRequest('textDocument/completion', {
            textDocument: { uri: session.uri(RISK) },
            position
        })) as CompletionList | CompletionItem[];
        const items = Array.isArray(result) ? result : result.items;
        const item = items.find(i => i.label === '12.3');
        expect(item, items.map(i => i.label).join(' ')).toBeDefined();
        expect(item!.detail).toBe('Evidence 12.3 (recommendation 12)');
        expect(JSON.stringify(item!.documentation)).toContain('heightened risk associated with breaches of protective orders');
        expect(items.findIndex(i => i.label === '7.1')).toBeGreaterThanOrEqual(0);
    });

    test('hover on a requirement id shows its full text, deadline and where it is covered', async () => {
        const position = positionOf(riskText, 'addresses 12.3', 'addresses 12.'.length);
        const hover = (await session.connection.sendRequest('textDocument/hover', {
            textDocument: { uri: session.uri(RISK) },
            position
        })) as Hover;
        const value = (hover.contents as { value: string }).value;
        expect(value).toContain('**Evidence requirement 12.3** — recommendation 12 of SC2024, due 2025-03-27');
        expect(value).toContain(
            'Recognising (in policies, guidance and training) the heightened risk associated with breaches of protective orders and measures.'
        );
        expect(value).toMatch(/\*\*Coverage \(Example Constabulary\):\*\* covered by \d+ — .*guidance §risk-breaches/);
    });

    test('go to definition of 12.3 lands on the requirement in the framework', async () => {
        const position = positionOf(riskText, 'addresses 12.3', 'addresses 1'.length);
        const result = (await session.connection.sendRequest('textDocument/definition', {
            textDocument: { uri: session.uri(RISK) },
            position
        })) as Location[] | Array<{ targetUri: string; targetSelectionRange: Location['range'] }>;
        const target = result[0]!;
        const uri = 'targetUri' in target ? target.targetUri : target.uri;
        expect(uri).toBe(session.uri(FRAMEWORK));
        const frameworkText = readFileSync(path.join(root, FRAMEWORK), 'utf8');
        const range = 'targetSelectionRange' in target ? target.targetSelectionRange : target.range;
        expect(range.start.line).toBe(positionOf(frameworkText, 'evidence 12.3').line);
    });

    test('find references answers "where is 12.3 covered?" across guidance and training', async () => {
        const frameworkText = readFileSync(path.join(root, FRAMEWORK), 'utf8');
        const position = positionOf(frameworkText, 'evidence 12.3', 'evidence 1'.length);
        const locations = (await session.connection.sendRequest('textDocument/references', {
            textDocument: { uri: session.uri(FRAMEWORK) },
            position,
            context: { includeDeclaration: false }
        })) as Location[];
        const files = new Set(locations.map(l => path.relative(root, new URL(l.uri).pathname)));
        expect(files).toContain(RISK);
        expect([...files].some(f => f.startsWith('example-constabulary/training/'))).toBe(true);
    });

    test('rename of a section id changes its definition and every reference, across files', async () => {
        const position = positionOf(riskText, 'section risk-breaches', 'section r'.length);
        const edit = (await session.connection.sendRequest('textDocument/rename', {
            textDocument: { uri: session.uri(RISK) },
            position,
            newName: 'risk-order-breaches'
        })) as WorkspaceEdit;
        const changes = edit.changes ?? {};
        const edits = Object.values(changes).flat();
        expect(edits.every(e => e.newText === 'risk-order-breaches')).toBe(true);
        expect(changes[session.uri(RISK)]!.length).toBeGreaterThanOrEqual(1);
        expect(Object.keys(changes).length).toBeGreaterThan(1);
    });

    test('F2 on a requirement of the framework is refused with a message the writer reads, not renamed in every file', async () => {
        const position = positionOf(riskText, 'addresses 12.3', 'addresses 12.'.length);
        const params = { textDocument: { uri: session.uri(RISK) }, position };
        const message =
            "12.3 is an evidence requirement of the national framework (SC2024): its number is the report's and cannot be renamed.";
        await expect(session.connection.sendRequest('textDocument/prepareRename', params)).rejects.toMatchObject({ code: -32803, message });
        await expect(session.connection.sendRequest('textDocument/rename', { ...params, newName: '12.9' })).rejects.toMatchObject({
            code: -32803,
            message
        });
    });

    test('code lenses above each requirement say how it is covered', async () => {
        const lenses = (await session.connection.sendRequest('textDocument/codeLens', {
            textDocument: { uri: session.uri(FRAMEWORK) }
        })) as CodeLens[];
        expect(lenses).toHaveLength(39);
        const titles = lenses.map(l => l.command?.title ?? '');
        // 38 covered; 20.3 is waived by the example's plan, and its lens says so.
        expect(titles.filter(t => t.startsWith('covered by'))).toHaveLength(38);
        expect(titles.filter(t => !t.startsWith('covered by'))).toEqual([expect.stringMatching(/^waived/)]);
        expect(lenses[0]!.command!.command).toBe('gdl.showCoverage');
    });

    test('above each training module a lens gives its running order against its duration and its assessment; the hover shows the running order', async () => {
        const MODULE = 'example-constabulary/training/fr-1-first-responders.gdl';
        const moduleText = readFileSync(path.join(root, MODULE), 'utf8');
        await session.open(MODULE, moduleText);
        const lenses = (await session.connection.sendRequest('textDocument/codeLens', {
            textDocument: { uri: session.uri(MODULE) }
        })) as CodeLens[];
        expect(lenses.map(l => l.command?.title)).toEqual([
            expect.stringMatching(/^Running order 4 hours, as planned · \d+ questions, \d+ asked at each attempt, pass mark 80%$/)
        ]);
        expect(lenses[0]!.range.start.line).toBe(positionOf(moduleText, '\nmodule FR-1 ', 1).line);
        // Lengthen the first step: the lens says the running order now overruns.
        const longer = moduleText.replace(/(introduction "[^"]*" \{\s*duration )15 minutes/, '$145 minutes');
        expect(longer).not.toBe(moduleText);
        await session.change(MODULE, 2, longer);
        const after = (await session.connection.sendRequest('textDocument/codeLens', {
            textDocument: { uri: session.uri(MODULE) }
        })) as CodeLens[];
        expect(after[0]!.command?.title).toMatch(/^Running order 4 hours 30 minutes of 4 hours · /);
        const hover = (await session.connection.sendRequest('textDocument/hover', {
            textDocument: { uri: session.uri(MODULE) },
            position: positionOf(longer, '\nmodule FR-1 ', '\nmodule FR'.length)
        })) as Hover;
        const value = (hover.contents as { value: string }).value;
        expect(value).toContain('| Start | Step | Duration |');
        expect(value).toContain('| 0:00 | Introduction: Welcome, ground rules and outcomes | 45 minutes |');
        expect(value).toMatch(/\| 0:45 \| Content: Recap: the College of Policing e-learning \| 5 minutes \|/);
        await session.change(MODULE, 3, moduleText);
    });

    test('an edit that drops a coverage link updates the framework document; undoing it clears the warning', async () => {
        // 12.2 is covered by the plan and by one guidance section: drop it from the plan first (still covered) ...
        const PLAN = 'example-constabulary/action-plan.gdl';
        const planText = readFileSync(path.join(root, PLAN), 'utf8');
        await session.open(PLAN, planText);
        const notes = session.coverageNotes.length;
        await session.change(PLAN, 2, planText.replace('addresses 12.1, 12.2, 12.3, 12.4', 'addresses 12.1, 12.3, 12.4'));
        await session.waitFor(() => session.coverageNotes.length > notes, 'a rebuild after the plan edit');
        expect(session.diagnostics.get(session.uri(FRAMEWORK))).toEqual([]);
        // ... then from the guidance section: now nothing covers it.
        const dropped = riskText.replace('addresses 12.2\n', '\n');
        await session.change(RISK, 2, dropped);
        const warning = await session.diagnosticWith(FRAMEWORK, 'GDL0201');
        expect(warning.message).toBe(
            'Evidence requirement 12.2 is not covered for 1 of 1 force at the evidenced level: Example Constabulary (not covered). The requirement: "Having clear policies and procedures in place for assessing and managing risk…"'
        );
        expect(warning.range.start.line).toBe(positionOf(readFileSync(path.join(root, FRAMEWORK), 'utf8'), 'evidence 12.2').line);
        // The file the writer edited says so too, at the section that was the last cover.
        const lost = await session.diagnosticWith(RISK, 'GDL0210');
        expect(lost.message).toMatch(
            /^Evidence requirement 12\.2 is no longer covered for Example Constabulary: guidance §risk-\S+ was its last cover\. The requirement: "Having clear policies and procedures in place for assessing and managing risk…"$/
        );
        expect(lost.severity).toBe(2);

        const actions = (await session.connection.sendRequest('textDocument/codeAction', {
            textDocument: { uri: session.uri(RISK) },
            range: { start: positionOf(dropped, 'section risk-assess'), end: positionOf(dropped, 'section risk-assess') },
            context: { diagnostics: [] }
        })) as CodeAction[];
        expect(actions.map(a => a.title)).toContain("Address 12.2 in section 'risk-assess'");

        await session.change(RISK, 3, riskText);
        await session.waitFor(() => (session.diagnostics.get(session.uri(FRAMEWORK)) ?? []).length === 0, 'the framework warning to clear');
        await session.waitFor(
            () => !(session.diagnostics.get(session.uri(RISK)) ?? []).some(d => d.code === 'GDL0210'),
            'the warning in the edited file to clear'
        );
    });

    test('a section whose text names a requirement it does not address is offered `addresses` for it, first', async () => {
        // An imported section: its text names 12.3 and recommendation 13, its addresses do not.
        const named = riskText.replace(
            'section risk-assess',
            'section risk-imported "Imported" {\n        status draft\n        """\n        Breaches raise risk (see 12.3 and recommendation 13).\n        """\n    }\n\n    section risk-assess'
        );
        await session.change(RISK, 4, named);
        await session.waitFor(() => session.diagnostics.has(session.uri(RISK)), 'diagnostics of the edit');
        const at = positionOf(named, 'Breaches raise risk');
        const actions = (await session.connection.sendRequest('textDocument/codeAction', {
            textDocument: { uri: session.uri(RISK) },
            range: { start: at, end: at },
            context: { diagnostics: [] }
        })) as CodeAction[];
        const titles = actions.map(a => a.title);
        expect(titles.slice(0, 2)).toEqual([
            "Add 'addresses 12.3' (named in the text)",
            "Add 'addresses 13.1, 13.2' (recommendation 13, named in the text)"
        ]);
        const applied = applyEdits(named, actions[0]!.edit!.changes![session.uri(RISK)]!);
        expect(applied).toContain('section risk-imported "Imported" {\n        addresses 12.3\n        status draft');
        await session.change(RISK, 5, riskText);
    });

    test('an unknown id gets a quick fix replacing it with the nearest known one', async () => {
        const typo = riskText.replace('addresses 12.4', 'addresses 12.44');
        await session.change(RISK, 6, typo);
        const diagnostic = await session.diagnosticWith(RISK, 'GDL0002');
        expect(diagnostic.message).toBe("Unknown evidence requirement '12.44'; did you mean '12.4'?");
        const actions = (await session.connection.sendRequest('textDocument/codeAction', {
            textDocument: { uri: session.uri(RISK) },
            range: diagnostic.range,
            context: { diagnostics: [diagnostic] }
        })) as CodeAction[];
        const fix = actions.find(a => a.title === "Replace with '12.4'")!;
        expect(fix.edit!.changes![session.uri(RISK)]).toEqual([{ range: diagnostic.range, newText: '12.4' }]);
        await session.change(RISK, 7, riskText);
    });

    test('outline, workspace symbols, folding, semantic tokens and formatting answer for a guidance file', async () => {
        const uri = session.uri(RISK);
        const symbols = (await session.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as Array<{
            name: string;
            kind: number;
            children?: Array<{ name: string; kind: number }>;
        }>;
        expect(symbols[0]!.name).toBe('ec-risk');
        expect(symbols[0]!.children!.map(c => c.name)).toContain('risk-breaches');
        // Each kind of declaration its own icon (LSP SymbolKind): a document a module (2), a section a namespace (3).
        // Before, every symbol was a field (8): the outline was a column of one icon.
        expect(symbols[0]!.kind).toBe(2);
        expect(new Set(symbols[0]!.children!.map(c => c.kind))).toEqual(new Set([3]));
        const workspaceSymbols = (await session.connection.sendRequest('workspace/symbol', { query: 'risk-breaches' })) as Array<{
            name: string;
            kind: number;
            location: { uri: string };
        }>;
        expect(workspaceSymbols.some(w => w.name === 'risk-breaches' && w.location.uri === uri && w.kind === 3)).toBe(true);
        const folds = (await session.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as unknown[];
        expect(folds.length).toBeGreaterThan(5);
        const tokens = (await session.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as {
            data: number[];
        };
        expect(tokens.data.length).toBeGreaterThan(20);
        const edits = (await session.connection.sendRequest('textDocument/formatting', {
            textDocument: { uri },
            options: { tabSize: 4, insertSpaces: true }
        })) as unknown[];
        expect(Array.isArray(edits)).toBe(true);
    });

    test('a quick fix on an uncovered requirement creates a draft section covering it', async () => {
        const frameworkText = readFileSync(path.join(root, FRAMEWORK), 'utf8');
        const position = positionOf(frameworkText, 'evidence 12.2', 'evidence '.length);
        const diagnostic = {
            range: { start: position, end: position },
            message:
                'Evidence requirement 12.2 is not covered for 1 of 1 force at the evidenced level: Example Constabulary (not covered).',
            code: 'GDL0201',
            data: { code: 'GDL0201', evidence: '12.2' }
        };
        const actions = (await session.connection.sendRequest('textDocument/codeAction', {
            textDocument: { uri: session.uri(FRAMEWORK) },
            range: diagnostic.range,
            context: { diagnostics: [diagnostic] }
        })) as CodeAction[];
        const stub = actions.find(a => a.title.startsWith('Create a draft section covering 12.2'))!;
        // It goes into guidance that already answers recommendation 12.
        expect(stub.title).toMatch(/^Create a draft section covering 12\.2 in '(ec-recognising|ec-risk)' for Example Constabulary$/);
        const [edit] = Object.values(stub.edit!.changes!)[0]!;
        expect(edit!.newText).toContain('section cover-12-2 "Having clear policies and procedures in place for assessing…" {');
        expect(edit!.newText).toContain('addresses 12.2');
    });

    test('a very large document is parsed and answered without the server failing', async () => {
        const uri = session.uri('large.gdl');
        const quotes = '"'.repeat(3);
        const sections = Array.from(
            { length: 3000 },
            (_, i) => `    section big-${i} "Section ${i}" {\n        ${quotes}\n        ${'Text '.repeat(40)}\n        ${quotes}\n    }`
        ).join('\n');
        const text = `guidance big "Big" {\n    owner "O"\n    audience investigators\n${sections}\n}\n`;
        expect(text.length).toBeGreaterThan(700000);
        await session.open('large.gdl', text);
        await session.waitFor(() => session.diagnostics.has(uri), 'diagnostics of the large document');
        const symbols = (await session.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as Array<{
            children?: unknown[];
        }>;
        expect(symbols[0]!.children).toHaveLength(3000);
        await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    });

    test('the server survives malformed and binary input and keeps answering', async () => {
        await session.change(RISK, 8, 'guidance {{{ "\u0000\u0001 """ section');
        await session.waitFor(() => (session.diagnostics.get(session.uri(RISK)) ?? []).some(d => d.code === 'GDL0001'), 'a syntax error');
        const hover = await session.connection.sendRequest('textDocument/hover', {
            textDocument: { uri: session.uri(RISK) },
            position: { line: 0, character: 3 }
        });
        expect(hover === null || typeof hover === 'object').toBe(true);
        await session.change(RISK, 9, riskText);
        // Clean again: no error or warning (its hints and information, such as an Act named but not cited, may stay).
        await session.waitFor(
            () => (session.diagnostics.get(session.uri(RISK)) ?? []).every(d => (d.severity ?? 1) > 2),
            'the file to be clean again'
        );
        expect(session.exited).toBe(false);
    });
});

/** Two forces answering one framework: Kent covers 12.3 with approved guidance; Surrey only with a plan item that cites nothing. */
const TWO_FORCES: Record<string, string> = {
    'framework/framework.gdl': `framework F "Framework" {
    recommendation 12 {
        to chief-constables
        deadline 2025-03-27
        text "Chief constables should recognise the risk of breaches."
        evidence 12.3 { text "Recognising the heightened risk of breaches." }
        evidence 12.4 { text "Recording every breach." revised 2025-06-01 }
    }
    recommendation 15 {
        to pccs
        deadline 2025-03-27
        text "PCCs should commission support."
        evidence 15.1 { text "Commissioning support." }
    }
}
`,
    'common/audiences.gdl': 'audience investigators "Investigators"\n',
    'kent/force.gdl': 'force kent "Kent Police"\n',
    'kent/plan.gdl': `plan kp "Kent plan" {
    force "Kent Police"
    responds-to F
    item 12 {
        status in-progress
        progress 50%
        lead "DCI Kent"
    }
    item 15 {
        status in-progress
        progress 10%
        lead "DCI Kent"
    }
}
`,
    'kent/guidance.gdl': `guidance kg "Kent stalking guidance" {
    owner "Public Protection, Kent"
    audience investigators
    status approved
    approved 2025-01-10
    review-by 2027-01-10
    section kent-risk "Risk of breaches" {
        addresses 12.3
        """
        Treat a breach as a sign of escalating risk.
        """
    }
    section kent-recording "Recording breaches" {
        addresses 12.4
        """
        Record every breach.
        """
    }
}
`,
    'surrey/force.gdl': 'force surrey "Surrey Police"\n',
    'surrey/plan.gdl': `plan sp "Surrey plan" {
    force "Surrey Police"
    responds-to F
    item 12 {
        status complete
        updated 2025-02-01
        lead "DCI Surrey"
        update "Officers were told about breaches."
        addresses 12.3, 12.4
        reviewed 2025-05-01
    }
    item 15 supporting {
        status in-progress
        progress 10%
        lead "DCI Surrey"
    }
}
`
};

describe('a workspace of two forces over LSP (a real server process)', () => {
    const ASOF = '2026-01-15';
    /** A rebuild after a settings change takes well under a second; a minute means it did not happen. */
    const SETTLE = 60_000;
    const KENT_GUIDANCE = 'kent/guidance.gdl';
    const KENT_PLAN = 'kent/plan.gdl';
    const SURREY_PLAN = 'surrey/plan.gdl';
    const FRAMEWORK_FILE = 'framework/framework.gdl';
    let session: LspSession;
    let root: string;
    const text = (file: string) => readFileSync(path.join(root, file), 'utf8');

    const coverage = (file?: string) =>
        session.connection.sendRequest(CoverageRequest, file === undefined ? null : { uri: session.uri(file) }) as Promise<CoverageAnswer>;
    const row = (answer: CoverageAnswer, id: string) => answer.requirements.find(r => r.id === id)!;
    const warningOn = (id: string) =>
        (session.diagnostics.get(session.uri(FRAMEWORK_FILE)) ?? []).find(d => d.code === 'GDL0201' && d.message.includes(` ${id} `));
    const hover = async (file: string, needle: string, shift: number) => {
        const answer = (await session.connection.sendRequest('textDocument/hover', {
            textDocument: { uri: session.uri(file) },
            position: positionOf(text(file), needle, shift)
        })) as Hover;
        return (answer.contents as { value: string }).value;
    };
    const actionsFor = async (file: string, diagnostic: Diagnostic) =>
        (await session.connection.sendRequest('textDocument/codeAction', {
            textDocument: { uri: session.uri(file) },
            range: diagnostic.range,
            context: { diagnostics: [diagnostic] }
        })) as CodeAction[];

    beforeAll(async () => {
        root = mkdtempSync(path.join(tmpdir(), 'gdl-lsp-forces-'));
        for (const [file, content] of Object.entries(TWO_FORCES)) {
            mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
            writeFileSync(path.join(root, file), content);
        }
        session = new LspSession(root, { asOf: ASOF });
        await session.initialize();
        await session.waitFor(() => warningOn('12.3') !== undefined, 'the coverage warning on 12.3');
    });

    afterAll(async () => {
        await session?.close();
    });

    test("the workspace's first diagnostics are judged as of the editor's gdl.asOf, fetched before the first build", async () => {
        const first = () => session.published.find(p => p.uri === session.uri(KENT_PLAN));
        await session.waitFor(() => first() !== undefined, 'the first diagnostics of the plan');
        expect(first()!.diagnostics.find(d => d.code === 'GDL0502')!.message).toBe(
            `Recommendation 12 was due by 2025-03-27 and its plan item is in progress (50%) (as of ${ASOF}).`
        );
    });

    test("the framework's warning names the force that does not cover a requirement", () => {
        expect(warningOn('12.3')!.message).toBe(
            'Evidence requirement 12.3 is not covered for 1 of 2 forces at the evidenced level: Surrey Police (not covered). The requirement: "Recognising the heightened risk of breaches."'
        );
        expect(warningOn('12.3')!.range.start.line).toBe(positionOf(text(FRAMEWORK_FILE), 'evidence 12.3').line);
    });

    test("the quick fix on the framework's warning drafts the cover in the guidance folder of the force that falls short, and opens it", async () => {
        const actions = await actionsFor(FRAMEWORK_FILE, warningOn('12.3')!);
        const stub = actions.find(a => a.title.startsWith('Create a draft section covering 12.3'))!;
        expect(stub.title).toBe('Create a draft section covering 12.3 in a new file for Surrey Police');
        expect(stub.edit!.documentChanges![0]).toMatchObject({ kind: 'create', uri: session.uri('surrey/guidance/cover-12-3.gdl') });
        expect(stub.command).toMatchObject({ command: 'gdl.showDocument', arguments: [session.uri('surrey/guidance/cover-12-3.gdl'), 4] });
        // The editor runs the command after the edit: the server asks it to show the new file at the section.
        const shown: unknown[] = [];
        session.connection.onRequest('window/showDocument', (params: unknown) => {
            shown.push(params);
            return { success: true };
        });
        expect(await session.connection.sendRequest('workspace/executeCommand', stub.command)).toBe(true);
        expect(shown).toEqual([
            {
                uri: session.uri('surrey/guidance/cover-12-3.gdl'),
                takeFocus: true,
                selection: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }
            }
        ]);
    });

    test('the coverage request answers for the force of the document it names: Kent covers 12.3, Surrey does not', async () => {
        const kent = await coverage(KENT_GUIDANCE);
        expect(kent.forceName).toBe('Kent Police');
        expect(kent.force).toEqual({ id: 'kent', title: 'Kent Police' });
        expect(kent.level).toBe('evidenced');
        expect(kent.asOf).toBe(ASOF);
        expect(row(kent, '12.3')).toMatchObject({ state: 'covered', level: 'evidenced', firstMet: '2025-01-10', timeliness: 'on-time' });
        expect(row(kent, '12.4')).toMatchObject({ state: 'suspect' });
        // Recommendation 15 is made to PCCs: listed for the force's support, not counted against it.
        expect(row(kent, '15.1').state).toBe('for-others');
        expect(kent.recommendations.find(r => r.id === '15')!.forOthers).toBe(true);
        expect(kent.totals).toMatchObject({ requirements: 2, covered: 1, suspect: 1, forOthers: 1 });

        const surrey = await coverage(SURREY_PLAN);
        expect(surrey.forceName).toBe('Surrey Police');
        expect(row(surrey, '12.3')).toMatchObject({ state: 'uncovered', level: 'addressed', timeliness: 'overdue' });
        expect(row(surrey, '12.3').items[0]!.reason).toContain('narrative only');
        expect(surrey.totals.covered).toBe(0);
    });

    test('a coverage request without a document (as clients before forces sent it), or for shared material, answers for the first force', async () => {
        const bare = (await session.connection.sendRequest(CoverageRequest.method)) as CoverageAnswer;
        expect(bare.forceName).toBe('Kent Police');
        expect(row(bare, '12.3').state).toBe('covered');
        expect((await coverage()).forceName).toBe('Kent Police');
        expect((await coverage(FRAMEWORK_FILE)).forceName).toBe('Kent Police');
    });

    test("hover on a requirement id shows its state, level and timeliness for the file's force, and every force's in the framework", async () => {
        const inKent = await hover(KENT_GUIDANCE, 'addresses 12.3', 'addresses 12.'.length);
        expect(inKent).toContain('**Coverage (Kent Police):** covered by 1 — guidance §kent-risk');
        expect(inKent).toContain(
            '**State:** Covered · **Level:** evidenced (evidenced counts) · **Timeliness:** on time: first met 2025-01-10, due 2025-03-27'
        );
        const inSurrey = await hover(SURREY_PLAN, 'addresses 12.3', 'addresses 12.'.length);
        expect(inSurrey).toContain('**Coverage (Surrey Police):** not covered (not counted: plan item 12, narrative only');
        expect(inSurrey).toContain(
            '**State:** Not covered · **Level:** addressed (evidenced counts) · **Timeliness:** overdue: due 2025-03-27'
        );

        const inFramework = await hover(FRAMEWORK_FILE, 'evidence 12.3', 'evidence 12.'.length);
        expect(inFramework).toContain('**Coverage by force** (evidenced counts):');
        expect(inFramework).toContain('- **Kent Police**: Covered — evidenced, on time (2025-01-10, due 2025-03-27)');
        expect(inFramework).toContain('- **Surrey Police**: Not covered — addressed, overdue (due 2025-03-27)');
        expect(await hover(FRAMEWORK_FILE, 'evidence 15.1', 'evidence 15.'.length)).toContain('- **Kent Police**: For PCCs');
    });

    test('code lenses in the framework say for how many forces each requirement is covered, and which fall short', async () => {
        const lenses = (await session.connection.sendRequest('textDocument/codeLens', {
            textDocument: { uri: session.uri(FRAMEWORK_FILE) }
        })) as CodeLens[];
        const titles = lenses.map(l => l.command!.title);
        expect(titles).toEqual([
            'not covered for 1 of 2 forces — Surrey Police (not covered)',
            'not covered for 2 of 2 forces — Kent Police (suspect), Surrey Police (not covered)',
            'made to PCCs, not the force'
        ]);
    });

    test('the new keywords are completed where they may be written', async () => {
        const labels = async (file: string, needle: string, shift: number) => {
            const result = (await session.connection.sendRequest('textDocument/completion', {
                textDocument: { uri: session.uri(file) },
                position: positionOf(text(file), needle, shift)
            })) as CompletionList | CompletionItem[];
            return (Array.isArray(result) ? result : result.items).map(i => i.label);
        };
        // Inside a section, before its `addresses`: the governance properties and exhibits.
        expect(
            await labels(KENT_GUIDANCE, 'section kent-risk "Risk of breaches" {\n', 'section kent-risk "Risk of breaches" {\n'.length)
        ).toEqual(expect.arrayContaining(['reviewed', 'withdrawn', 'exhibits', 'addresses']));
        // After `item 12` in a plan: `supporting`.
        expect(await labels(KENT_PLAN, 'item 12 {', 'item 12 '.length)).toContain('supporting');
        // Inside a plan: `assurance`; inside a plan item: `on` (a dated update), `reviewed`, `exhibits`.
        expect(await labels(KENT_PLAN, '    responds-to F\n', '    responds-to F\n'.length)).toEqual(
            expect.arrayContaining(['assurance', 'item'])
        );
        expect(await labels(KENT_PLAN, '        lead "DCI Kent"\n', '        lead "DCI Kent"\n'.length)).toEqual(
            expect.arrayContaining(['on', 'reviewed', 'exhibits'])
        );
        // At the top of a file: `exhibit` and `force`.
        expect(await labels('kent/force.gdl', 'force kent "Kent Police"\n', 'force kent "Kent Police"\n'.length)).toEqual(
            expect.arrayContaining(['exhibit', 'force'])
        );
    });

    test('the quick fix "Record the review" on suspect cover writes `reviewed` with the as-of date and clears the warning', async () => {
        const original = text(KENT_GUIDANCE);
        await session.open(KENT_GUIDANCE, original);
        const suspect = await session.diagnosticWith(KENT_GUIDANCE, 'GDL0609');
        expect(suspect.message).toContain("Section 'kent-recording' covers 12.4 as approved on 2025-01-10");
        const fix = (await actionsFor(KENT_GUIDANCE, suspect)).find(a => a.title === "Record the review of section 'kent-recording'")!;
        expect(fix.kind).toBe('quickfix');
        const fixed = applyEdits(original, fix.edit!.changes![session.uri(KENT_GUIDANCE)]!);
        expect(fixed).toContain('    section kent-recording "Recording breaches" {\n        reviewed 2026-01-15\n        addresses 12.4');
        await session.change(KENT_GUIDANCE, 2, fixed);
        await session.waitFor(
            () => !(session.diagnostics.get(session.uri(KENT_GUIDANCE)) ?? []).some(d => d.code === 'GDL0609'),
            'the suspect warning to clear'
        );
        await session.waitFor(() => !warningOn('12.4')?.message.includes('Kent Police'), 'Kent to cover 12.4');
        expect(warningOn('12.4')!.message).toBe(
            'Evidence requirement 12.4 is not covered for 1 of 2 forces at the evidenced level: Surrey Police (not covered). The requirement: "Recording every breach."'
        );
        expect(row(await coverage(KENT_GUIDANCE), '12.4').state).toBe('covered');
    });

    test('on a plan item that already records a review, "Record the review" replaces its date', async () => {
        const original = text(SURREY_PLAN);
        await session.open(SURREY_PLAN, original);
        const suspect = await session.diagnosticWith(SURREY_PLAN, 'GDL0609');
        const fix = (await actionsFor(SURREY_PLAN, suspect)).find(a => a.title === 'Record the review of plan item 12')!;
        const fixed = applyEdits(original, fix.edit!.changes![session.uri(SURREY_PLAN)]!);
        expect(fixed).toBe(original.replace('reviewed 2025-05-01', 'reviewed 2026-01-15'));
        await session.change(SURREY_PLAN, 2, fixed);
        await session.waitFor(
            () => !(session.diagnostics.get(session.uri(SURREY_PLAN)) ?? []).some(d => d.code === 'GDL0609'),
            'the suspect warning on the plan item to clear'
        );
    });

    test('the quick fix "Mark as supporting" on a plan item for a recommendation made to others clears the warning', async () => {
        const original = text(KENT_PLAN);
        await session.open(KENT_PLAN, original);
        const claim = await session.diagnosticWith(KENT_PLAN, 'GDL0512');
        const fix = (await actionsFor(KENT_PLAN, claim)).find(a => a.title === 'Mark as supporting')!;
        const fixed = applyEdits(original, fix.edit!.changes![session.uri(KENT_PLAN)]!);
        expect(fixed).toBe(original.replace('item 15 {', 'item 15 supporting {'));
        await session.change(KENT_PLAN, 2, fixed);
        await session.waitFor(() => {
            const codes = (session.diagnostics.get(session.uri(KENT_PLAN)) ?? []).map(d => d.code);
            return !codes.includes('GDL0512') && codes.length > 0;
        }, 'the claim warning to clear');
        expect((session.diagnostics.get(session.uri(KENT_PLAN)) ?? []).map(d => d.code)).not.toContain('GDL0513');
    });

    test('the settings gdl.assuranceLevel and gdl.asOf rebuild the coverage: addressed covers Surrey; an earlier date uncovers Kent', async () => {
        await session.configure({ asOf: ASOF, assuranceLevel: 'addressed' });
        await session.waitFor(() => warningOn('12.3') === undefined, 'the 12.3 warning to clear at the addressed level', SETTLE);
        const surrey = await coverage(SURREY_PLAN);
        expect(surrey.level).toBe('addressed');
        expect(row(surrey, '12.3')).toMatchObject({ state: 'covered', level: 'addressed', timeliness: 'on-time', firstMet: '2025-02-01' });

        // "plan": the level the plan asks for, here none, so evidenced again.
        await session.configure({ asOf: ASOF, assuranceLevel: 'plan' });
        await session.waitFor(() => warningOn('12.3') !== undefined, 'the 12.3 warning to return', SETTLE);
        expect((await coverage(SURREY_PLAN)).level).toBe('evidenced');

        // Before Kent's guidance was approved (2025-01-10), nothing covered 12.3 there either.
        await session.configure({ asOf: '2025-01-05', assuranceLevel: 'plan' });
        await session.waitFor(
            () => warningOn('12.3')?.message.includes('for 2 of 2 forces') === true,
            'both forces short as of 2025-01-05',
            SETTLE
        );
        const kent = await coverage(KENT_GUIDANCE);
        expect(kent.asOf).toBe('2025-01-05');
        expect(row(kent, '12.3')).toMatchObject({ state: 'uncovered', timeliness: 'due' });
        await session.configure({ asOf: ASOF });
        await session.waitFor(() => warningOn('12.3')?.message.includes('for 1 of 2 forces') === true, 'the present again', SETTLE);
    });
});
