import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { renderJobs, type RenderJob } from './render-job.js';
import type { RenderRequest, RenderResponse } from './render-pool.js';

/** Where the pool reads this worker's answers (a port of their own, which the pool can also read while it is busy). */
const answers = (workerData as { answerTo: MessagePort }).answerTo;

/** A worker thread of the build's render pool (render-pool.ts): renders the jobs of each request and answers with their bytes, or why not. */
parentPort!.on('message', (request: RenderRequest) => {
    const jobs = typeof request.jobs === 'string' ? (JSON.parse(request.jobs) as RenderJob[]) : request.jobs;
    renderJobs(jobs).then(
        contents => answers.postMessage({ id: request.id, contents } satisfies RenderResponse),
        (error: unknown) =>
            answers.postMessage({
                id: request.id,
                error: error instanceof Error ? error.message : String(error)
            } satisfies RenderResponse)
    );
});
