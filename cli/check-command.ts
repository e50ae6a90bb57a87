import type { JudgeOptions } from './workspace-loader.js';
import { cachedCheck, type CacheOptions } from './check-cache.js';

export interface CheckOptions extends JudgeOptions, CacheOptions {
    readonly strict?: boolean;
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
    return cachedCheck(folder, options, out, note, async write =>
        (await import('./check-workspace.js')).checkWorkspace(folder, options, write)
    );
}

/** What is said when a workspace has no framework. */
export function noFramework(folder: string): string {
    return `No framework in '${folder}': there are no evidence requirements to judge coverage against (is the framework outside the folder checked?).`;
}
