import { parentPort } from 'node:worker_threads';
import { renderJobs } from './render-job.js';
import type { RenderRequest, RenderResponse } from './render-pool.js';

/** A worker thread of the build's render pool (render-pool.ts): renders the jobs of each request and answers with their bytes, or why not. */
parentPort!.on('message', (request: RenderRequest) => {
    renderJobs(request.jobs).then(
        contents => parentPort!.postMessage({ id: request.id, contents } satisfies RenderResponse),
        (error: unknown) =>
            parentPort!.postMessage({
                id: request.id,
                error: error instanceof Error ? error.message : String(error)
            } satisfies RenderResponse)
    );
});
