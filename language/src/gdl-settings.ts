/** Severity of coverage diagnostics (GDL0201, GDL0202), or `off` to hide them in the editor. */
export type CoverageSeverity = 'error' | 'warning' | 'info' | 'off';

import type { AssuranceLevel } from './coverage/coverage-model.js';
import type { ProseSeverity } from './prose/prose-options.js';
import { today } from './dates.js';

/** The default list of non-authoritative sites: encyclopaedias anyone edits, forums, social media and blog hosts. */
export const NON_AUTHORITATIVE_SOURCES: readonly string[] = [
    'wikipedia.org',
    'wikiwand.com',
    'fandom.com',
    'reddit.com',
    'quora.com',
    'answers.com',
    'facebook.com',
    'instagram.com',
    'tiktok.com',
    'x.com',
    'twitter.com',
    'linkedin.com',
    'youtube.com',
    'medium.com',
    'substack.com',
    'blogspot.com',
    'wordpress.com',
    'tumblr.com',
    'coggle.it',
    'brainscape.com',
    'quizlet.com',
    'studocu.com',
    'vdocument.in',
    'docest.com'
];

/** How many months a provision's `verified` date stays current when the workspace's gdl.config.json says nothing. */
export const DEFAULT_LEGAL_CURRENCY_MONTHS = 12;

/** Workspace-wide settings that change what the checks report (set by the CLI or the editor). */
export class GdlSettings {
    /** The date deadlines and review dates are judged against (YYYY-MM-DD); today when unset. */
    asOf: string | undefined;
    /** How coverage gaps are reported. */
    coverageSeverity: CoverageSeverity = 'warning';
    /**
     * Whether an edit that takes away a requirement's last cover is reported where the cover was (GDL0210): the
     * editor's warning about an edit. A check of the workspace as it stands (the command line, `--watch` too) judges
     * the sources, not the edits that made them.
     */
    coverageLosses = true;
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

    /** How many months a provision's `verified` date stays current before its legal currency lapses (gdl.config.json `citations.currencyMonths`). */
    legalCurrencyMonths = DEFAULT_LEGAL_CURRENCY_MONTHS;
    /** Sites that are not authorities on the law or on police practice: a `source` or address on one of them (or a subdomain) is a warning. */
    nonAuthoritativeSources: string[] = [...NON_AUTHORITATIVE_SOURCES];

    /** The as-of date in force: the configured one, or today's ({@link today}: SOURCE_DATE_EPOCH's, or the user's calendar date). */
    effectiveAsOf(): string {
        return this.asOf ?? today();
    }
}
