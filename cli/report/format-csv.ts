import { stringify } from 'csv-stringify/sync';
import type { CoverageReport } from '../../language/src/coverage/coverage-report.js';

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
    'text'
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

/** One row per evidence requirement; covering items of each kind joined by " | " as label (file:line). */
export function formatCsv(report: CoverageReport): string {
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
            r.text ?? ''
        ];
    });
    return stringify(
        rows.map(row => row.map(neutraliseCell)),
        { header: true, columns: [...csvColumns] }
    );
}
