import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { HeapRequest } from '../language/src/lsp/gdl-protocol.js';
import { mutate, mutationArbitrary } from './support/fuzz.js';
import { LspSession } from './support/lsp-client.js';
import { buildWorkspace, readFolder } from './support/workspace.js';
import { copyExampleWorkspace } from './support/files.js';

// What these tests assert holds however fast or busy the machine is: which builds finish before the
// next edit arrives depends on speed, so no count of finished builds is asserted. Timings belong in
// `npm run bench`; the figures printed here are for the reader only.

const repo = path.resolve(import.meta.dirname, '..');
const RISK = 'example-constabulary/guidance/risk.gdl';
const FRAMEWORK = 'framework/super-complaint-2024.gdl';

/** The codes of a document's diagnostics, in order. */
// Errors and warnings: the problems a writer must act on (hints and information are advice, such as a citation to add).
const codesOf = (diagnostics: Array<{ code?: unknown; severity?: number }>) =>
    diagnostics.filter(d => (d.severity ?? 1) <= 2).map(d => String(d.code));

function workspaceCopy(): string {
    const root = mkdtempSync(path.join(tmpdir(), 'gdl-load-'));
    copyExampleWorkspace(root);
    return root;
}

/**
 * Publications for `uri` whose versions go backwards (a stale text's problems shown after a newer
 * one's), or that lose their version once the document is open. Before its first versioned
 * publication the document was not yet open in the client (a rebuild of the workspace, for example
 * after the settings arrive, may publish for it just before its didOpen is read): those carry no
 * version, as LSP expects for a closed document. `openedAs`: the version the document was already
 * open with, when it was.
 */
function versionRegressions(published: PublishDiagnosticsParams[], uri: string, openedAs?: number): string[] {
    const regressions: string[] = [];
    let last: number | undefined = openedAs;
    for (const p of published.filter(p => p.uri === uri)) {
        if (p.version === undefined || p.version === null) {
            if (last !== undefined) {
                regressions.push(`version ${p.version} after ${last}`);
            }
        } else if (last !== undefined && p.version < last) {
            regressions.push(`version ${p.version} after ${last}`);
        } else {
            last = p.version;
        }
    }
    return regressions;
}

function report(name: string, text: string): void {
    mkdirSync(path.join(repo, 'test-output'), { recursive: true });
    writeFileSync(path.join(repo, 'test-output', name), text + '\n');
    process.stdout.write(text + '\n');
}

describe('the language server under a burst of edits (a real server process)', () => {
    test('diagnostics are published only for the text the writer has, never stale after newer, and the final state matches the final text', async () => {
        const root = workspaceCopy();
        const original = readFileSync(path.join(root, RISK), 'utf8');
        // Version v names a requirement 97.v that does not exist: its diagnostics say which text they belong to.
        const textOf = (v: number) => original.replace('addresses 12.2', `addresses 97.${v}`);
        const EDITS = 300;
        const final = EDITS + 1;
        const session = new LspSession(root, { asOf: '2026-01-15' });
        try {
            await session.initialize();
            await session.waitFor(() => session.coverageNotes.length > 0, 'the initial build');
            const uri = session.uri(RISK);
            await session.open(RISK, original);
            await session.settled(RISK, 1, 'the opened file');
            const from = session.published.length;
            // The whole burst is written before the server has answered any of it.
            await Promise.all(Array.from({ length: EDITS }, (_, i) => session.change(RISK, i + 2, textOf(i + 2))));
            await session.settled(RISK, final, 'the last edit of the burst');

            const burst = session.published.slice(from).filter(p => p.uri === uri);
            expect(versionRegressions(burst, uri, 1)).toEqual([]);
            for (const p of burst) {
                const markers = p.diagnostics.map(d => /\b97\.(\d+)\b/.exec(d.message)?.[1]).filter(m => m !== undefined);
                expect(
                    markers,
                    `the diagnostics published for version ${p.version}: ${p.diagnostics.map(d => `${String(d.code)} ${d.message}`).join(' | ')}`
                ).toEqual([String(p.version)]);
            }
            expect(session.lastPublished(RISK)?.version).toBe(final);

            // The framework and the coverage are those of the final text, as a fresh check computes them.
            const files = readFolder(root);
            files[RISK] = textOf(final);
            const expected = await buildWorkspace(files);
            const model = expected.services.gdl.WorkspaceFacts.coverageModel();
            expect(session.coverageNotes.at(-1)).toEqual({ covered: model.covered, total: model.total });
            const summary = (ds: Array<{ code?: unknown; message: string; range: { start: { line: number } } }>) =>
                ds.map(d => `${d.range.start.line}:${String(d.code)} ${d.message}`).sort();
            expect(summary(session.diagnostics.get(session.uri(FRAMEWORK)) ?? [])).toEqual(summary(expected.diagnostics(FRAMEWORK)));
            expect(summary(session.diagnostics.get(uri) ?? [])).toEqual(summary(expected.diagnostics(RISK)));
            report(
                'lsp-burst.txt',
                `${EDITS} edits sent at once: diagnostics published for ${burst.length} of the ${EDITS} versions, each for its own text; last for version ${final}; coverage ${model.covered}/${model.total}`
            );
        } finally {
            await session.close();
        }
    });
});

