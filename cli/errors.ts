/** Exit codes, as documented in the README. */
export const ExitCode = { ok: 0, failed: 1, usage: 2 } as const;

/** A problem that stops the CLI before any check runs (exit code 2). */
export class UsageError extends Error {}
