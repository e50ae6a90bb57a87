import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { generateForces } from '../bench/generate-workspace.js';
import { LspSession } from './support/lsp-client.js';

// An edit rebuilds only what it can change (the forces whose files changed, the documents that refer to them, the
// framework): what the server shows after a run of edits must be what a server started on the final text shows.

const UNCOVERED_BY_EDIT = 'GDL0210';
const settings = { asOf: '2026-01-15' };

/** Every file's diagnostics, by path in the workspace, in a form two servers' can be compared in. */
function shown(session: LspSession): Record<string, Diagnostic[]> {
    const prefix = `${session.uri('')}/`;
    return Object.fromEntries(
        [...session.diagnostics]
            .map(([uri, diagnostics]) => [uri.slice(prefix.length), diagnostics] as const)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    );
}

const withoutLosses = (all: Record<string, Diagnostic[]>) =>
    Object.fromEntries(Object.entries(all).map(([file, list]) => [file, list.filter(d => d.code !== UNCOVERED_BY_EDIT)]));

const lossesIn = (all: Record<string, Diagnostic[]>) =>
    Object.entries(all).flatMap(([file, list]) => list.filter(d => d.code === UNCOVERED_BY_EDIT).map(d => `${file}: ${d.message}`));

describe('a run of edits shows what a fresh server shows for the final text', () => {
    const sessions: LspSession[] = [];
    afterAll(async () => {
        await Promise.all(sessions.map(s => s.close()));
    });

    test('coverage changed in one force then another, a duplicate id across forces, a removed definition', async () => {
        const root = mkdtempSync(path.join(tmpdir(), 'gdl-edits-'));
        generateForces(root, 3, 7);
        const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
        const texts = new Map<string, string>();
        const versions = new Map<string, number>();
        const edited = new LspSession(root, settings);
        sessions.push(edited);
        await edited.initialize();
        await edited.waitFor(() => edited.coverageNotes.length > 0, 'the first build');

        /** Opens `file` if need be, then replaces its text, and waits for the build of that text to finish. */
        const edit = async (file: string, change: (text: string) => string, what: string) => {
            if (!versions.has(file)) {
                texts.set(file, read(file));
                versions.set(file, 1);
                await edited.open(file, texts.get(file)!);
                await edited.settled(file, 1, `${file} opened`);
            }
            const text = change(texts.get(file)!);
            expect(text, what).not.toBe(texts.get(file));
            texts.set(file, text);
            const version = versions.get(file)! + 1;
            versions.set(file, version);
            await edited.change(file, version, text);
            await edited.settled(file, version, what);
        };
        const plan1 = 'force-1/plan.gdl';
        const plan2 = 'force-2/plan.gdl';
        const verified = (text: string) => text.replace(/\n {4}published /, '\n    assurance verified\n    published ');

        // Force 1 asks for verified cover: most of its requirements fall short, and the plan that covered them says so.
        const before = edited.coverageNotes.at(-1)!;
        await edit(plan1, verified, 'force 1 at the verified level');
        expect(edited.coverageNotes.at(-1)!.covered).toBeLessThan(before.covered);
        expect(lossesIn(shown(edited)).length).toBeGreaterThan(0);
        expect(lossesIn(shown(edited)).every(loss => loss.startsWith(`${plan1}: `))).toBe(true);

        // Then another force does, and the first goes back: only the second force's losses remain.
        await edit(plan2, verified, 'force 2 at the verified level');
        await edit(plan1, () => read(plan1), 'force 1 back to evidenced');
        expect(edited.coverageNotes.at(-1)).toEqual(before);
        const losses = lossesIn(shown(edited));
        expect(losses.length).toBeGreaterThan(0);
        expect(losses.every(loss => loss.startsWith(`${plan2}: `))).toBe(true);

        // A section of force 2 takes the id of one of force 1's (whose file is not open), and a section of force 3 that
        // another refers to is renamed.
        await edit('force-2/guidance-1.gdl', text => text.replace('section f2-d1-s1 ', 'section f1-d1-s1 '), 'a duplicate id');
        await edit('force-3/guidance-2.gdl', text => text.replace('section f3-d2-s1 ', 'section f3-d2-renamed '), 'a definition removed');
        const final = shown(edited);
        const codes = (file: string) => (final[file] ?? []).map(d => String(d.code));
        expect(codes('force-1/guidance-1.gdl')).toContain('GDL0003');
        expect(codes('force-2/guidance-1.gdl')).toContain('GDL0003');
        expect(codes('force-3/guidance-2.gdl')).toContain('GDL0002');

        // A server started on a copy of the workspace with the final text saved.
        const copy = mkdtempSync(path.join(tmpdir(), 'gdl-edits-final-'));
        generateForces(copy, 3, 7);
        for (const [file, text] of texts) {
            writeFileSync(path.join(copy, file), text);
        }
        const fresh = new LspSession(copy, settings);
        sessions.push(fresh);
        await fresh.initialize();
        await fresh.waitFor(() => fresh.coverageNotes.length > 0, 'the first build of the final text');
        const expected = shown(fresh);
        expect(Object.keys(final)).toEqual(Object.keys(expected));
        expect(lossesIn(expected)).toEqual([]);
        expect(withoutLosses(final)).toEqual(expected);
        expect(edited.coverageNotes.at(-1)).toEqual(fresh.coverageNotes.at(-1));
    });
});
