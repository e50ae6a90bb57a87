import type { RootContent } from 'mdast';
import type { CoverageReport } from '../../language/src/coverage/coverage-report.js';
import {
    levelNames,
    planStatusText,
    progressText,
    forOthersText,
    stateText,
    timelinessNames,
    totalsSentence,
    waiverSummary
} from '../../language/src/coverage/coverage-words.js';
import { heading, paragraph, root, table } from '../../language/src/publish/mdast-helpers.js';
import { renderMarkdown } from '../../language/src/publish/render-markdown.js';

/** The matrix as GitHub-flavoured Markdown, built as an mdast tree and serialised as the published pages are. */
export function formatMarkdown(report: CoverageReport): string {
    const children: RootContent[] = [
        heading(1, `Evidence requirement coverage${report.force ? `: ${report.force.title}` : ''}`),
        paragraph(totalsSentence(report)),
        paragraph(
            `Level of assurance counted as covered: ${levelNames[report.level].label.toLowerCase()} (${levelNames[report.level].meaning}).`
        ),
        heading(2, 'By recommendation'),
        table(
            ['Recommendation', 'Due', 'Covered', 'Percent', 'Overdue', 'Plan status', 'Owner'],
            report.recommendations.map(r => [
                `${r.framework} ${r.id}`,
                r.deadlines.join(', ') || '-',
                r.forOthers ? `${forOthersText(r.recipients)}: not counted` : `${r.covered + r.waived}/${r.requirements}`,
                r.forOthers ? '-' : `${r.percent}%`,
                r.overdue ? 'yes' : 'no',
                r.planStatus ? `${planStatusText(r.planStatus)}${progressText(r.planProgress)}` : '-',
                r.owner ?? '-'
            ])
        ),
        heading(2, 'By evidence requirement'),
        table(
            ['Requirement', 'State', 'Level', 'Due', 'Timeliness', 'First met', 'Owner', 'Guidance', 'Training', 'Action', 'Waiver'],
            report.requirements.map(r => {
                const by = (kind: string) =>
                    r.items
                        .filter(i => i.kind === kind && i.counts)
                        .map(i => `${i.label} (${i.file}:${i.line})`)
                        .join('; ') || '-';
                const waiver = r.waiver ? waiverSummary(r.waiver) : '-';
                return [
                    r.id,
                    stateText(r, true),
                    r.level ?? '-',
                    r.deadline ?? '-',
                    r.timeliness ? timelinessNames[r.timeliness] : '-',
                    r.firstMet ?? '-',
                    r.owner ?? '-',
                    by('guidance'),
                    by('training'),
                    by('action'),
                    waiver
                ];
            })
        )
    ];
    if (report.since) {
        const s = report.since;
        children.push(
            heading(2, `Changes since ${s.ref}`),
            table(
                ['Requirement', 'Before', 'After', 'Change'],
                [
                    ...s.gained.map(c => [c.id, c.before, c.after, 'gained']),
                    ...s.lost.map(c => [c.id, c.before, c.after, 'lost']),
                    ...s.changed.map(c => [c.id, c.before, c.after, 'changed'])
                ]
            )
        );
    }
    return renderMarkdown(root(children));
}
