import { Worker } from 'node:worker_threads';
import { letGo, workerCount, workerFile } from '../worker-threads.js';
import type { ProseFinding } from './prose-processor.js';
import { proseFolder } from './prose-resources.js';

/** A request to a worker: texts to check at one reading age. */
export interface ProseRequest {
    readonly id: number;
    readonly texts: readonly string[];
    readonly age: number;
}

/** A worker's answer: each text's findings, or why it could not be read. */
export interface ProseResponse {
    readonly id: number;
    readonly results: readonly ({ readonly findings: ProseFinding[] } | { readonly error: string })[];
}

interface Waiting {
    readonly settle: { resolve: (findings: ProseFinding[]) => void; reject: (error: Error) => void }[];
    readonly size: number;
    readonly worker: Slot;
}

interface Slot {
    readonly worker: Worker;
    /** Characters of text sent and not yet answered: a request goes to the least loaded worker. */
    load: number;
}

/**
 * The plain-English checks spread over worker threads, for `gdl check --prose` on a whole workspace: each worker
 * holds the checks for one word list and checks the texts it is sent, while the main thread parses, links and
 * validates. Texts go to the worker with the least text waiting. The same findings as in one thread: each worker
 * runs the same checks on the same texts, joined the same way (checkTexts).
 */
export class ProsePool {
    private readonly slots: Slot[];
    private readonly waiting = new Map<number, Waiting>();
    private next = 0;
    private failed: Error | undefined;

    private constructor(file: string, words: readonly string[], size: number) {
        this.slots = Array.from({ length: size }, () => {
            const worker = new Worker(file, { workerData: { words } });
            const slot: Slot = { worker, load: 0 };
            worker.on('message', (response: ProseResponse) => this.answer(slot, response));
            worker.on('error', error => this.fail(slot, error));
            worker.on('exit', code => this.fail(slot, new Error(`a plain-English worker stopped (exit code ${code})`)));
            letGo(worker);
            return slot;
        });
    }

    /**
     * A pool of `size` workers (default: one per core, at most 4), or undefined where workers would not help (one core)
     * or cannot start (no compiled worker beside this module: the sources run under a test runner).
     */
    static create(words: readonly string[], size = workerCount('GDL_PROSE_WORKERS')): ProsePool | undefined {
        const file = workerFile(proseFolder(), 'prose-worker');
        return size > 0 && file ? new ProsePool(file, words, size) : undefined;
    }

    /** Each text's findings at one reading age, checked by one worker (one run for the texts that can be joined). */
    checkTexts(texts: readonly string[], age: number): Promise<ProseFinding[]>[] {
        const settle: Waiting['settle'] = [];
        const promises = texts.map(() => new Promise<ProseFinding[]>((resolve, reject) => settle.push({ resolve, reject })));
        if (this.failed) {
            settle.forEach(s => s.reject(this.failed!));
            return promises;
        }
        const slot = this.slots.reduce((least, s) => (s.load < least.load ? s : least));
        const size = texts.reduce((sum, t) => sum + t.length, 0) + 1;
        const id = this.next++;
        this.waiting.set(id, { settle, size, worker: slot });
        if (slot.load === 0) {
            slot.worker.ref();
        }
        slot.load += size;
        const request: ProseRequest = { id, texts, age };
        slot.worker.postMessage(request);
        return promises;
    }

    /** Stops the workers (what they were still checking is answered with an error). */
    async dispose(): Promise<void> {
        this.failed ??= new Error('the plain-English pool was stopped');
        await Promise.all(this.slots.map(s => s.worker.terminate()));
    }

    private answer(slot: Slot, response: ProseResponse): void {
        const waiting = this.waiting.get(response.id);
        if (!waiting) {
            return;
        }
        this.waiting.delete(response.id);
        this.release(slot, waiting.size);
        waiting.settle.forEach((s, i) => {
            const result = response.results[i];
            if (result && 'findings' in result) {
                s.resolve(result.findings);
            } else {
                s.reject(new Error(result?.error ?? 'no answer'));
            }
        });
    }

    // A worker that fails fails what it was sent, and the pool with it: the rest is checked in the main thread.
    private fail(slot: Slot, error: Error): void {
        this.failed ??= error;
        for (const [id, waiting] of this.waiting) {
            if (waiting.worker === slot) {
                this.waiting.delete(id);
                waiting.settle.forEach(s => s.reject(error));
            }
        }
        slot.load = 0;
        slot.worker.unref();
    }

    private release(slot: Slot, size: number): void {
        slot.load -= size;
        if (slot.load <= 0) {
            slot.load = 0;
            slot.worker.unref();
        }
    }

    /** Whether a worker failed (the caller then checks in its own thread). */
    get broken(): boolean {
        return this.failed !== undefined;
    }
}
