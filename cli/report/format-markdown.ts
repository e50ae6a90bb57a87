import type { Root, Table, TableRow, PhrasingContent, RootContent } from 'mdast';
import { toMarkdown } from 'mdast-util-to-markdown';
import { gfmTableToMarkdown } from 'mdast-util-gfm-table';
import type { CoverageReport } from '../../language/src/coverage-report.js';

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const row = (cells: string[]): TableRow => ({ type: 'tableRow', children: cells.map(c => ({ type: 'tableCell', children: [text(c)] })) });
const table = (header: string[], rows: string[][]): Table => ({ type: 'table', align: header.map(() => null), children: [row(header), ...rows.map(row)] });
const heading = (depth: 1 | 2, value: string): RootContent => ({ type: 'heading', depth, children: [text(value)] });
const paragraph = (value: string): RootContent => ({ type: 'paragraph', children: [text(value)] });

/** The matrix as GitHub-flavoured Markdown, built as an mdast tree and serialised by mdast-util-to-markdown. */
export function formatMarkdown(report: CoverageReport): string {
    const t = report.totals;
    const children: RootContent[] = [
        heading(1, 'Evidence requirement coverage'),
        paragraph(`As of ${report.asOf}${report.recipient ? `, recommendations to ${report.recipient}` : ''}: ${t.covered} covered, ${t.waived} waived, ${t.wrongKind} covered by the wrong kind, ${t.uncovered} not covered, of ${t.requirements} (${t.percent}%). ${t.overdue} overdue.`),
        heading(2, 'By recommendation'),
        table(['Recommendation', 'Due', 'Covered', 'Percent', 'Overdue', 'Plan status'], report.recommendations.map(r =>
            [`${r.framework} ${r.id}`, r.deadlines.join(', ') || '-', `${r.covered + r.waived}/${r.requirements}`, `${r.percent}%`, r.overdue ? 'yes' : 'no', r.planStatus ? `${r.planStatus}${r.planProgress !== null ? ` (${r.planProgress}%)` : ''}` : '-'])),
        heading(2, 'By evidence requirement'),
        table(['Requirement', 'State', 'Due', 'Overdue', 'Guidance', 'Training', 'Action', 'Waiver'], report.requirements.map(r => {
            const by = (kind: string) => r.items.filter(i => i.kind === kind && i.counts).map(i => `${i.label} (${i.file}:${i.line})`).join('; ') || '-';
            const waiver = r.waiver ? `${r.waiver.kind}${r.waiver.expires ? ` until ${r.waiver.expires}` : ''}${r.waiver.notCounted ? ` (does not count: ${r.waiver.notCounted})` : ''}: ${r.waiver.reason ?? ''}` : '-';
            return [r.id, r.state, r.deadline ?? '-', r.overdue ? 'yes' : 'no', by('guidance'), by('training'), by('action'), waiver];
        }))
    ];
    if (report.since) {
        const s = report.since;
        children.push(heading(2, `Changes since ${s.ref}`), table(['Requirement', 'Before', 'After', 'Change'], [
            ...s.gained.map(c => [c.id, c.before, c.after, 'gained']),
            ...s.lost.map(c => [c.id, c.before, c.after, 'lost']),
            ...s.changed.map(c => [c.id, c.before, c.after, 'changed'])
        ]));
    }
    const tree: Root = { type: 'root', children };
    return toMarkdown(tree, { extensions: [gfmTableToMarkdown()] });
}
