import type { Root } from 'mdast';
import { packageZip } from './lms/package-zip.js';
import { renderDocx } from './render-docx.js';
import { renderHtml, renderHtmlPart, type PageShell } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
import type { TableRun } from './mdast-helpers.js';

/**
 * One output file to render from what the page builders made: a page's tree in one format, or a package's zip. Plain
 * data (no syntax-tree nodes; a tree holds only what JSON keeps — strings, finite numbers, booleans, null, arrays and
 * objects — as it is sent to a worker thread as JSON, render-pool.ts); the bytes are the same wherever it is rendered,
 * as each renderer depends on the job alone.
 */
export type RenderJob =
    | { readonly format: 'md'; readonly tree: Root; readonly run?: TableRun }
    | {
          readonly format: 'html';
          readonly tree: Root;
          readonly title: string;
          readonly shell: PageShell;
          readonly depth: number;
          readonly classification: string;
      }
    | { readonly format: 'html-part'; readonly tree: Root; readonly run?: TableRun }
    | { readonly format: 'docx'; readonly tree: Root; readonly title: string; readonly date: string; readonly classification: string }
    | { readonly format: 'zip'; readonly files: ReadonlyArray<readonly [string, Buffer | string]>; readonly date: string };

/** Renders a job: what a worker does, and what the main thread does when there are no workers. */
export async function renderJob(job: RenderJob): Promise<Buffer | string> {
    switch (job.format) {
        case 'md':
            return renderMarkdown(job.tree, job.run);
        case 'html':
            return renderHtml(job.tree, job.title, job.shell, job.depth, job.classification);
        case 'html-part':
            return renderHtmlPart(job.tree, job.run);
        case 'docx':
            return renderDocx(job.tree, job.title, job.date, job.classification);
        case 'zip':
            return packageZip(job.files, job.date);
    }
}

/** Where a build's jobs are rendered: in this thread, one at a time, or by a pool of workers, many at once. */
export interface Renderer {
    /** The jobs' contents, in their order; the jobs given together (a page's formats) are rendered together. */
    render(jobs: readonly RenderJob[]): Promise<Array<Buffer | string>>;
    /** Whether jobs are best given all at once (workers render them side by side) rather than one after another. */
    readonly parallel: boolean;
    /** Resolves when the renderer can take more jobs without holding many waiting (at once in this thread). */
    room(): Promise<void>;
}

/** Renders jobs one after another in this thread. */
export async function renderJobs(jobs: readonly RenderJob[]): Promise<Array<Buffer | string>> {
    const contents: Array<Buffer | string> = [];
    for (const job of jobs) {
        contents.push(await renderJob(job));
    }
    return contents;
}

/** Rendering in the main thread. */
export const inThisThread: Renderer = { render: renderJobs, parallel: false, room: async () => undefined };
