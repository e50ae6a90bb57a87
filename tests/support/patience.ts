/**
 * How long a test waits for something that must happen (a diagnostic, a page, a process to exit)
 * before it gives up. It is a safety net, not a measure of speed: a busy machine may take many times
 * longer than an idle one, and that is not a failure. Speed is measured by `npm run bench`.
 */
export const PATIENCE_MS = 300_000;
