import { getHeapStatistics } from 'node:v8';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { moduleFolder } from '../module-folder.js';
import { letGo, workerCount, workerFile } from '../worker-threads.js';
import { renderJobs, type Renderer, type RenderJob } from './render-job.js';

/**
 * Jobs sent to a worker together (a page's formats): as JSON when they hold no bytes (page trees are plain data, see
 * {@link RenderJob}; V8 writes an mdast tree as JSON in about half the time of its structured clone, and the build at
 * N = 10,000 took 0.4 s less processor time), as they are otherwise (a package's files).
 */
export interface RenderRequest {
    readonly id: number;
    readonly jobs: readonly RenderJob[] | string;
}

/** The jobs as the worker is sent them (see {@link RenderRequest}). */
export function requestJobs(jobs: readonly RenderJob[]): RenderRequest['jobs'] {
    return jobs.some(job => job.format === 'zip') ? jobs : JSON.stringify(jobs);
}

/**
 * The most heap a worker may grow to, in MB: just under 2 GB. V8 lets a heap that may reach 2 GB or more (every
 * thread's may by default on a machine of 8 GB or more, where V8 allows a quarter of the memory, up to 4 GB) grow to
 * four times its live data before it collects again, and one below 2 GB to between 1.3 and 2 times. A worker lives on
 * 20–30 MB (its renderers and the page it is on): at 10,000 requirements each of the build's two workers grew to
 * 120–160 MB before collecting, and to 90–110 MB with this limit; at 43 forces, 100–130 MB and 75–80 MB. More
 * collections cost time where a worker's live data is largest (the Word files): at 43 forces, 0.5–1 s of a build of
 * 7.5–8.5 s. See {@link largestSent} for the pages that need more.
 */
export const WORKER_HEAP_MB = 2047;

/** A worker's heap limit: {@link WORKER_HEAP_MB}, or this process's own limit where that is lower (a smaller machine). */
export function workerHeapMb(): number {
    return Math.min(WORKER_HEAP_MB, Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20));
}

/**
 * The largest request sent to a worker whose heap is limited to `heapMb`: a 256th of it (8 MB at 2,047 MB), in
 * characters of JSON or of a package's texts (its bytes are not in the heap). A larger one is rendered in the main
 * thread. A worker needs up to about twelve times its request (one guidance document of 20 MB made a page of 60 MB of
 * JSON, and a worker's heap of 715 MB), and a worker that reaches its limit inside one of V8's built-ins (JSON.parse of
 * its request) ends the whole process, not just itself. Pages of a force's or a national workspace are far below it
 * (at 10,000 requirements, none is over 1 MB).
 */
export function largestSent(heapMb: number): number {
    return Math.floor((heapMb * 2 ** 20) / 256);
}

/** The size of what a request sends (see {@link largestSent}). */
function sentSize(jobs: RenderRequest['jobs']): number {
    if (typeof jobs === 'string') {
        return jobs.length;
    }
    return jobs.reduce(
        (sum, job) =>
            sum +
            (job.format === 'zip'
                ? job.files.reduce((size, [, content]) => size + (typeof content === 'string' ? content.length : 0), 0)
                : 0),
        0
    );
}

/** A worker's answer: each job's content (a Buffer arrives as a Uint8Array), or the renderer's error message. */
export type RenderResponse =
    { readonly id: number; readonly contents: ReadonlyArray<Uint8Array | string> } | { readonly id: number; readonly error: string };

interface Request {
    readonly id: number;
    readonly jobs: readonly RenderJob[];
    readonly resolve: (contents: Array<Buffer | string>) => void;
    readonly reject: (error: Error) => void;
}

interface Slot {
    readonly worker: Worker;
    /** Where the worker answers: read as messages come, and also at each request (`render`). */
    readonly answers: MessagePort;
    /** The requests it is rendering, or has waiting, in the order sent. */
    readonly busy: Map<number, Request>;
}

/** Below this many pages a build renders in its own thread (unless asked otherwise). */
const FEW_PAGES = 60;

/** Requests a worker holds at once: one rendering and one waiting, so that it never idles between two. */
const HELD = 2;

/**
 * `gdl build`'s rendering spread over worker threads: the main thread loads the workspace and builds every page's
 * tree, and the workers turn the trees into Markdown, HTML and Word files (and packages into zips). Requests wait in
 * one queue and go to whichever worker is free first, so that a worker given the heavy pages does not hold up the
 * rest. A renderer depends on its job alone, so the bytes are the same as in one thread. A worker that fails leaves
 * its requests, and every later one, to the main thread.
 */
export class RenderPool implements Renderer {
    readonly parallel = true;
    private readonly slots: Slot[];
    private readonly queue: Request[] = [];
    /** Who waits for the queue to be short (`room`), first come first served. */
    private readonly waitingForRoom: Array<() => void> = [];
    private next = 0;
    private broken = false;
    private stopped: Promise<void> | undefined;

    /** The largest request a worker is sent ({@link largestSent}). */
    private readonly largest: number;

    private constructor(file: string, size: number, heapMb: number) {
        this.largest = largestSent(heapMb);
        this.slots = Array.from({ length: size }, () => {
            const { port1: answers, port2: answerTo } = new MessageChannel();
            const worker = new Worker(file, {
                workerData: { answerTo },
                transferList: [answerTo],
                resourceLimits: { maxOldGenerationSizeMb: heapMb }
            });
            const slot: Slot = { worker, answers, busy: new Map() };
            answers.on('message', (response: RenderResponse) => this.answer(slot, response));
            worker.on('error', () => this.fail());
            worker.on('exit', () => this.fail());
            letGo(worker, answers);
            return slot;
        });
    }

