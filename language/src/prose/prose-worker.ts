import { parentPort, workerData } from 'node:worker_threads';
import { checkTexts, ProseProcessor } from './prose-processor.js';
import type { ProseRequest, ProseResponse } from './prose-pool.js';

/**
 * A worker thread of the plain-English pool (prose-pool.ts): the checks for one word list, answering each request
 * with each text's findings, or why the rules could not read it (that text alone goes unchecked, as in one thread).
 */
const processor = new ProseProcessor((workerData as { words: readonly string[] }).words);

parentPort!.on('message', (request: ProseRequest) => {
    void Promise.allSettled(checkTexts(processor, request.texts, request.age)).then(settled => {
        const response: ProseResponse = {
            id: request.id,
            results: settled.map(result =>
                result.status === 'fulfilled'
                    ? { findings: result.value }
                    : { error: result.reason instanceof Error ? result.reason.message : String(result.reason) }
            )
        };
        parentPort!.postMessage(response);
    });
});
