import { Worker } from 'node:worker_threads';
import { moduleFolder } from '../module-folder.js';
import { workerCount, workerFile } from '../worker-threads.js';
import { renderJob, type Renderer, type RenderJob } from './render-job.js';

/** A job sent to a worker. */
export interface RenderRequest {
    readonly id: number;
    readonly job: RenderJob;
}

/** A worker's answer: the file's content (a Buffer arrives as a Uint8Array), or the renderer's error message. */
export type RenderResponse =
    { readonly id: number; readonly content: Uint8Array | string } | { readonly id: number; readonly error: string };

interface Slot {
    readonly worker: Worker;
    /** Jobs sent and not yet answered, weighted by what they cost: a job goes to the least loaded worker. */
    load: number;
}

interface Waiting {
    readonly job: RenderJob;
    readonly slot: Slot;
    readonly weight: number;
    readonly resolve: (content: Buffer | string) => void;
    readonly reject: (error: Error) => void;
}

// A Word file costs about three pages of HTML or Markdown; a package's zip about as much as a Word file.
const weights: Record<RenderJob['format'], number> = { md: 1, html: 1, docx: 3, zip: 3 };

/**
 * `gdl build`'s rendering spread over worker threads: the main thread loads the workspace and builds every page's
 * tree, and the workers turn the trees into Markdown, HTML and Word files (and packages into zips), each job to the
 * least loaded worker. A renderer depends on its job alone, so the bytes are the same as in one thread. A worker that
 * fails leaves its jobs, and every later one, to the main thread.
 */
export class RenderPool implements Renderer {
    readonly parallel = true;
    private readonly slots: Slot[];
    private readonly waiting = new Map<number, Waiting>();
    private next = 0;
    private broken = false;

    private constructor(file: string, size: number) {
        this.slots = Array.from({ length: size }, () => {
            const worker = new Worker(file);
            // An idle pool keeps no process alive: a worker is held only while it has jobs to answer.
            worker.unref();
            const slot: Slot = { worker, load: 0 };
            worker.on('message', (response: RenderResponse) => this.answer(slot, response));
            worker.on('error', () => this.fail());
            worker.on('exit', () => this.fail());
            return slot;
        });
    }

    /**
     * A pool of `size` workers (default: one per core, at most 4, `GDL_BUILD_WORKERS` to choose), or undefined where
     * workers would not help (one core, or 0 asked) or cannot start (no compiled worker beside this module).
     */
    static create(size = workerCount('GDL_BUILD_WORKERS')): RenderPool | undefined {
        const file = workerFile(moduleFolder(import.meta.url), 'render-worker');
        return size > 0 && file ? new RenderPool(file, size) : undefined;
    }

    render(job: RenderJob): Promise<Buffer | string> {
        if (this.broken) {
            return renderJob(job);
        }
        const slot = this.slots.reduce((least, s) => (s.load < least.load ? s : least));
        const weight = weights[job.format];
        const id = this.next++;
        const answer = new Promise<Buffer | string>((resolve, reject) => this.waiting.set(id, { job, slot, weight, resolve, reject }));
        if (slot.load === 0) {
            slot.worker.ref();
        }
        slot.load += weight;
        slot.worker.postMessage({ id, job } satisfies RenderRequest);
        return answer;
    }

    /** Stops the workers. */
    async dispose(): Promise<void> {
        this.broken = true;
        await Promise.all(this.slots.map(s => s.worker.terminate()));
    }

    private answer(slot: Slot, response: RenderResponse): void {
        const waiting = this.waiting.get(response.id);
        if (!waiting) {
            return;
        }
        this.waiting.delete(response.id);
        slot.load -= waiting.weight;
        if (slot.load <= 0) {
            slot.load = 0;
            slot.worker.unref();
        }
        if ('error' in response) {
            waiting.reject(new Error(response.error));
        } else {
            const content = response.content;
            waiting.resolve(typeof content === 'string' ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength));
        }
    }

    // A worker that stops before answering: its jobs are rendered here, and so is every job after.
    private fail(): void {
        if (this.broken) {
            return;
        }
        this.broken = true;
        for (const [id, waiting] of this.waiting) {
            this.waiting.delete(id);
            renderJob(waiting.job).then(waiting.resolve, waiting.reject);
        }
        this.slots.forEach(s => s.worker.unref());
    }
}
