import { createColors } from 'picocolors';
import type { CoverageReport, ReportRequirement } from '../../language/src/coverage-report.js';

const stateLabel: Record<ReportRequirement['state'], string> = { 'covered': 'covered', 'wrong-kind': 'wrong kind', 'waived': 'waived', 'uncovered': 'NOT COVERED' };

/** The terminal matrix: one row per requirement with what covers it; colour only when `colour` (a TTY). */
export function formatTable(report: CoverageReport, colour: boolean): string {
    const c = createColors(colour);
    const paint = (state: ReportRequirement['state'], text: string) =>
        state === 'covered' ? c.green(text) : state === 'waived' ? c.cyan(text) : state === 'wrong-kind' ? c.yellow(text) : c.red(c.bold(text));
    const header = ['Rec', 'Req', 'State', 'Due', 'Guidance', 'Training', 'Action'];
    const rows = report.requirements.map(r => {
        const by = (kind: string) => r.items.filter(i => i.kind === kind && i.counts).map(i => `${i.id} (${i.file}:${i.line})`).join(', ') || '-';
        return [r.recommendation, r.id, stateLabel[r.state], `${r.deadline ?? '-'}${r.overdue ? ' OVERDUE' : ''}`, by('guidance'), by('training'), by('action')];
    });
    const widths = header.map((h, i) => Math.min(i >= 4 ? 48 : 40, Math.max(h.length, ...rows.map(r => r[i]!.length))));
    const cell = (text: string, i: number) => (text.length > widths[i]! ? text.slice(0, widths[i]! - 1) + '…' : text.padEnd(widths[i]!));
    const lines = [c.bold(header.map(cell).join('  ').trimEnd()), widths.map(w => '─'.repeat(w)).join('  ')];
    report.requirements.forEach((r, index) => {
        const row = rows[index]!;
        lines.push(row.map((text, i) => (i === 2 ? paint(r.state, cell(text, i)) : i === 3 && r.overdue ? c.red(cell(text, i)) : cell(text, i))).join('  ').trimEnd());
    });
    lines.push('', c.bold('By recommendation'));
    for (const rec of report.recommendations) {
        lines.push(`  ${rec.framework} ${rec.id.padEnd(4)} ${`${rec.covered + rec.waived}/${rec.requirements}`.padEnd(6)} ${`${rec.percent}%`.padStart(6)}${rec.overdue ? c.red('  overdue') : ''}`);
    }
    const t = report.totals;
    lines.push('', `${c.bold('Overall')}: ${t.covered} covered, ${t.waived} waived, ${t.wrongKind} wrong kind, ${t.uncovered} not covered of ${t.requirements} (${t.percent}%); ${t.overdue} overdue as of ${report.asOf}${report.recipient ? `; recipient ${report.recipient}` : ''}`);
    if (report.since) {
        const s = report.since;
        lines.push('', c.bold(`Since ${s.ref}`) + `: ${s.gained.length} gained, ${s.lost.length} lost, ${s.changed.length} changed`);
        for (const change of [...s.gained.map(x => ['+', x] as const), ...s.lost.map(x => ['-', x] as const), ...s.changed.map(x => ['~', x] as const)]) {
            lines.push(`  ${change[0]} ${change[1].id}: ${change[1].before} → ${change[1].after}`);
        }
    }
    return lines.join('\n') + '\n';
}
