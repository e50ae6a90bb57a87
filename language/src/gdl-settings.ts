/** Severity of coverage diagnostics (GDL0201, GDL0202), or `off` to hide them in the editor. */
export type CoverageSeverity = 'error' | 'warning' | 'info' | 'off';

import type { AssuranceLevel } from './coverage/coverage-model.js';
import type { ProseSeverity } from './prose/prose-options.js';

/** Workspace-wide settings that change what the checks report (set by the CLI or the editor). */
export class GdlSettings {
    /** The date deadlines and review dates are judged against (YYYY-MM-DD); today when unset. */
    asOf: string | undefined;
    /** How coverage gaps are reported. */
    coverageSeverity: CoverageSeverity = 'warning';
    /** The level of assurance that counts as covered, overriding the plans' `assurance` (the CLI's --level, the editor's setting). */
    assurance: AssuranceLevel | undefined;
    /** The workspace folder's URI, when the CLI reads one (the editor's come from its workspace folders). */
    workspaceRoot: string | undefined;
    /** Only this force's coverage is judged (the CLI's --force: a force id or name). */
    force: string | undefined;
    /**
     * The plain-English checks (language/src/prose/), over the workspace's gdl.config.json: `enabled` is the
     * editor's `gdl.prose.enabled` (the file can also turn them off), `asked` the CLI's --prose (runs them
     * whatever the file says), `severity` the editor's `gdl.prose.severity` (per user, over the file's).
     */
    prose: { enabled?: boolean; asked?: boolean; severity?: Readonly<Record<string, ProseSeverity>> } = {};

    /** The as-of date in force: the configured one, or today's date in UTC. */
    effectiveAsOf(): string {
        return this.asOf ?? new Date().toISOString().slice(0, 10);
    }
}
