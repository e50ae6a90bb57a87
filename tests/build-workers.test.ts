import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, test } from 'vitest';
import { generateForces, generateScaleCorpus } from '../bench/generate-workspace.js';
import type * as Pool from '../language/src/publish/render-pool.js';
import type { Root } from 'mdast';
import type { RenderJob } from '../language/src/publish/render-job.js';
import { filesBelow } from './support/files.js';
import { PATIENCE_MS } from './support/patience.js';
import { largest } from '../language/src/arrays.js';
import { readableMarkdown } from './support/markdown.js';

const repo = path.resolve(import.meta.dirname, '..');

function build(workspace: string, out: string, workers: string) {
    const result = spawnSync(
        process.execPath,
        [path.join(repo, 'bin/gdl.js'), 'build', workspace, '--out', out, '--allow-gaps', '--as-of', '2026-01-15', '--lms', 'scorm12,cmi5'],
        { cwd: repo, encoding: 'utf8', timeout: PATIENCE_MS, env: { ...process.env, GDL_BUILD_WORKERS: workers } }
    );
    return { code: result.status, stdout: result.stdout.replaceAll(out, 'OUT'), stderr: result.stderr };
}

/** A generated workspace built twice, with two workers and in one thread; both builds must succeed. */
function builtBothWays(prefix: string, generate: (workspace: string) => void) {
    const scratch = mkdtempSync(path.join(tmpdir(), prefix));
    const workspace = path.join(scratch, 'workspace');
    generate(workspace);
    const threads = build(workspace, path.join(scratch, 'threads'), '2');
    const one = build(workspace, path.join(scratch, 'one'), '0');
    expect(threads.code, threads.stdout + threads.stderr).toBe(0);
    expect(one.code, one.stdout + one.stderr).toBe(0);
    return { scratch, threads, one };
}

describe('gdl build in worker threads', () => {
    test('a build of three forces with two workers and one without give the same files, byte for byte, and both end', () => {
        // The pool looks for its worker beside its own compiled module: without it, both builds would run in one thread.
        expect(existsSync(path.join(repo, 'out/language/src/publish/render-worker.js'))).toBe(true);
        const { scratch, threads, one } = builtBothWays('gdl-build-workers-', workspace => generateForces(workspace, 3, 5));
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

// The pool as `gdl build` runs it: compiled, with its worker beside it (from the sources there is no worker to start).
async function compiledPool(): Promise<typeof Pool.RenderPool> {
    const compiled = path.join(repo, 'out/language/src/publish/render-pool.js');
    return ((await import(compiled)) as typeof Pool).RenderPool;
}

const page = (value: string): RenderJob => ({
    format: 'md',
    tree: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value }] }] }
});

/** What the pool sends its workers from now until `stop`: each request's size (its JSON) and the heap limit of the worker it went to. */
function sentRequests() {
    const post = Worker.prototype.postMessage;
    const sizes: number[] = [];
    const heapLimits: Array<number | undefined> = [];
    Worker.prototype.postMessage = function (this: Worker, message: unknown, transfer?: readonly Transferable[]) {
        const jobs = (message as { jobs?: unknown }).jobs;
        sizes.push(typeof jobs === 'string' ? jobs.length : -1);
        heapLimits.push(this.resourceLimits?.maxOldGenerationSizeMb);
        return post.call(this, message, transfer as never);
    };
    return { sizes, heapLimits, stop: () => void (Worker.prototype.postMessage = post) };
}

/** A page of `paragraphs` paragraphs, each with characters Markdown escapes. */
function longPage(paragraphs: number): Root {
    return {
        type: 'root',
        children: Array.from({ length: paragraphs }, (_, i) => ({
            type: 'paragraph' as const,
            children: [{ type: 'text' as const, value: `Paragraph ${i} of a long page, with *stars* and _underscores_ to escape.` }]
        }))
    };
}

