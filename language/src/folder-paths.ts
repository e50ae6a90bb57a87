import * as path from 'node:path';

/**
 * The path of `child` relative to `parent` when `child` is `parent` ('') or below it; undefined when it is elsewhere.
 * A name that merely starts with two dots (`..site`, `..draft.gdl`) is below, not above: `relative.startsWith('..')`
 * took such a folder for one outside, and `gdl build --out guidance/..site` published into the workspace.
 */
export function pathWithin(parent: string, child: string): string | undefined {
    const relative = path.relative(parent, child);
    const up = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
    return up ? undefined : relative;
}

/** Whether `child` is strictly inside `parent` (not `parent` itself). */
export function isInside(child: string, parent: string): boolean {
    const relative = pathWithin(parent, child);
    return relative !== undefined && relative !== '';
}