const EDITS = 10000;

test(`the language server under load: ${EDITS} random edits, every request answered, no stale diagnostics, and a heap that does not grow`, async () => {
    const root = workspaceCopy();
    const session = new LspSession(root, { asOf: '2026-01-15' }, { nodeOptions: ['--expose-gc'] });
    try {
        await session.initialize();
        await session.waitFor(() => session.coverageNotes.length > 0, 'the initial build');
        const files = [RISK, 'example-constabulary/training/fr-1-first-responders.gdl', 'example-constabulary/action-plan.gdl'];
        const originals = files.map(f => readFileSync(path.join(root, f), 'utf8'));
        const versions = files.map(() => 1);
        const opened = session.published.length;
        for (const [i, file] of files.entries()) {
            await session.open(file, originals[i]!);
        }
        const edits = fc.sample(
            fc.tuple(
                fc.nat({ max: files.length - 1 }),
                fc.array(
                    mutationArbitrary.filter(m => m.kind !== 'long-line' && m.kind !== 'nesting'),
                    { minLength: 1, maxLength: 2 }
                )
            ),
            { numRuns: EDITS, seed: 11 }
        );
        const change = (i: number, text: string) => session.change(files[i]!, ++versions[i]!, text);
        // Restores every file and waits until the server shows exactly the restored texts.
        const settle = async () => {
            for (const [i] of files.entries()) {
                await change(i, originals[i]!);
            }
            for (const [i, file] of files.entries()) {
                await session.settled(file, versions[i]!, `${file} to settle`);
                // The restored texts have the diagnostics they had when opened: none, except the plan's
                // two items still in progress after their deadline (GDL0502). GDL0210 is left out: it reports a
                // cover the session's edits took away, for as long as it stays away, so it depends on which of the
                // random edits' builds finished (one that briefly covered the waived 20.3 leaves "20.3 is no longer
                // covered" after the restore), which is a matter of speed; lsp-edit-sequence.test.ts checks it.
                const shown = codesOf(session.diagnostics.get(session.uri(file)) ?? []).filter(code => code !== 'GDL0210');
                expect(shown).toEqual(file.endsWith('action-plan.gdl') ? ['GDL0502', 'GDL0502'] : []);
            }
            expect(session.coverageNotes.at(-1)).toEqual({ covered: 38, total: 39 });
            return session.connection.sendRequest(HeapRequest);
        };
        const heaps: number[] = [];
        let answered = 0;
        const started = performance.now();
        for (let n = 0; n < edits.length; n++) {
            const [file, mutations] = edits[n]!;
            // Edits arrive faster than builds finish: Langium cancels the stale builds.
            await change(file, mutate(originals[file]!, mutations));
            if (n % 50 === 49) {
                const hover = await session.connection.sendRequest('textDocument/hover', {
                    textDocument: { uri: session.uri(files[0]!) },
                    position: { line: 1, character: 4 }
                });
                expect(hover === null || typeof hover === 'object').toBe(true);
                answered++;
            }
            if (n === 999 || n === edits.length - 1) {
                const heap = await settle();
                expect(heap.collected).toBe(true);
                heaps.push(heap.heapUsed);
            }
        }
        const seconds = (performance.now() - started) / 1000;
        const growth = (heaps[1]! - heaps[0]!) / heaps[0]!;
        const publications = files
            .map(f => session.published.slice(opened).filter(p => p.uri === session.uri(f)).length)
            .reduce((a, b) => a + b, 0);
        report(
            'lsp-load.txt',
            `${EDITS} edits in ${seconds.toFixed(1)} s; diagnostics published ${publications} times for the edited files; ${answered} hovers answered during the load; heap after GC ${(heaps[0]! / 1048576).toFixed(1)} MB after 1,000 edits, ${(heaps[1]! / 1048576).toFixed(1)} MB after ${EDITS} (${(growth * 100).toFixed(1)}%)`
        );
        expect(answered).toBe(EDITS / 50);
        for (const file of files) {
            expect(versionRegressions(session.published.slice(opened), session.uri(file)), file).toEqual([]);
        }
        // A leak grows with the 9,000 edits between the two measurements, both taken with the same
        // texts built, after a full collection, and without the bounded memos of text answers (which hold
        // what the builds that finished happened to see, up to their limit: 24% once on a loaded machine;
        // tests/unit/text-memo.test.ts checks the bound): even 600 bytes kept per edit would exceed 20%. What
        // does vary from run to run (4–6% seen, on idle and busy machines) is the engine's own
        // memory (compiled code, feedback), so the bound leaves room for that and no more.
        expect(growth).toBeLessThan(0.2);
        expect(session.exited).toBe(false);
    } finally {
        await session.close();
    }
});
