import { parentPort } from 'node:worker_threads';
import { renderJob } from './render-job.js';
import type { RenderRequest, RenderResponse } from './render-pool.js';

/** A worker thread of the build's render pool (render-pool.ts): renders each job it is sent and answers with the bytes, or why not. */
parentPort!.on('message', (request: RenderRequest) => {
    renderJob(request.job).then(
        content => parentPort!.postMessage({ id: request.id, content } satisfies RenderResponse),
        (error: unknown) =>
            parentPort!.postMessage({
                id: request.id,
                error: error instanceof Error ? error.message : String(error)
            } satisfies RenderResponse)
    );
});
