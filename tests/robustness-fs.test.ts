import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { URI } from 'langium';
import { writeSiteAtomically } from './support/staged-site.js';
import { reallyInside } from '../language/src/validation/workspace-file.js';
import { PATIENCE_MS } from './support/patience.js';
import { fixtureCopy, sourceOutside, EXAMPLE_FOLDERS } from './support/files.js';

const repo = path.resolve(import.meta.dirname, '..');
const gdl = path.join(repo, 'bin/gdl.js');
const run = (args: string[]) => spawnSync(process.execPath, [gdl, ...args], { cwd: repo, encoding: 'utf8', timeout: PATIENCE_MS });
const tree = (folder: string) =>
    readdirSync(folder, { recursive: true })
        .map(String)
        .filter(f => statSync(path.join(folder, f)).isFile())
        .sort();

describe('the file system: links, killed and concurrent builds', () => {
    test('a link to a source outside the workspace is reported and not followed; the rest is still checked', () => {
        const secret = sourceOutside('secret.gdl');
        const workspace = fixtureCopy('gaps', 'links');
        symlinkSync(secret, path.join(workspace, 'escape.gdl'));
        symlinkSync(path.join(workspace, 'plan.gdl'), path.join(workspace, 'inside-link.gdl'));
        const result = run(['check', workspace]);
        expect(result.status).toBe(2);
        expect(result.stdout).toMatch(
            /escape\.gdl:1:1 error GDL0000 cannot read file: it links outside the workspace folder, so it is not followed/
        );
        expect(result.stdout).not.toContain('secret');
        // The link inside the workspace was read: its plan is defined twice now.
        expect(result.stdout).toMatch(/GDL0003 Plan id 'gaps-plan' is defined more than once/);
    });

    test('a handout that is a link to a file outside the workspace is an error, and its target is never published', () => {
        const secret = sourceOutside('secret-handout.md');
        const workspace = mkdtempSync(path.join(tmpdir(), 'gdl-handout-link-'));
        cpSync(path.join(repo, 'tests/fixtures/lms/input'), workspace, { recursive: true });
        symlinkSync(secret, path.join(workspace, 'case-link.md'));
        writeFileSync(
            path.join(workspace, 'workspace.gdl'),
            readFileSync(path.join(workspace, 'workspace.gdl'), 'utf8').replace('file "case.md"', 'file "case-link.md"')
        );
        const check = run(['check', workspace]);
        expect(check.stdout).toMatch(
            /workspace\.gdl:\d+:\d+ error GDL0415 Handout 'M-H1' points at 'case-link\.md', outside the workspace/
        );
        const out = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-handout-link-out-')), 'site');
        const build = run(['build', workspace, '--out', out, '--allow-gaps']);
        expect(build.status).toBe(1);
        expect(existsSync(out)).toBe(false);
        // The rule the check and the build's reader share: the link is outside, the plain file and a link inside are not.
        const roots = [URI.file(workspace).toString()];
        symlinkSync(path.join(workspace, 'case.md'), path.join(workspace, 'inside-link.md'));
        expect(reallyInside(URI.file(path.join(workspace, 'case-link.md')), roots)).toBe(false);
        expect(reallyInside(URI.file(path.join(workspace, 'case.md')), roots)).toBe(true);
        expect(reallyInside(URI.file(path.join(workspace, 'inside-link.md')), roots)).toBe(true);
    });

    test('a build killed half-way leaves the previous output intact, and the next build cleans up after it', async () => {
        const parent = mkdtempSync(path.join(tmpdir(), 'gdl-kill-'));
        const out = path.join(parent, 'site');
        mkdirSync(out);
        // The last good build: its page and the marker every build leaves.
        writeFileSync(path.join(out, 'previous.html'), 'the last good build');
        writeFileSync(path.join(out, '.gdl-output'), 'written by gdl build');
        const child = spawn(process.execPath, [gdl, 'build', 'guidance', '--force', 'Example Constabulary', '--out', out], {
            cwd: repo,
            stdio: ['ignore', 'ignore', 'pipe']
        });
        let stderr = '';
        // Kill it once it has started rendering pages (its progress lines), well before the swap.
        const exited = new Promise(resolve => child.on('exit', resolve));
        child.stderr.on('data', (chunk: Buffer) => {
            stderr += String(chunk);
            if (stderr.includes('[3/')) {
                child.kill('SIGKILL');
            }
        });
        await exited;
        expect(stderr, 'the build was killed while rendering').toContain('[3/');
        expect(tree(out)).toEqual(['.gdl-output', 'previous.html']);
        expect(readFileSync(path.join(out, 'previous.html'), 'utf8')).toBe('the last good build');
        const next = run(['build', 'guidance', '--force', 'Example Constabulary', '--out', out, '--quiet']);
        expect(next.status, next.stderr).toBe(0);
        expect(existsSync(path.join(out, 'index.html'))).toBe(true);
        expect(readdirSync(parent)).toEqual(['site']);
    });

    test('two builds at once into one folder take turns: the output is complete and identical to a single build', async () => {
        const parent = mkdtempSync(path.join(tmpdir(), 'gdl-twice-'));
        const out = path.join(parent, 'site');
        const once = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-once-')), 'site');
        expect(run(['build', 'guidance', '--force', 'Example Constabulary', '--out', once, '--quiet']).status).toBe(0);
        const start = () =>
            new Promise<number | null>(resolve => {
                const child = spawn(
                    process.execPath,
                    [gdl, 'build', 'guidance', '--force', 'Example Constabulary', '--out', out, '--quiet'],
                    { cwd: repo, stdio: 'ignore' }
                );
                child.on('exit', code => resolve(code));
            });
        expect(await Promise.all([start(), start()])).toEqual([0, 0]);
        expect(tree(out)).toEqual(tree(once));
        for (const file of tree(once)) {
            expect(readFileSync(path.join(out, file)).equals(readFileSync(path.join(once, file))), file).toBe(true);
        }
        expect(readdirSync(parent)).toEqual(['site']);
    });

    test('no output path can leave the output folder', async () => {
        const parent = mkdtempSync(path.join(tmpdir(), 'gdl-escape-'));
        await expect(writeSiteAtomically(path.join(parent, 'site'), new Map([['../escaped.txt', 'x']]))).rejects.toThrow(
            /outside the output folder/
        );
        expect(readdirSync(parent)).toEqual([]);
        // Ids cannot hold path separators in the first place: '../../x' is not an id.
        const workspace = mkdtempSync(path.join(tmpdir(), 'gdl-badid-'));
        writeFileSync(path.join(workspace, 'a.gdl'), 'guidance ../../x "Escape" { }');
        expect(run(['build', workspace, '--out', path.join(parent, 'site')]).status).toBe(1);
        expect(readdirSync(parent)).toEqual([]);
    });

    test('the output is byte-identical whatever order the files are read in', () => {
        // The same sources under names that sort the other way round are read in the opposite order.
        const forward = mkdtempSync(path.join(tmpdir(), 'gdl-order-a-'));
        const backward = mkdtempSync(path.join(tmpdir(), 'gdl-order-b-'));
        const sources = readdirSync(path.join(repo, 'guidance'), { recursive: true })
            .map(String)
            .filter(f => f.endsWith('.gdl'))
            // The Example Constabulary's workspace: the real forces' folders, flattened into one, would be forces in one folder.
            .filter(f => EXAMPLE_FOLDERS.includes(f.split(path.sep)[0]!))
            .sort();
        sources.forEach((file, index) => {
            writeFileSync(path.join(forward, `${String(index).padStart(3, '0')}.gdl`), readFileSync(path.join(repo, 'guidance', file)));
            writeFileSync(
                path.join(backward, `${String(sources.length - index).padStart(3, '0')}.gdl`),
                readFileSync(path.join(repo, 'guidance', file))
            );
        });
        // The example's exhibit and handout files, where its exhibits.gdl and modules (now at the top) say they are.
        for (const folder of [forward, backward]) {
            cpSync(path.join(repo, 'guidance/example-constabulary/exhibits'), path.join(folder, 'exhibits'), { recursive: true });
            cpSync(path.join(repo, 'guidance/example-constabulary/training/handouts'), path.join(folder, 'handouts'), { recursive: true });
        }
        const outA = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-order-out-')), 'site');
        const outB = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-order-out-')), 'site');
        for (const [from, to] of [
            [forward, outA],
            [backward, outB]
        ]) {
            const result = run(['build', from!, '--out', to!, '--quiet']);
            expect(result.status, result.stdout + result.stderr).toBe(0);
        }
        expect(tree(outB)).toEqual(tree(outA));
        for (const file of tree(outA)) {
            expect(readFileSync(path.join(outB, file)).equals(readFileSync(path.join(outA, file))), file).toBe(true);
        }
    });
});