/** Holds the main thread for `ms` without letting any event through, as building many pages' trees does. */
function holdMainThread(ms: number): void {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

describe('a long coverage table written by the workers a run of rows at a time', () => {
    test('250 requirements: the same coverage page with two workers and without, one table of every requirement', () => {
        const { scratch } = builtBothWays('gdl-build-runs-', workspace => generateScaleCorpus(workspace, 250, 1));
        for (const file of ['coverage.md', 'coverage.html']) {
            expect(readFileSync(path.join(scratch, 'threads', file)).equals(readFileSync(path.join(scratch, 'one', file))), file).toBe(
                true
            );
        }
        const markdown = readableMarkdown(readFileSync(path.join(scratch, 'threads', 'coverage.md'), 'utf8'));
        const requirements = (markdown.match(/^### Requirement /gm) ?? []).length;
        expect(requirements).toBe(250);
        // One table: its header, its delimiter row and a row per requirement made to the force, as consecutive lines.
        const tables = markdown.split(/\n\n/).filter(block => block.startsWith('| Requirement |'));
        expect(tables).toHaveLength(1);
        const rows = tables[0]!.trim().split('\n');
        expect(rows[1]).toMatch(/^\| - \|/);
        expect(rows.length - 2).toBe(Number(/(\d+) of (\d+) evidence requirements/.exec(markdown)![2]));
        const html = readFileSync(path.join(scratch, 'threads', 'coverage.html'), 'utf8');
        expect(html.match(/<table/g)).toHaveLength(1);
        expect(html.match(/<tbody/g)).toHaveLength(1);
        expect(html.match(/<tr /g)).toHaveLength(rows.length - 1);
    });
});

describe('the render pool', () => {
    test('a request that cannot be sent to a worker is rendered in the main thread, and the pool goes on', async () => {
        const RenderPool = await compiledPool();
        const pool = RenderPool.create(1)!;
        try {
            const unsendable: RenderJob = {
                format: 'md',
                tree: {
                    type: 'root',
                    children: [{ type: 'paragraph', children: [{ type: 'text', value: 'big' }], data: { n: 1n } as never }]
                }
            };
            expect(await pool.render([unsendable])).toEqual(['big\n']);
            expect(await pool.render([page('after')])).toEqual(['after\n']);
        } finally {
            await pool.dispose();
        }
    });

    test("a page too large for a worker's heap is rendered in the main thread: the same bytes, and the process goes on", async () => {
        const { RenderPool, largestSent, requestJobs } = (await import(
            path.join(repo, 'out/language/src/publish/render-pool.js')
        )) as typeof Pool;
        const { renderJobs } = await import(path.join(repo, 'out/language/src/publish/render-job.js'));
        // A worker whose heap is far smaller than the page needs: sent the page, it would end the whole process (V8 stops
        // in JSON.parse, with "Reached heap limit"), not just itself.
        const pool = RenderPool.create(1, 32)!;
        const sent = sentRequests();
        try {
            expect(await pool.render([page('before')])).toEqual(['before\n']);
            const tree = longPage(100_000);
            const huge: RenderJob[] = [
                { format: 'html-part', tree },
                { format: 'md', tree }
            ];
            expect(String(requestJobs(huge)).length).toBeGreaterThan(largestSent(32));
            const inPool = await pool.render(huge);
            expect(inPool).toEqual(await renderJobs(huge));
            expect(String(inPool[0]).match(/<p\b/g)).toHaveLength(100_000);
            expect(await pool.render([page('after')])).toEqual(['after\n']);
            // The small pages went to the worker, the large one did not.
            expect(sent.sizes).toHaveLength(2);
            expect(largest(sent.sizes)).toBeLessThan(1000);
        } finally {
            sent.stop();
            await pool.dispose();
        }
    });

    test("a page just under the largest sent is rendered by a worker with the pool's heap, in every format, as the main thread would", async () => {
        const { RenderPool, largestSent, requestJobs, workerHeapMb } = (await import(
            path.join(repo, 'out/language/src/publish/render-pool.js')
        )) as typeof Pool;
        const { renderJobs } = await import(path.join(repo, 'out/language/src/publish/render-job.js'));
        const pool = RenderPool.create(1)!;
        const sent = sentRequests();
        try {
            // A course page's request: its tree three times (Markdown, HTML, Word), sent as one.
            const tree = longPage(17_000);
            const shell = {
                html: '<!DOCTYPE html><html><head><title></title></head><body><main></main></body></html>',
                siteName: 'S',
                header: '',
                footer: ''
            };
            const jobs: RenderJob[] = [
                { format: 'md', tree },
                { format: 'html', tree, title: 'T', shell, depth: 0, classification: 'OFFICIAL' },
                { format: 'docx', tree, title: 'T', date: '2026-01-15', classification: 'OFFICIAL' }
            ];
            const size = String(requestJobs(jobs)).length;
            expect(size).toBeLessThan(largestSent(workerHeapMb()));
            expect(size).toBeGreaterThan(largestSent(workerHeapMb()) * 0.8);
            const inWorker = await pool.render(jobs);
            const here = await renderJobs(jobs);
            expect(inWorker.map(c => Buffer.from(c))).toEqual(here.map((c: Buffer | string) => Buffer.from(c)));
            expect(String(inWorker[0]).split('\n\n')).toHaveLength(17_000);
            // Sent to a worker whose heap is limited, which rendered it and goes on rendering.
            expect(await pool.render([page('after')])).toEqual(['after\n']);
            expect(sent.sizes).toEqual([size, expect.any(Number)]);
            expect(sent.heapLimits).toEqual([workerHeapMb(), workerHeapMb()]);
            expect(workerHeapMb()).toBeLessThanOrEqual(2047);
        } finally {
            sent.stop();
            await pool.dispose();
        }
    });

    test('answers that come while the main thread is busy are taken at its next request, not when it is done', async () => {
        const RenderPool = await compiledPool();
        const pool = RenderPool.create(1)!;
        try {
            expect(await pool.render([page('warm')])).toEqual(['warm\n']);
            let answered = false;
            const first = pool.render([page('first')]).then(contents => {
                answered = true;
                return contents;
            });
            // The worker answers while the main thread is held; no event can tell the pool so.
            holdMainThread(3000);
            const second = pool.render([page('second')]);
            await Promise.resolve();
            await Promise.resolve();
            expect(answered).toBe(true);
            expect(await first).toEqual(['first\n']);
            expect(await second).toEqual(['second\n']);
        } finally {
            await pool.dispose();
        }
    });

    test('a worker renders what the main thread would: texts that JSON must escape, a table, a package of bytes', async () => {
        const RenderPool = await compiledPool();
        const { renderJobs } = await import(path.join(repo, 'out/language/src/publish/render-job.js'));
        const pool = RenderPool.create(1)!;
        try {
            const awkward = ['lone \ud800 surrogate', 'NUL \u0000 and \u2028', '</script><!--', 'emoji 👮‍♀️', '"quoted" \\ back'];
            const jobs: RenderJob[] = [
                ...awkward.map(page),
                {
                    format: 'html-part',
                    tree: { type: 'root', children: [{ type: 'table', align: [null, 'left'], children: [] }] }
                },
                {
                    format: 'zip',
                    files: [
                        ['a.txt', Buffer.from([0, 255, 1])],
                        ['b.txt', awkward.join('\n')]
                    ],
                    date: '2026-01-15'
                }
            ];
            const inWorker = await pool.render(jobs);
            const here = await renderJobs(structuredClone(jobs));
            expect(inWorker.map(c => Buffer.from(c))).toEqual(here.map((c: Buffer | string) => Buffer.from(c)));
            expect(String(inWorker[0])).toContain('\ud800');
        } finally {
            await pool.dispose();
        }
    });

    test('a pool keeps no process alive when it has nothing to render, even unstopped with a worker never sent a page', () => {
        // A worker's listeners hold the process unless the worker is let go after them: a process that used one
        // worker of two and did not stop the pool never ended.
        const script = `
            const { RenderPool } = await import(${JSON.stringify(pathToFileURL(path.join(repo, 'out/language/src/publish/render-pool.js')).href)});
            const pool = RenderPool.create(2);
            const [md] = await pool.render([{ format: 'md', tree: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'one' }] }] } }]);
            process.stdout.write(md);
        `;
        // A file, not `node -e`: an evaluated script's process ends when the script does, whatever it holds.
        const file = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-idle-pool-')), 'idle-pool.mjs');
        writeFileSync(file, script);
        const result = spawnSync(process.execPath, [file], { cwd: repo, encoding: 'utf8', timeout: PATIENCE_MS });
        expect(result.signal, 'the process did not end').toBeNull();
        expect(result.stderr).toBe('');
        expect(result.stdout).toBe('one\n');
        expect(result.status).toBe(0);
    });

    test('a pool started before the pages are known is kept for many pages, and stopped for a few', async () => {
        const RenderPool = await compiledPool();
        const saved = process.env['GDL_BUILD_WORKERS'];
        delete process.env['GDL_BUILD_WORKERS'];
        try {
            const kept = RenderPool.create(1)!;
            expect(RenderPool.forPages(200, kept)).toBe(kept);
            expect(await kept.render([page('kept')])).toEqual(['kept\n']);
            await kept.dispose();
            const stopped = RenderPool.create(1)!;
            expect(RenderPool.forPages(20, stopped)).toBeUndefined();
            // A stopped pool renders in the main thread: what it is asked still gets its answer.
            expect(await stopped.render([page('stopped')])).toEqual(['stopped\n']);
            await stopped.dispose();
        } finally {
            if (saved !== undefined) {
                process.env['GDL_BUILD_WORKERS'] = saved;
            }
        }
    });
});
