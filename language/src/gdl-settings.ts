/** Severity of coverage diagnostics (GDL0201, GDL0202), or `off` to hide them in the editor. */
export type CoverageSeverity = 'error' | 'warning' | 'info' | 'off';

/** Workspace-wide settings that change what the checks report (set by the CLI or the editor). */
export class GdlSettings {
    /** The date deadlines and review dates are judged against (YYYY-MM-DD); today when unset. */
    asOf: string | undefined;
    /** How coverage gaps are reported. */
    coverageSeverity: CoverageSeverity = 'warning';

    /** The as-of date in force: the configured one, or today's date in UTC. */
    effectiveAsOf(): string {
        return this.asOf ?? new Date().toISOString().slice(0, 10);
    }
}
