import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { LspSession } from './support/lsp-client.js';

// What the editor's open documents do to the workspace: only GDL documents are built; a closed document goes back to
// its file on disk, or leaves the workspace with its problems when it has none. Found by a raw LSP client: a client
// sending a Markdown document ended the server, and so did the rebuild after closing a GDL document named NOTES.GDL.

const repo = path.resolve(import.meta.dirname, '..');
const settings = { asOf: '2026-11-26' };
const guidanceFile = 'example-constabulary/guidance/risk.gdl';

function workspace(): string {
    const root = mkdtempSync(path.join(tmpdir(), 'gdl-docs-'));
    cpSync(path.join(repo, 'guidance'), root, { recursive: true });
    return root;
}

describe('the documents the editor opens and closes', () => {
    let session: LspSession | undefined;
    afterEach(async () => {
        await session?.close();
        session = undefined;
    });

    async function started(root: string): Promise<LspSession> {
        session = new LspSession(root, settings);
        await session.initialize();
        await session.waitFor(() => session!.coverageNotes.length > 0, 'the first build');
        return session;
    }

    /** A request the server answers only while it runs: the outline of a workspace file. */
    async function stillAnswers(s: LspSession): Promise<void> {
        expect(s.exited, `the server ended; stderr: ${s.stderr.join('')}`).toBe(false);
        const symbols = await s.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: s.uri(guidanceFile) } });
        expect(Array.isArray(symbols) && symbols.length > 0).toBe(true);
    }

    test('a document of another language (Markdown, JSON, plain text) is not built, and the server goes on', async () => {
        const s = await started(workspace());
        for (const [file, languageId, text] of [
            ['notes.md', 'markdown', '# Notes\n\nNot GDL.\n'],
            ['gdl.config.json', 'json', '{ "prose": {} }\n'],
            ['todo.txt', 'plaintext', 'guidance {\n']
        ] as const) {
            await s.connection.sendNotification('textDocument/didOpen', {
                textDocument: { uri: s.uri(file), languageId, version: 1, text }
            });
        }
        // A GDL file opened after them is built and checked: the builds the others asked for have run by then.
        await s.open(guidanceFile, readFileSync(path.join(s.root, guidanceFile), 'utf8'));
        await s.settled(guidanceFile, 1, 'a GDL file opened after them');
        await stillAnswers(s);
        expect(s.published.filter(p => /\.(md|json|txt)$/.test(p.uri))).toEqual([]);
    });

    test('a GDL document known only by its language (NOTES.GDL, untitled) is built while open, dropped with its problems when closed', async () => {
        const s = await started(workspace());
        const text = 'guidance notes-draft "Notes" {\n    owner "Lead"\n    status draft\n    see missing-section\n}\n';
        const uris = [s.uri('NOTES.GDL'), 'untitled:Untitled-1'];
        for (const uri of uris) {
            await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'gdl', version: 1, text } });
        }
        await s.waitFor(() => uris.every(uri => (s.diagnostics.get(uri) ?? []).length > 0), 'the open documents checked');
        for (const uri of uris) {
            await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
        }
        await s.waitFor(() => uris.every(uri => s.diagnostics.get(uri)?.length === 0), 'their problems cleared');
        const notes = s.coverageNotes.length;
        await s.configure({ ...settings, prose: { enabled: false } }); // before: this rebuild ended the server
        await s.waitFor(() => s.coverageNotes.length > notes, 'the rebuild');
        await stillAnswers(s);
    });

    test('a workspace file closed without saving goes back to what is on disk: its problems and its cover', async () => {
        const root = workspace();
        const s = await started(root);
        const onDisk = readFileSync(path.join(root, guidanceFile), 'utf8');
        await s.open(guidanceFile, onDisk);
        await s.settled(guidanceFile, 1, 'opened');
        const before = s.lastPublished(guidanceFile)!.diagnostics.map(d => d.code);
        const coveredBefore = s.coverageNotes.at(-1);
        // An unsaved edit that breaks the file and takes away its cover.
        await s.change(guidanceFile, 2, onDisk.replace(/addresses [^\n]+/g, 'addresses 99.9'));
        await s.settled(guidanceFile, 2, 'the unsaved edit');
        expect(s.lastPublished(guidanceFile)!.diagnostics.map(d => d.code)).toContain('GDL0002');
        const notes = s.coverageNotes.length;
        await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri: s.uri(guidanceFile) } });
        await s.waitFor(
            () => s.coverageNotes.length > notes && !(s.diagnostics.get(s.uri(guidanceFile)) ?? []).some(d => d.code === 'GDL0002'),
            'the file read again from disk'
        );
        expect(s.diagnostics.get(s.uri(guidanceFile))!.map(d => d.code)).toEqual(before);
        expect(s.coverageNotes.at(-1)).toEqual(coveredBefore);
    });

    /** A folder outside the workspace holding a second guidance document with the example's risk guidance's id. */
    function extraFolder(): { folder: { uri: string; name: string }; briefing: string } {
        const extra = mkdtempSync(path.join(tmpdir(), 'gdl-extra-folder-'));
        writeFileSync(
            path.join(extra, 'briefing.gdl'),
            'guidance ec-risk "Briefing" {\n    owner "Lead"\n    status draft\n    audience responders\n    section brief-one "One" {\n        """\n        Text.\n        """\n    }\n}\n'
        );
        return {
            folder: { uri: pathToFileURL(extra).toString(), name: 'extra' },
            briefing: pathToFileURL(path.join(extra, 'briefing.gdl')).toString()
        };
    }

    test('a folder added to the workspace later is read and checked; removed, its files no longer count', async () => {
        // Langium read the folders once, at start-up: a folder added to a multi-root workspace had no checks, and one
        // removed kept its files' ids and covers in the workspace.
        const s = await started(workspace());
        const { folder, briefing } = extraFolder();
        const risk = s.uri(guidanceFile);
        // Both files are in error while both are read: two documents have the id ec-risk.
        const duplicate = (uri: string) => (s.diagnostics.get(uri) ?? []).filter(d => /ec-risk/.test(d.message) && d.severity === 1);
        expect(duplicate(risk)).toEqual([]);
        await s.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [folder], removed: [] } });
        await s.waitFor(
            () => duplicate(briefing).length > 0 && duplicate(risk).length > 0,
            'the added folder checked with the rest',
            60_000
        );
        await s.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder] } });
        await s.waitFor(
            () => (s.diagnostics.get(briefing) ?? []).length === 0 && duplicate(risk).length === 0,
            "the removed folder's file dropped, with its problems and the duplicate it made",
            60_000
        );
        await stillAnswers(s);
    });

    test("a removed folder's file that is open in the editor stays while it is open, and goes with its problems when closed", async () => {
        const s = await started(workspace());
        const { folder, briefing } = extraFolder();
        const risk = s.uri(guidanceFile);
        const duplicate = (uri: string) => (s.diagnostics.get(uri) ?? []).filter(d => /ec-risk/.test(d.message) && d.severity === 1);
        await s.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [folder], removed: [] } });
        await s.waitFor(() => duplicate(briefing).length > 0, 'the added folder checked', 60_000);
        const text = readFileSync(new URL(briefing), 'utf8');
        await s.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: briefing, languageId: 'gdl', version: 1, text }
        });
        await s.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder] } });
        // An edit of the example's risk guidance after the removal, checked with the rest: the open file is still in the
        // workspace, so the two documents of one id are still in error.
        const riskText = readFileSync(path.join(s.root, guidanceFile), 'utf8');
        await s.open(guidanceFile, riskText);
        await s.change(guidanceFile, 2, riskText + '\n');
        await s.settled(guidanceFile, 2, 'the edit after the removal');
        expect(duplicate(risk).length).toBeGreaterThan(0);
        expect(duplicate(briefing).length).toBeGreaterThan(0);
        await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri: briefing } });
        await s.waitFor(
            () => (s.diagnostics.get(briefing) ?? []).length === 0 && duplicate(risk).length === 0,
            'the closed file dropped with its problems and the duplicate it made',
            60_000
        );
        await stillAnswers(s);
    });
});
