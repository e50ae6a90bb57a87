import { createColors } from 'picocolors';
import type { CoverageReport, ReportRequirement } from '../../language/src/coverage/coverage-report.js';
import { stateNames } from '../../language/src/coverage/coverage-words.js';

// In lower case, but a gap in capitals: the terminal's emphasis, on the shared words.
const stateWord = (state: ReportRequirement['state']) =>
    state === 'uncovered' ? stateNames[state].short.toUpperCase() : stateNames[state].short.toLowerCase();

/**
 * The terminal matrix: one row per requirement, then one line per counted covering item, with its kind and its
 * whole `file:line`; colour only when `colour` (a TTY). Nothing is ever cut: a location is what an auditor opens,
 * and the items share one column (not one per kind) so that full paths still fit a terminal's width.
 */
export function formatTable(report: CoverageReport, colour: boolean): string {
    const c = createColors(colour);
    const paint = (state: ReportRequirement['state'], text: string) =>
        state === 'covered'
            ? c.green(text)
            : state === 'waived'
              ? c.cyan(text)
              : state === 'wrong-kind'
                ? c.yellow(text)
                : c.red(c.bold(text));
    const header = ['Rec', 'Req', 'State', 'Due', 'Covered by (file:line)'];
    const rows = report.requirements.map(r => {
        const items = r.items.filter(i => i.counts).map(i => `${i.kind.padEnd(8)}  ${i.id} (${i.file}:${i.line})`);
        return {
            r,
            cells: [r.recommendation, r.id, stateWord(r.state), `${r.deadline ?? '-'}${r.overdue ? ' OVERDUE' : ''}`],
            items: items.length > 0 ? items : ['-']
        };
    });
    const widths = header.slice(0, 4).map((h, i) => Math.max(h.length, ...rows.map(row => row.cells[i]!.length)));
    const lines = [
        c.bold([...header.slice(0, 4).map((h, i) => h.padEnd(widths[i]!)), header[4]!].join('  ')),
        [...widths, Math.max(header[4]!.length, ...rows.flatMap(row => row.items.map(item => item.length)))]
            .map(w => '─'.repeat(w))
            .join('  ')
    ];
    const blank = widths.map(w => ' '.repeat(w)).join('  ');
    for (const { r, cells, items } of rows) {
        const first = cells.map((text, i) => {
            const padded = text.padEnd(widths[i]!);
            return i === 2 ? paint(r.state, padded) : i === 3 && r.overdue ? c.red(padded) : padded;
        });
        lines.push([...first, items[0]!].join('  ').trimEnd());
        // Continuation lines: the same row, one more covering item each, under the first.
        lines.push(...items.slice(1).map(item => `${blank}  ${item}`));
    }
    lines.push('', c.bold('By recommendation'));
    for (const rec of report.recommendations) {
        lines.push(
            `  ${rec.framework} ${rec.id.padEnd(4)} ${`${rec.covered + rec.waived}/${rec.requirements}`.padEnd(6)} ${`${rec.percent}%`.padStart(6)}${rec.overdue ? c.red('  overdue') : ''}`
        );
    }
    const t = report.totals;
    lines.push(
        '',
        `${c.bold('Overall')}: ${t.covered} covered, ${t.waived} waived, ${t.wrongKind} wrong kind, ${t.uncovered} not covered of ${t.requirements} (${t.percent}%); ${t.overdue} overdue as of ${report.asOf}${report.recipient ? `; recipient ${report.recipient}` : ''}`
    );
    if (report.since) {
        const s = report.since;
        lines.push('', c.bold(`Since ${s.ref}`) + `: ${s.gained.length} gained, ${s.lost.length} lost, ${s.changed.length} changed`);
        for (const change of [
            ...s.gained.map(x => ['+', x] as const),
            ...s.lost.map(x => ['-', x] as const),
            ...s.changed.map(x => ['~', x] as const)
        ]) {
            lines.push(`  ${change[0]} ${change[1].id}: ${change[1].before} → ${change[1].after}`);
        }
    }
    return lines.join('\n') + '\n';
}
