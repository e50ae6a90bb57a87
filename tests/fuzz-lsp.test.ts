import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mutate, mutationArbitrary, seedSources } from './support/fuzz.js';
import { LspSession } from './support/lsp-client.js';
import { copyExampleWorkspace } from './support/files.js';

// The language server's share of the fuzzing (a spawned server, so end to end); the in-process properties are in fuzz.test.ts.
const repo = path.resolve(import.meta.dirname, '..');
const sources = seedSources(repo);
// A fixed seed in CI, so a failure is reproducible; FUZZ_SEED explores others.
const seed = Number(process.env.FUZZ_SEED ?? 20261125);

describe('fuzzing (npm run fuzz runs 100,000 cases; the suite a few hundred)', () => {
    test('100 mutated documents through the language server: it keeps answering every request', async () => {
        const root = mkdtempSync(path.join(tmpdir(), 'gdl-fuzz-lsp-'));
        copyExampleWorkspace(root);
        const session = new LspSession(root, { asOf: '2026-01-15' });
        try {
            await session.initialize();
            await session.waitFor(() => session.coverageNotes.length > 0, 'the initial build');
            const file = 'example-constabulary/guidance/risk.gdl';
            const uri = session.uri(file);
            const original = readFileSync(path.join(root, file), 'utf8');
            await session.open(file, original);
            let version = 1;
            const samples = fc.sample(
                fc.tuple(
                    fc.nat({ max: sources.length - 1 }),
                    fc.array(
                        mutationArbitrary.filter(m => m.kind !== 'long-line'),
                        { minLength: 1, maxLength: 3 }
                    ),
                    fc.nat(),
                    fc.nat()
                ),
                { numRuns: 100, seed }
            );
            for (const [index, mutations, line, character] of samples) {
                const text = mutate(sources[index]!, mutations);
                const notes = session.coverageNotes.length;
                await session.change(file, ++version, text);
                await session.waitFor(() => session.coverageNotes.length > notes, 'a rebuild after the change');
                const lines = text.split('\n');
                const position = { line: line % lines.length, character: character % ((lines[line % lines.length]?.length ?? 0) + 1) };
                for (const method of [
                    'textDocument/hover',
                    'textDocument/completion',
                    'textDocument/documentSymbol',
                    'textDocument/foldingRange',
                    'textDocument/codeLens',
                    'textDocument/semanticTokens/full'
                ]) {
                    await session.connection.sendRequest(method, { textDocument: { uri }, position });
                }
                await session.connection.sendRequest('textDocument/formatting', {
                    textDocument: { uri },
                    options: { tabSize: 4, insertSpaces: true }
                });
                expect((session.diagnostics.get(uri) ?? []).every(d => /^GDL\d{4}$/.test(String(d.code)))).toBe(true);
            }
            expect(session.exited).toBe(false);
        } finally {
            await session.close();
        }
    });
});
