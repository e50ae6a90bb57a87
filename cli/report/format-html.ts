import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { CoverageReport } from '../../language/src/coverage/coverage-report.js';
import { kindsText, stateNames, totalsSentence, waiverSummary } from '../../language/src/coverage/coverage-words.js';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultTemplates } from '../build/load-templates.js';

const kinds = ['guidance', 'training', 'action'] as const;

const style = `
body{font-family:system-ui,Arial,sans-serif;margin:2rem;color:#0b0c0c;line-height:1.4}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #b1b4b6;padding:.35rem .5rem;text-align:left;vertical-align:top}
th button{font:inherit;font-weight:bold;background:none;border:0;padding:0;cursor:pointer;text-decoration:underline}
.state-covered{background:#cce2d8}.state-waived{background:#d2e2f1}.state-wrong-kind{background:#fff2cc}.state-uncovered{background:#f6d7d2}
.heat-0{background:#f6d7d2}.heat-1{background:#e5f0e9}.heat-2{background:#cce2d8}.heat-3{background:#85b69b}
.overdue{color:#942514;font-weight:bold}label{margin-right:1rem}.summary{font-size:1.1rem}
@media print{select,button{display:none}}
`;

function option(value: string, label = value): Element {
    return h('option', { value }, label);
}

/** One self-contained HTML file: totals, a heat-map of recommendations × kinds, and a sortable, filterable matrix. */
export function formatHtml(report: CoverageReport): string {
    const recipients = [...new Set(report.requirements.flatMap(r => r.recipients))].sort();
    const audiences = [...new Set(report.requirements.flatMap(r => r.audiences))].sort();
    const heat = (count: number) => `heat-${Math.min(3, count)}`;
    const rows = report.requirements.map(r => {
        const by = (kind: string): ElementContent[] => {
            const items = r.items.filter(i => i.kind === kind && i.counts);
            return items.length === 0
                ? [{ type: 'text', value: '–' }]
                : [
                      h(
                          'ul',
                          items.map(i => h('li', `${i.label} (${i.file}:${i.line})`))
                      )
                  ];
        };
        return h(
            'tr',
            {
                className: [`state-${r.state}`],
                dataState: r.state,
                dataRecipient: r.recipients.join(' '),
                dataAudience: r.audiences.join(' ')
            },
            [
                h('td', { dataSort: r.recommendation.padStart(4, '0') }, r.recommendation),
                h(
                    'td',
                    {
                        dataSort: r.id
                            .split('.')
                            .map(p => p.padStart(4, '0'))
                            .join('.')
                    },
                    [h('strong', r.id), h('br'), r.text ?? `[no text in the source: ${r.untexted ?? ''}]`]
                ),
                h(
                    'td',
                    stateNames[r.state].short +
                        (r.state === 'wrong-kind' ? ` (needs ${kindsText(r.required)})` : '') +
                        (r.waiver ? ` — ${waiverSummary(r.waiver)}` : '')
                ),
                h('td', { dataSort: r.deadline ?? '9999' }, [
                    r.deadline ?? '–',
                    ...(r.overdue ? [h('br'), h('span', { className: ['overdue'] }, 'overdue')] : [])
                ]),
                ...kinds.map(kind => h('td', by(kind)))
            ]
        );
    });
    const filter = (name: string, label: string, values: Element[]) =>
        h('label', [`${label} `, h('select', { dataFilter: name, id: `filter-${name}` }, [option('', 'all'), ...values])]);
    const document = h('html', { lang: 'en' }, [
        h('head', [
            h('meta', { charset: 'utf-8' }),
            h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
            h('title', `Evidence requirement coverage as of ${report.asOf}`),
            h('style', style)
        ]),
        h('body', [
            h('main', [
                h('h1', 'Evidence requirement coverage'),
                h('p', { className: ['summary'] }, totalsSentence(report)),
                h('h2', 'Recommendations by kind of coverage'),
                h('table', { id: 'heatmap' }, [
                    h('caption', 'Counted covering items per recommendation and kind'),
                    h(
                        'thead',
                        h('tr', [
                            h('th', { scope: 'col' }, 'Recommendation'),
                            ...kinds.map(k => h('th', { scope: 'col' }, k)),
                            h('th', { scope: 'col' }, 'Covered')
                        ])
                    ),
                    h(
                        'tbody',
                        report.recommendations.map(rec =>
                            h('tr', [
                                h('th', { scope: 'row' }, `${rec.framework} ${rec.id}`),
                                ...kinds.map(k => h('td', { className: [heat(rec.byKind[k])] }, String(rec.byKind[k]))),
                                h('td', `${rec.covered + rec.waived}/${rec.requirements} (${rec.percent}%)${rec.overdue ? ' overdue' : ''}`)
                            ])
                        )
                    )
                ]),
                h('h2', 'Evidence requirements'),
                h('form', { ariaLabel: 'Filter the requirements' }, [
                    filter(
                        'state',
                        'State',
                        Object.entries(stateNames).map(([value, names]) => option(value, names.short))
                    ),
                    filter(
                        'recipient',
                        'Recipient',
                        recipients.map(r => option(r))
                    ),
                    filter(
                        'audience',
                        'Audience',
                        audiences.map(a => option(a))
                    )
                ]),
                h('p', [
                    'Showing ',
                    h('span', { id: 'shown' }, String(report.requirements.length)),
                    ` of ${report.requirements.length} requirements.`
                ]),
                h('table', { id: 'matrix' }, [
                    h('caption', 'Each evidence requirement, its state and what covers it'),
                    h(
                        'thead',
                        h(
                            'tr',
                            ['Recommendation', 'Requirement', 'State', 'Due', 'Guidance', 'Training', 'Action'].map(label =>
                                h('th', { scope: 'col' }, h('button', { type: 'button' }, label))
                            )
                        )
                    ),
                    h('tbody', rows)
                ])
            ]),
            h('script', '\n' + reportScript())
        ])
    ]);
    return '<!doctype html>\n' + toHtml(document) + '\n';
}

let script: string | undefined;

/** The report page's own behaviour (sort by a column, filter rows), `out-templates/coverage-report.js`, inlined so the file works offline. */
function reportScript(): string {
    script ??= readFileSync(path.join(defaultTemplates(), 'coverage-report.js'), 'utf8');
    return script;
}
