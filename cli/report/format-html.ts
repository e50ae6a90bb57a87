import { recommendationOverdueText } from '../../language/src/coverage/coverage-words.js';
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { CoverageReport, ReportRequirement } from '../../language/src/coverage/coverage-report.js';
import {
    idSortKey,
    kindsText,
    levelNames,
    forOthersText,
    stateNames,
    stateSymbols,
    stateText,
    timelinessNames,
    assuranceText,
    totalsSentence,
    waiverSummary
} from '../../language/src/coverage/coverage-words.js';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultTemplates } from '../build/load-templates.js';
import { cellsOf, matrixColumns } from './force-matrix.js';
import { aroundHere, here } from '../../language/src/publish/html-around.js';

const kinds = ['guidance', 'training', 'action'] as const;

const style = `
body{font-family:system-ui,Arial,sans-serif;margin:2rem;color:#0b0c0c;line-height:1.4}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #b1b4b6;padding:.35rem .5rem;text-align:left;vertical-align:top}
th button{font:inherit;font-weight:bold;background:none;border:0;padding:0;cursor:pointer;text-decoration:underline}
.state-covered{background:#cce2d8}.state-waived{background:#d2e2f1}.state-wrong-kind{background:#fff2cc}.state-uncovered{background:#f6d7d2}
.state-suspect{background:#fcd6a4}.state-for-others{background:#f3f2f1;color:#505a5f}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:0;padding:0;overflow:hidden;clip:rect(0 0 0 0);border:0;white-space:nowrap}
#forces{width:auto}#forces td{text-align:center;padding:.2rem .35rem;min-width:1.2rem}#forces th{white-space:nowrap}
.key li{display:inline-block;margin-right:1rem}.key span{display:inline-block;min-width:1.4rem;text-align:center;border:1px solid #b1b4b6}
.heat-0{background:#f6d7d2}.heat-1{background:#e5f0e9}.heat-2{background:#cce2d8}.heat-3{background:#85b69b}
.overdue{color:#942514;font-weight:bold}.nowrap{white-space:nowrap}label{margin-right:1rem}.summary{font-size:1.1rem}
@media print{select,button{display:none}}
`;

function option(value: string, label = value): Element {
    return h('option', { value }, label);
}

/** A requirement's due date and timeliness in its cell: "2025-03-27", then "met late (2025-09-19)" or "overdue". */
function dueCell(r: ReportRequirement): ElementContent[] {
    if (!r.timeliness) {
        return [{ type: 'text', value: r.deadline ?? '–' }];
    }
    const met =
        r.firstMet && (r.timeliness === 'on-time' || r.timeliness === 'met-late' || r.timeliness === 'met') ? ` (${r.firstMet})` : '';
    return [
        { type: 'text', value: r.deadline ?? 'no deadline' },
        h('br'),
        h(
            'span',
            { className: r.timeliness === 'overdue' || r.timeliness === 'met-late' ? ['overdue'] : [] },
            `${timelinessNames[r.timeliness]}${met}`
        )
    ];
}

/** One requirement's row of the matrix, as HTML. */
function rowHtml(r: ReportRequirement): string {
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
    return toHtml(
        h(
            'tr',
            {
                className: [`state-${r.state}`],
                dataState: r.state,
                dataTimeliness: r.timeliness ?? '',
                dataRecipient: r.recipients.join(' '),
                dataAudience: r.audiences.join(' ')
            },
            [
                h('td', { dataSort: r.recommendation.padStart(4, '0') }, r.recommendation),
                h('td', { dataSort: idSortKey(r.id) }, [
                    h('strong', r.id),
                    h('br'),
                    r.text ?? `[no text in the source: ${r.untexted ?? ''}]`
                ]),
                h(
                    'td',
                    stateText(r, true) +
                        (r.state === 'wrong-kind' ? ` (needs ${kindsText(r.required)})` : '') +
                        (r.state === 'for-others' ? ': not counted' : '') +
                        (r.waiver ? ` — ${waiverSummary(r.waiver)}` : '')
                ),
                h('td', { dataSort: String(r.level ? 1 + Object.keys(levelNames).indexOf(r.level) : 0) }, r.level ?? '–'),
                h('td', { dataSort: r.deadline ?? '9999', className: ['nowrap'] }, dueCell(r)),
                h('td', r.owner ?? '–'),
                ...kinds.map(kind => h('td', by(kind)))
            ]
        )
    );
}

