/** Workspace-wide settings that change what the checks report (set by the CLI or the editor). */
export class GdlSettings {
    /** The date deadlines and review dates are judged against (YYYY-MM-DD); today when unset. */
    asOf: string | undefined;

    /** The as-of date in force: the configured one, or today's date in UTC. */
    effectiveAsOf(): string {
        return this.asOf ?? new Date().toISOString().slice(0, 10);
    }
}
