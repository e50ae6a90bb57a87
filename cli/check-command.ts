import type { JudgeOptions } from './workspace-loader.js';
import { cachedCheck, type CacheOptions } from './check-cache.js';
import type { ReportRequest } from './report/report-formats.js';

export interface CheckOptions extends JudgeOptions, CacheOptions {
    readonly strict?: boolean;
    /** `--report html:coverage.html`: coverage reports written from this check's own build (no second parse). */
    readonly report?: readonly ReportRequest[];
    /** `--watch`: check again after every change, reading again only the files changed (check-watch.ts). */
    readonly watch?: boolean;
}

/**
 * `gdl check`: prints every problem, then the coverage summary; returns the exit code. The answer is kept in the
 * cache (check-cache.ts), and printed from it when nothing it depends on has changed; `note` says when a cache
 * was ignored. The check itself (check-workspace.ts, and with it the language) is loaded only when it is run.
 */
export async function checkCommand(
    folder: string,
    options: CheckOptions,
    out: (line: string) => void,
    note: (text: string) => void = () => undefined
): Promise<number> {
    const reports = options.report ?? [];
    if (reports.length > 0) {
        // Refused before anything is read (a report over a source, or in the templates): exit 2, nothing written.
        const { checkReportFileOf } = await import('./coverage-command.js');
        for (const request of reports) {
            await checkReportFileOf(request.file);
        }
    }
    if (options.watch) {
        return (await import('./check-watch.js')).watchCheck(folder, options, out);
    }
    // Reports are written from the workspace built: a check asked for them is not answered from the cache.
    const cache = reports.length > 0 ? false : options.cache;
    return cachedCheck(folder, { ...options, cache }, out, note, async write =>
        (await import('./check-workspace.js')).checkWorkspace(folder, options, write)
    );
}

/** What is said when a workspace has no framework. */
export function noFramework(folder: string): string {
    return `No framework in '${folder}': there are no evidence requirements to judge coverage against (is the framework outside the folder checked?).`;
}
