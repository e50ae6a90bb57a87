import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { generateForces } from '../bench/generate-workspace.js';
import { filesBelow } from './support/files.js';
import { PATIENCE_MS } from './support/patience.js';

const repo = path.resolve(import.meta.dirname, '..');

function build(workspace: string, out: string, workers: string) {
    const result = spawnSync(
        process.execPath,
        [path.join(repo, 'bin/gdl.js'), 'build', workspace, '--out', out, '--allow-gaps', '--as-of', '2026-01-15', '--lms', 'scorm12,cmi5'],
        { cwd: repo, encoding: 'utf8', timeout: PATIENCE_MS, env: { ...process.env, GDL_BUILD_WORKERS: workers } }
    );
    return { code: result.status, stdout: result.stdout.replaceAll(out, 'OUT'), stderr: result.stderr };
}

describe('gdl build in worker threads', () => {
    test('a build of three forces with two workers and one without give the same files, byte for byte, and both end', () => {
        // The pool looks for its worker beside its own compiled module: without it, both builds would run in one thread.
        expect(existsSync(path.join(repo, 'out/language/src/publish/render-worker.js'))).toBe(true);
        const scratch = mkdtempSync(path.join(tmpdir(), 'gdl-build-workers-'));
        const workspace = path.join(scratch, 'workspace');
        generateForces(workspace, 3, 5);
        const threads = build(workspace, path.join(scratch, 'threads'), '2');
        const one = build(workspace, path.join(scratch, 'one'), '0');
        expect(threads.code, threads.stdout + threads.stderr).toBe(0);
        expect(one.code, one.stdout + one.stderr).toBe(0);
        expect(threads.stdout).toMatch(/^Published \d+ files to OUT \(3 forces, one folder each: /m);
        expect(threads.stdout).toBe(one.stdout);
        const files = filesBelow(path.join(scratch, 'one'));
        expect(files).toContain('force-2/courses/f2-c1-trainer.docx');
        expect(files).toContain('force-3/lms/f3-c1.cmi5.zip');
        expect(filesBelow(path.join(scratch, 'threads'))).toEqual(files);
        const differing = files.filter(
            file => !readFileSync(path.join(scratch, 'threads', file)).equals(readFileSync(path.join(scratch, 'one', file)))
        );
        expect(differing).toEqual([]);
    });
});
