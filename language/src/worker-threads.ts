import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import type { MessagePort, Worker } from 'node:worker_threads';

/**
 * How many worker threads a pool starts: the number in the environment variable `variable` when it is set (0: none,
 * the work stays in the main thread; at most 16), otherwise one per core when there are two or more (with one, a
 * worker only adds its start-up), at most 4.
 */
export function workerCount(variable: string): number {
    const given = process.env[variable];
    if (given !== undefined && /^\d+$/.test(given)) {
        return Math.min(Number(given), 16);
    }
    const cores = availableParallelism();
    return cores >= 2 ? Math.min(cores, 4) : 0;
}

/**
 * A pool's compiled worker beside the module in `folder`: `<name>.js` compiled to out/, or `<name>.cjs` beside the
 * extension's bundle; undefined when there is neither (the sources run under a test runner).
 */
export function workerFile(folder: string, name: string): string | undefined {
    return [`${name}.js`, `${name}.cjs`].map(file => path.join(folder, file)).find(file => existsSync(file));
}

/**
 * Lets a pool's new worker (and the ports it answers on) go, so that an idle pool keeps no process alive; the pool holds
 * a worker again (`ref`) only while it has work to answer. Called after the worker's listeners are added: Node holds the
 * process for a worker or port given a 'message' listener, let go of before or not, so a worker never sent anything (a
 * workspace of one file, two workers) held `gdl check --prose` open for ever.
 */
export function letGo(worker: Worker, ...ports: MessagePort[]): void {
    worker.unref();
    ports.forEach(port => port.unref());
}