/**
 * One self-contained HTML file: totals (whose, at what level), a heat-map of recommendations × kinds, and a
 * sortable, filterable matrix of requirements with their level, timeliness and owner. With --by-force, the
 * forces × requirements heat-map first ({@link forceSection}).
 */
export function formatHtml(report: CoverageReport): string {
    return [...htmlChunks(report)].join('');
}

/**
 * The same file in pieces, for writing as it is made: the page around the matrix, then each row. At 10,000
 * requirements the page as one string was copied at every level of the tree that held it (hundreds of
 * megabytes allocated, straight into the old generation), and the report's peak memory was twice the check's.
 */
export function* htmlChunks(report: CoverageReport): Generator<string> {
    const [before, after] = aroundHere('<!doctype html>\n' + toHtml(pageAround(report)) + '\n');
    yield before;
    for (const requirement of report.requirements) {
        yield rowHtml(requirement);
    }
    yield after;
}

/** The page, with {@link here} where the matrix's rows go. */
function pageAround(report: CoverageReport): Element {
    const recipients = [...new Set(report.requirements.flatMap(r => r.recipients))].sort();
    const audiences = [...new Set(report.requirements.flatMap(r => r.audiences))].sort();
    const timeliness = [...new Set(report.requirements.map(r => r.timeliness).filter(t => t !== null))].sort();
    const heat = (count: number) => `heat-${Math.min(3, count)}`;
    const filter = (name: string, label: string, values: Element[]) =>
        h('label', [`${label} `, h('select', { dataFilter: name, id: `filter-${name}` }, [option('', 'all'), ...values])]);
    const whose = report.force ? `: ${report.force.title}` : '';
    const level = levelNames[report.level];
    const document = h('html', { lang: 'en' }, [
        h('head', [
            h('meta', { charset: 'utf-8' }),
            h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
            h('title', `Evidence requirement coverage${report.byForce ? ' by force' : whose} as of ${report.asOf}`),
            h('style', style)
        ]),
        h('body', [
            h('main', [
                h('h1', `Evidence requirement coverage${report.byForce ? ' by force' : whose}`),
                ...(report.byForce ? forceSection(report) : []),
                h('p', { className: ['summary'] }, totalsSentence(report)),
                h('p', `Level of assurance counted as covered: ${level.label.toLowerCase()} (${level.meaning}).`),
                h('h2', `Recommendations by kind of coverage${report.byForce ? whose : ''}`),
                h('table', { id: 'heatmap' }, [
                    h('caption', 'Counted covering items per recommendation and kind'),
                    h(
                        'thead',
                        h('tr', [
                            h('th', { scope: 'col' }, 'Recommendation'),
                            ...kinds.map(k => h('th', { scope: 'col' }, k)),
                            h('th', { scope: 'col' }, 'Covered'),
                            h('th', { scope: 'col' }, 'Owner')
                        ])
                    ),
                    h(
                        'tbody',
                        report.recommendations.map(rec =>
                            h('tr', [
                                h('th', { scope: 'row' }, `${rec.framework} ${rec.id}`),
                                // Made to others: not the force's gap, so not coloured as one.
                                ...kinds.map(k =>
                                    h(
                                        'td',
                                        { className: [rec.forOthers ? 'state-for-others' : heat(rec.byKind[k])] },
                                        String(rec.byKind[k])
                                    )
                                ),
                                h(
                                    'td',
                                    rec.forOthers
                                        ? `${forOthersText(rec.recipients)}: not counted`
                                        : `${rec.covered + rec.waived}/${rec.requirements} (${rec.percent}%)${rec.overdue ? ` ${recommendationOverdueText(rec)}` : ''}`
                                ),
                                h('td', rec.owner ?? '–')
                            ])
                        )
                    )
                ]),
                h('h2', `Evidence requirements${report.byForce ? whose : ''}`),
                h('form', { ariaLabel: 'Filter the requirements' }, [
                    filter(
                        'state',
                        'State',
                        Object.entries(stateNames).map(([value, names]) => option(value, names.short))
                    ),
                    filter(
                        'timeliness',
                        'Timeliness',
                        timeliness.map(t => option(t, timelinessNames[t]))
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
                    h('caption', 'Each evidence requirement, its state, level of assurance, timeliness, owner and what covers it'),
                    h(
                        'thead',
                        h(
                            'tr',
                            ['Recommendation', 'Requirement', 'State', 'Level', 'Due', 'Owner', 'Guidance', 'Training', 'Action'].map(
                                label => h('th', { scope: 'col' }, h('button', { type: 'button' }, label))
                            )
                        )
                    ),
                    h('tbody', [here()])
                ])
            ]),
            h('script', '\n' + reportScript())
        ])
    ]);
    return document;
}

/**
 * The forces × requirements heat-map: a row per force, a column per requirement under its recommendation. Each
 * cell is coloured by state and holds the state's symbol, with the state, level and timeliness in words for a
 * screen reader (visually hidden) and as its title: never colour alone.
 */
function forceSection(report: CoverageReport): ElementContent[] {
    const groups = matrixColumns(report);
    const forces = report.byForce ?? [];
    const states = ['covered', 'waived', 'suspect', 'wrong-kind', 'uncovered', 'for-others'] as const;
    const others = groups.filter(g => g.forOthers);
    return [
        h('h2', 'Forces × requirements'),
        h(
            'ul',
            { className: ['key'], ariaLabel: 'Key' },
            states.map(s =>
                h('li', [
                    h('span', { className: [`state-${s}`], ariaHidden: 'true' }, stateSymbols[s]),
                    ` ${stateNames[s].short}${s === 'for-others' ? ', not counted' : ''}`
                ])
            )
        ),
        ...(others.length > 0
            ? [
                  h(
                      'p',
                      `Made to others, listed but not counted: ${others.map(g => `recommendation ${g.label} (${g.forOthers})`).join(', ')}.`
                  )
              ]
            : []),
        h('table', { id: 'forces' }, [
            h('caption', `Each force's coverage of each evidence requirement as of ${report.asOf}`),
            h('thead', [
                h('tr', [
                    h('td'),
                    ...groups.map(g =>
                        h(
                            'th',
                            { scope: 'colgroup', colSpan: g.requirements.length, title: g.forOthers ?? undefined },
                            g.forOthers ? `${g.label} (${g.forOthers})` : g.label
                        )
                    ),
                    h('td')
                ]),
                h('tr', [
                    h('th', { scope: 'col' }, 'Force'),
                    ...groups.flatMap(g =>
                        g.requirements.map(r => h('th', { scope: 'col', dataRequirement: `${r.framework}/${r.id}` }, r.id))
                    ),
                    h('th', { scope: 'col' }, 'Covered')
                ])
            ]),
            h(
                'tbody',
                forces.map(force => {
                    const cells = cellsOf(force.cells);
                    return h('tr', { dataForce: force.id }, [
                        h('th', { scope: 'row' }, force.title),
                        ...groups.flatMap(g =>
                            g.requirements.map(r => {
                                const cell = cells.get(`${r.framework}/${r.id}`);
                                if (!cell) {
                                    return h('td', '–');
                                }
                                // Its level, and when it was met against the deadline (or that it is overdue).
                                const words = `${stateText({ state: cell.state, recipients: r.recipients }, true)}${cell.state === 'for-others' ? ', not counted' : ''}; ${assuranceText({ ...cell, deadline: r.deadline })}`;
                                return h(
                                    'td',
                                    {
                                        className: [`state-${cell.state}`],
                                        dataRequirement: `${r.framework}/${r.id}`,
                                        dataState: cell.state,
                                        title: `${force.title}, ${r.id}: ${words}`
                                    },
                                    [
                                        h('span', { ariaHidden: 'true' }, stateSymbols[cell.state]),
                                        h('span', { className: ['visually-hidden'] }, `${r.id}: ${words}`)
                                    ]
                                );
                            })
                        ),
                        h(
                            'td',
                            `${force.totals.covered + force.totals.waived}/${force.totals.requirements} (${force.totals.percent}%)${force.totals.overdue > 0 ? `, ${force.totals.overdue} overdue` : ''}${force.totals.metLate > 0 ? `, ${force.totals.metLate} met late` : ''}`
                        )
                    ]);
                })
            )
        ])
    ];
}

let script: string | undefined;

/** The report page's own behaviour (sort by a column, filter rows), `out-templates/coverage-report.js`, inlined so the file works offline. */
function reportScript(): string {
    script ??= readFileSync(path.join(defaultTemplates(), 'coverage-report.js'), 'utf8');
    return script;
}
