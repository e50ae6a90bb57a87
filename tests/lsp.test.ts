import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CodeAction, CodeLens, CompletionItem, CompletionList, Hover, Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspSession } from './support/lsp-client.js';

const repo = path.resolve(import.meta.dirname, '..');
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
        cpSync(path.join(repo, 'guidance'), root, { recursive: true });
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

    test('publishes diagnostics for every file of the workspace: the example is fully covered', async () => {
        expect(session.diagnostics.get(session.uri(FRAMEWORK))).toEqual([]);
        await session.waitFor(() => session.coverageNotes.length > 0, 'a coverage notification');
        expect(session.coverageNotes.at(-1)).toEqual({ covered: 39, total: 39 });
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
        expect(value).toMatch(/\*\*Coverage:\*\* covered by \d+ — .*guidance §risk-breaches/);
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

    test('code lenses above each requirement say how it is covered', async () => {
        const lenses = (await session.connection.sendRequest('textDocument/codeLens', {
            textDocument: { uri: session.uri(FRAMEWORK) }
        })) as CodeLens[];
        expect(lenses).toHaveLength(39);
        expect(lenses.every(l => l.command?.title.startsWith('covered by'))).toBe(true);
        expect(lenses[0]!.command!.command).toBe('gdl.showCoverage');
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
        expect(warning.message).toBe('Evidence requirement 12.2 is not covered.');
        expect(warning.range.start.line).toBe(positionOf(readFileSync(path.join(root, FRAMEWORK), 'utf8'), 'evidence 12.2').line);

        const actions = (await session.connection.sendRequest('textDocument/codeAction', {
            textDocument: { uri: session.uri(RISK) },
            range: { start: positionOf(dropped, 'section risk-assess'), end: positionOf(dropped, 'section risk-assess') },
            context: { diagnostics: [] }
        })) as CodeAction[];
        expect(actions.map(a => a.title)).toContain("Address 12.2 in section 'risk-assess'");

        await session.change(RISK, 3, riskText);
        await session.waitFor(() => (session.diagnostics.get(session.uri(FRAMEWORK)) ?? []).length === 0, 'the framework warning to clear');
    });

    test('an unknown id gets a quick fix replacing it with the nearest known one', async () => {
        const typo = riskText.replace('addresses 12.4', 'addresses 12.44');
        await session.change(RISK, 4, typo);
        const diagnostic = await session.diagnosticWith(RISK, 'GDL0002');
        expect(diagnostic.message).toBe("Unknown evidence requirement '12.44'; did you mean '12.4'?");
        const actions = (await session.connection.sendRequest('textDocument/codeAction', {
            textDocument: { uri: session.uri(RISK) },
            range: diagnostic.range,
            context: { diagnostics: [diagnostic] }
        })) as CodeAction[];
        const fix = actions.find(a => a.title === "Replace with '12.4'")!;
        expect(fix.edit!.changes![session.uri(RISK)]).toEqual([{ range: diagnostic.range, newText: '12.4' }]);
        await session.change(RISK, 5, riskText);
    });

    test('outline, workspace symbols, folding, semantic tokens and formatting answer for a guidance file', async () => {
        const uri = session.uri(RISK);
        const symbols = (await session.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as Array<{
            name: string;
            children?: Array<{ name: string }>;
        }>;
        expect(symbols[0]!.name).toBe('ec-risk');
        expect(symbols[0]!.children!.map(c => c.name)).toContain('risk-breaches');
        const workspaceSymbols = (await session.connection.sendRequest('workspace/symbol', { query: 'risk-breaches' })) as Array<{
            name: string;
            location: { uri: string };
        }>;
        expect(workspaceSymbols.some(w => w.name === 'risk-breaches' && w.location.uri === uri)).toBe(true);
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
            message: 'Evidence requirement 12.2 is not covered.',
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
        expect(stub.title).toMatch(/^Create a draft section covering 12\.2 in '(ec-recognising|ec-risk)'$/);
        const [edit] = Object.values(stub.edit!.changes!)[0]!;
        expect(edit!.newText).toContain('section cover-12-2 "Having clear policies and procedures in place for assessi…" {');
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
        await session.change(RISK, 6, 'guidance {{{ "\u0000\u0001 """ section');
        await session.waitFor(() => (session.diagnostics.get(session.uri(RISK)) ?? []).some(d => d.code === 'GDL0001'), 'a syntax error');
        const hover = await session.connection.sendRequest('textDocument/hover', {
            textDocument: { uri: session.uri(RISK) },
            position: { line: 0, character: 3 }
        });
        expect(hover === null || typeof hover === 'object').toBe(true);
        await session.change(RISK, 7, riskText);
        await session.waitFor(() => (session.diagnostics.get(session.uri(RISK)) ?? []).length === 0, 'the file to be clean again');
        expect(session.exited).toBe(false);
    });
});