    /**
     * A pool of `size` workers (default: one per core, at most 4, `GDL_BUILD_WORKERS` to choose), each with a heap of at
     * most `heapMb` ({@link workerHeapMb}), or undefined where workers would not help (one core, or 0 asked) or cannot
     * start (no compiled worker beside this module).
     */
    static create(size = workerCount('GDL_BUILD_WORKERS'), heapMb = workerHeapMb()): RenderPool | undefined {
        const file = workerFile(moduleFolder(import.meta.url), 'render-worker');
        return size > 0 && file ? new RenderPool(file, size, heapMb) : undefined;
    }

    /**
     * A pool for a build of `pages` pages: none for a small one unless `GDL_BUILD_WORKERS` asks for it, as each worker
     * loads the renderers anew (at one force, 20 pages, workers took a third more processor time than one thread).
     * `started` is a pool started before the pages were known (`gdl build` starts one as it reads a workspace of many
     * sources, so that the workers load while the workspace is checked): it is the pool if one is wanted, and is
     * stopped if not.
     */
    static forPages(pages: number, started?: RenderPool): RenderPool | undefined {
        if (pages >= FEW_PAGES || process.env['GDL_BUILD_WORKERS'] !== undefined) {
            return started ?? RenderPool.create();
        }
        void started?.dispose();
        return undefined;
    }

    render(jobs: readonly RenderJob[]): Promise<Array<Buffer | string>> {
        if (this.broken) {
            return renderJobs(jobs);
        }
        return new Promise((resolve, reject) => {
            this.queue.push({ id: this.next++, jobs, resolve, reject });
            // A build sends its pages from one long stretch of the main thread's work (it builds every page's trees, and
            // sends each as it is built): the answers that came meanwhile are taken now, so that a worker that has
            // finished gets its next pages at once rather than when that stretch ends.
            for (const slot of this.slots) {
                for (let message = receiveMessageOnPort(slot.answers); message; message = receiveMessageOnPort(slot.answers)) {
                    this.answer(slot, message.message as RenderResponse);
                }
            }
            this.dispatch();
        });
    }

    /**
     * Resolves when the queue is shorter than the pool (each worker also holds two requests): a build sends its next
     * page then, so that the workers never wait for one, and the trees of every page are not all held at once.
     */
    room(): Promise<void> {
        if (this.broken || this.queue.length < this.slots.length) {
            return Promise.resolve();
        }
        return new Promise(resolve => this.waitingForRoom.push(resolve));
    }

    /** Stops the workers (once, however often it is asked). */
    dispose(): Promise<void> {
        this.broken = true;
        this.makeRoom();
        this.stopped ??= Promise.all(this.slots.map(s => s.worker.terminate())).then(() => undefined);
        return this.stopped;
    }

    private dispatch(): void {
        for (const slot of this.slots) {
            while (slot.busy.size < HELD && this.queue.length > 0) {
                const request = this.queue.shift()!;
                if (!this.send(slot, request)) {
                    // Jobs too large for a worker's heap, or that cannot be sent (no page a build makes): rendered here,
                    // where a renderer's error is the request's.
                    renderJobs(request.jobs).then(request.resolve, request.reject);
                    continue;
                }
                // The worker's answer comes through the event loop, after this.
                if (slot.busy.size === 0) {
                    slot.worker.ref();
                }
                slot.busy.set(request.id, request);
            }
        }
        this.makeRoom();
    }

    /** Sends a request to a worker, unless it is too large for the worker's heap ({@link largestSent}) or cannot be sent. */
    private send(slot: Slot, request: Request): boolean {
        try {
            const jobs = requestJobs(request.jobs);
            if (sentSize(jobs) > this.largest) {
                return false;
            }
            slot.worker.postMessage({ id: request.id, jobs } satisfies RenderRequest);
            return true;
        } catch {
            return false;
        }
    }

    // Each waiter is let go while the queue is short: it adds its request at once (see renderInTurn), or gives up its turn.
    private makeRoom(): void {
        let room = this.broken ? Infinity : this.slots.length - this.queue.length;
        while (room-- > 0 && this.waitingForRoom.length > 0) {
            this.waitingForRoom.shift()!();
        }
    }

    private answer(slot: Slot, response: RenderResponse): void {
        const request = slot.busy.get(response.id);
        if (!request) {
            return;
        }
        slot.busy.delete(response.id);
        if (slot.busy.size === 0) {
            slot.worker.unref();
        }
        this.dispatch();
        if ('error' in response) {
            request.reject(new Error(response.error));
        } else {
            request.resolve(response.contents.map(c => (typeof c === 'string' ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength))));
        }
    }

    // A worker that stops before answering: what the workers hold or wait for is rendered here, and so is every later request.
    private fail(): void {
        if (this.broken) {
            return;
        }
        this.broken = true;
        const left = [...this.slots.flatMap(s => [...s.busy.values()]), ...this.queue.splice(0)];
        for (const slot of this.slots) {
            slot.busy.clear();
            slot.worker.unref();
        }
        for (const request of left) {
            renderJobs(request.jobs).then(request.resolve, request.reject);
        }
        this.makeRoom();
    }
}
