import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { mutate, mutationArbitrary } from '../tools/fuzz.js';
import { LspSession } from '../tools/lsp-client.js';

const repo = path.resolve(import.meta.dirname, '..');
const EDITS = 10000;

test(`the language server under load: ${EDITS} random edits, cancellation, and a heap that does not grow`, async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gdl-load-'));
    cpSync(path.join(repo, 'guidance'), root, { recursive: true });
    const session = new LspSession(root, { asOf: '2026-01-15' }, ['--expose-gc']);
    try {
        await session.initialize();
        await session.waitFor(() => session.coverageNotes.length > 0, 'the initial build', 60000);
        const files = ['example-constabulary/guidance/risk.gdl', 'example-constabulary/training/fr-1-first-responders.gdl', 'example-constabulary/action-plan.gdl'];
        const originals = files.map(f => readFileSync(path.join(root, f), 'utf8'));
        const versions = files.map(() => 1);
        for (const [i, file] of files.entries()) {
            await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: session.uri(file), languageId: 'gdl', version: 1, text: originals[i] } });
        }
        const edits = fc.sample(fc.tuple(fc.nat({ max: files.length - 1 }), fc.array(mutationArbitrary.filter(m => m.kind !== 'long-line' && m.kind !== 'nesting'), { minLength: 1, maxLength: 2 })), { numRuns: EDITS, seed: 11 });
        const change = (i: number, text: string) => session.connection.sendNotification('textDocument/didChange', { textDocument: { uri: session.uri(files[i]!), version: ++versions[i]! }, contentChanges: [{ text }] });
        const settle = async () => {
            const notes = session.coverageNotes.length;
            for (const [i] of files.entries()) {
                await change(i, originals[i]!);
            }
            await session.waitFor(() => session.coverageNotes.length > notes && (session.diagnostics.get(session.uri(files[0]!)) ?? []).length === 0, 'the workspace to settle', 60000);
            await new Promise(resolve => setTimeout(resolve, 200));
            return (await session.connection.sendRequest('gdl/heap')) as { heapUsed: number; collected: boolean };
        };
        const heaps: number[] = [];
        let answered = 0;
        const started = performance.now();
        for (let n = 0; n < edits.length; n++) {
            const [file, mutations] = edits[n]!;
            // Edits arrive faster than builds finish: Langium cancels the stale builds.
            await change(file, mutate(originals[file]!, mutations));
            if (n % 50 === 49) {
                const hover = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri: session.uri(files[0]!) }, position: { line: 1, character: 4 } });
                expect(hover === null || typeof hover === 'object').toBe(true);
                answered++;
            }
            if (n === 999 || n === edits.length - 1) {
                heaps.push((await settle()).heapUsed);
            }
        }
        const seconds = (performance.now() - started) / 1000;
        const growth = (heaps[1]! - heaps[0]!) / heaps[0]!;
        const summary = `${EDITS} edits in ${seconds.toFixed(1)} s; ${answered} hovers answered during the load; heap after GC ${(heaps[0]! / 1048576).toFixed(1)} MB after 1,000 edits, ${(heaps[1]! / 1048576).toFixed(1)} MB after ${EDITS} (${(growth * 100).toFixed(1)}%)`;
        writeFileSync(path.join(repo, 'test-output', 'lsp-load.txt'), summary + '\n');
        process.stdout.write(summary + '\n');
        expect(answered).toBe(EDITS / 50);
        // Builds for edits overtaken by later ones were cancelled: far fewer builds finished than edits arrived.
        expect(session.coverageNotes.length).toBeLessThan(EDITS / 2);
        expect(growth).toBeLessThan(0.10);
        expect(session.exited).toBe(false);
    } finally {
        await session.close();
    }
}, 900000);
