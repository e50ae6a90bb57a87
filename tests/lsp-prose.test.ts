import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { LspSession } from './support/lsp-client.js';

// The plain-English checks in the language server, as the editor sees them: on with gdl.prose.enabled, the quick
// fixes, the word list and gdl.config.json picked up when the client reports them changed.

const repo = path.resolve(import.meta.dirname, '..');
const PLAIN = 'plain.gdl';
const plain = `guidance plain "Plain" {
    owner "Lead"
    status approved
    approved 2025-02-01
    review-by 2027-02-01
    audience responders
    section plain-one "One" {
        """
        Officers should utilise the stalkng log.
        """
    }
}
`;

describe('plain English in the language server', () => {
    let root: string;
    let session: LspSession;
    const codes = () => (session.diagnostics.get(session.uri(PLAIN)) ?? []).map(d => String(d.code));

    beforeAll(async () => {
        root = mkdtempSync(path.join(tmpdir(), 'gdl-lsp-prose-'));
        cpSync(path.join(repo, 'tests/fixtures/gaps'), root, { recursive: true });
        writeFileSync(path.join(root, PLAIN), plain);
        session = new LspSession(root, { asOf: '2026-01-15', prose: { enabled: true } });
        await session.initialize();
        await session.waitFor(() => session.coverageNotes.length > 0, 'the first build');
        // Only the files open in the editor are checked.
        expect(codes()).not.toContain('GDL0707');
        await session.open(PLAIN, plain);
        await session.waitFor(() => codes().includes('GDL0707'), 'the plain-English findings');
    });

    afterAll(async () => {
        await session?.close();
    });

    test('the findings are published at their words, with quick fixes for them', async () => {
        const spelling: Diagnostic = await session.diagnosticWith(PLAIN, 'GDL0707');
        expect(spelling.range).toEqual({ start: { line: 8, character: 36 }, end: { line: 8, character: 43 } });
        const actions = (await session.connection.sendRequest('textDocument/codeAction', {
            textDocument: { uri: session.uri(PLAIN) },
            range: spelling.range,
            context: { diagnostics: [spelling] }
        })) as CodeAction[];
        expect(actions.map(a => a.title)).toContain("Replace 'stalkng' with 'stalking'");
        expect(actions.map(a => a.title)).toContain("Add 'stalkng' to the workspace word list");
    });

    test('a word added to gdl-words.txt, and a malformed gdl.config.json, are picked up when the client reports the change', async () => {
        writeFileSync(path.join(root, 'gdl-words.txt'), 'stalkng\n');
        writeFileSync(path.join(root, 'gdl.config.json'), '{ "prose": { "severity": { "GDL0702": "loud" } } }');
        await session.connection.sendNotification('workspace/didChangeWatchedFiles', {
            changes: [
                { uri: session.uri('gdl-words.txt'), type: 1 },
                { uri: session.uri('gdl.config.json'), type: 1 }
            ]
        });
        await session.waitFor(() => !codes().includes('GDL0707') && codes().includes('GDL0702'), 'the word list to apply');
        await session.waitFor(() => (session.diagnostics.get(session.uri('gdl.config.json')) ?? []).length > 0, 'the config problem');
        const [problem] = session.diagnostics.get(session.uri('gdl.config.json'))!;
        expect(problem).toMatchObject({ code: 'GDL0708', range: { start: { line: 0, character: 27 } } });
        expect(problem!.message).toContain('the severity of GDL0702 must be one of off, hint, info, warning, error');
    });

    test('a word list that is there but cannot be read is a problem shown on it, gone once it can be read', async () => {
        const words = path.join(root, 'gdl-words.txt');
        const wordsProblems = () => session.diagnostics.get(session.uri('gdl-words.txt')) ?? [];
        const changed = () =>
            session.connection.sendNotification('workspace/didChangeWatchedFiles', {
                changes: [{ uri: session.uri('gdl-words.txt'), type: 2 }]
            });
        // A folder of its name: there, and not readable (as a file without permission, which root can read).
        rmSync(words);
        mkdirSync(words);
        await changed();
        await session.waitFor(() => wordsProblems().length > 0, 'the word list problem');
        expect(wordsProblems()).toEqual([
            expect.objectContaining({ code: 'GDL0708', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } })
        ]);
        expect(wordsProblems()[0]!.message).toBe('cannot be read (it is a folder, not a file); the defaults are used instead.');
        rmSync(words, { recursive: true });
        writeFileSync(words, 'stalkng\n');
        await changed();
        await session.waitFor(() => wordsProblems().length === 0 && !codes().includes('GDL0707'), 'the word list read again');
    });

    test("an edit's problems and coverage are not held up by its plain-English checks: its findings follow, for the same text", async () => {
        const uri = session.uri(PLAIN);
        const edited = plain.replace('the stalkng log.', 'the stalkng log. Record any harrassment reported.');
        const from = session.published.length;
        const notes = session.coverageNotes.length;
        await session.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: 7 },
            contentChanges: [{ text: edited }]
        });
        const withFinding = (p: PublishDiagnosticsParams) => p.diagnostics.some(d => d.message.includes("'harrassment'"));
        await session.waitFor(
            () => session.published.slice(from).some(p => p.uri === uri && p.version === 7 && withFinding(p)),
            'the new sentence checked'
        );
        const mine = session.published.slice(from).filter(p => p.uri === uri && p.version === 7);
        // First the edit's own problems, with the coverage, before the changed text is checked; then all of them.
        expect(withFinding(mine[0]!)).toBe(false);
        expect(mine.at(-1)!.diagnostics.find(d => d.message.includes("'harrassment'"))).toMatchObject({
            code: 'GDL0707',
            range: { start: { line: 8, character: 60 }, end: { line: 8, character: 71 } }
        });
        const firstWith = session.published.findIndex((p, at) => at >= from && p.uri === uri && p.version === 7 && withFinding(p));
        expect(session.coverageNotes.length).toBeGreaterThan(notes);
        expect(session.publishedBeforeNote[notes]).toBeLessThanOrEqual(firstWith);
    });
});
