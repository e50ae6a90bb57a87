import { stringify } from 'csv-stringify/sync';
import type { CoverageReport } from '../../language/src/coverage/coverage-report.js';
import { stateText } from '../../language/src/coverage/coverage-words.js';

export const csvColumns = [
    'framework',
    'recommendation',
    'requirement',
    'state',
    'required',
    'deadline',
    'overdue',
    'guidance',
    'training',
    'action',
    'waiver',
    'file',
    'line',
    'text',
    // Version 1.1 of the report: appended, so that a reader of the 1.0 columns by position still reads them.
    'status',
    'level',
    'timeliness',
    'firstMet',
    'owner',
    // The report's: the force it is about ('' for a workspace that declares none) and the level that counts as covered.
    'force',
    'judgedLevel'
] as const;

/** With --by-force: one row per force × requirement. */
export const csvForceColumns = [
    'force',
    'forceName',
    'framework',
    'recommendation',
    'requirement',
    'state',
    'status',
    'level',
    'timeliness'
] as const;

/**
 * A cell a spreadsheet will read as text: one that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
 * gets a leading `'` (OWASP's advice against CSV injection). Sources are written by anyone who can commit, so
 * every cell goes through it, ours included: a would-be negative number is text too, never an exception.
 */
export function neutraliseCell(value: string | number): string {
    const text = String(value);
    return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * One row per evidence requirement; covering items of each kind joined by " | " as label (file:line); `state` the
 * report's state id, `status` as a reader says it ("For PCCs"). With --by-force, one row per force × requirement.
 */
export function formatCsv(report: CoverageReport): string {
    if (report.byForce) {
        return formatForceCsv(report);
    }
    const rows = report.requirements.map(r => {
        const by = (kind: string) =>
            r.items
                .filter(i => i.kind === kind && i.counts)
                .map(i => `${i.label} (${i.file}:${i.line})`)
                .join(' | ');
        return [
            r.framework,
            r.recommendation,
            r.id,
            r.state,
            r.required.join(' '),
            r.deadline ?? '',
            r.overdue ? 'yes' : 'no',
            by('guidance'),
            by('training'),
            by('action'),
            r.waiver ? `${r.waiver.kind}${r.waiver.expires ? ` until ${r.waiver.expires}` : ''}` : '',
            r.file,
            r.line,
            r.text ?? '',
            stateText(r, true),
            r.level ?? '',
            r.timeliness ?? '',
            r.firstMet ?? '',
            r.owner ?? '',
            report.force?.title ?? '',
            report.level
        ];
    });
    return stringify(
        rows.map(row => row.map(neutraliseCell)),
        { header: true, columns: [...csvColumns] }
    );
}

function formatForceCsv(report: CoverageReport): string {
    // A force's cell names its requirement; the report's row for it gives its recommendation and recipients.
    const rowOf = new Map(report.requirements.map(r => [`${r.framework}/${r.id}`, r]));
    const rows = (report.byForce ?? []).flatMap(force =>
        force.cells.map(cell => {
            const row = rowOf.get(`${cell.framework}/${cell.id}`);
            return [
                force.id,
                force.title,
                cell.framework,
                row?.recommendation ?? '',
                cell.id,
                cell.state,
                stateText({ state: cell.state, recipients: row?.recipients ?? [] }, true),
                cell.level ?? '',
                cell.timeliness ?? ''
            ];
        })
    );
    return stringify(
        rows.map(row => row.map(neutraliseCell)),
        { header: true, columns: [...csvForceColumns] }
    );
}
