import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { PATIENCE_MS } from './support/patience.js';

// `gdl build` refuses to publish approved material that carries a drafting note (GDL0311, an error): run as a
// user runs it, on a copy of the small publishing workspace with one note added. Needs `npx tsc -p tsconfig.json`.

const repo = path.resolve(import.meta.dirname, '..');
const gdl = path.join(repo, 'bin/gdl.js');
const SMALL = path.join(repo, 'tests/fixtures/publish/small/input');

// A copy of the workspace in a fresh folder; the site is written beside it, never inside it.
function workspaceWith(edit: (text: string) => string): string {
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-cite-')), 'workspace');
    cpSync(SMALL, folder, { recursive: true });
    const file = path.join(folder, 'workspace.gdl');
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    return folder;
}

function build(folder: string, out: string) {
    const result = spawnSync(process.execPath, [gdl, 'build', folder, '--out', out, '--quiet'], {
        cwd: folder,
        encoding: 'utf8',
        timeout: PATIENCE_MS
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const withNote = (text: string) =>
    text.replace(
        '        Think **stalking** first.',
        '        Think **stalking** first. Check this.\n        The maximum penalty is [citation needed].'
    );

describe('gdl build and drafting notes', () => {
    test('approved text with a drafting note publishes nothing, exits 1 and says where the notes are and what to do', () => {
        const folder = workspaceWith(withNote);
        const out = path.join(folder, '..', 'site');
        const result = build(folder, out);
        expect(result.code).toBe(1);
        // The prose's first line is line 29: "Check this." starts at column 35 (8 spaces and "Think **stalking** first. " before it).
        expect(result.stdout).toMatch(
            /^workspace\.gdl:29:35 error GDL0311 Section 's-one' is not a draft, but its text carries a drafting note, 'Check this\.'/m
        );
        expect(result.stdout).toMatch(/^workspace\.gdl:30:32 error GDL0311 .*'\[citation needed\]'/m);
        expect(result.stdout).toContain(
            'Approved material carries 2 drafting notes or file paths (GDL0311, GDL0312) that readers would see: settle them, keep them in a `//` comment, or mark the material `status draft`.'
        );
        expect(result.stdout).toContain("Nothing was published; '");
        expect(existsSync(out)).toBe(false);
    });

    test('the same notes in a section marked draft do not stop the build', () => {
        const folder = workspaceWith(text =>
            withNote(text)
                .replace('section s-one "First section" {', 'section s-one "First section" {\n        status draft')
                .replace('evidence s-one, M', 'evidence M')
        );
        const result = build(folder, path.join(folder, '..', 'site'));
        expect(result.stdout).not.toContain('GDL0311');
        expect(result.code, result.stdout).toBe(0);
    });
});
