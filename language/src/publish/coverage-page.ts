import type { BlockContent, PhrasingContent, RootContent } from 'mdast';
import type * as ast from '../generated/ast.js';
import { madeToOthers, type RequirementCoverage } from '../coverage/coverage-model.js';
import {
    compareIds,
    levelNames,
    overdueRecommendationsSentence,
    planItemStatusText,
    stateText,
    timelinessNames,
    waiverText
} from '../coverage/coverage-words.js';
import { recommendationStanding } from '../coverage/coverage-report.js';
import { forceName } from '../coverage/forces.js';
import { coverLink, exhibitLine, planItemLink } from './cover-links.js';
import { heading, link, list, paragraph, quote, strong, table, tableRuns, text, type PagePart } from './mdast-helpers.js';
import { gapNotice } from './gap-notice.js';
import { anchor, pagePath, type SiteModel } from './site-model.js';

const capital = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

/** When a requirement was met against its deadline: "Met late (first met 2025-09-19)", "On time (first met 2024-11-15)", "Overdue". */
export function metText(requirement: Pick<RequirementCoverage, 'timeliness' | 'firstMet'>): string {
    if (!requirement.timeliness) {
        return '–';
    }
    const words = capital(timelinessNames[requirement.timeliness]);
    return requirement.firstMet && ['on-time', 'met-late', 'met'].includes(requirement.timeliness)
        ? `${words} (first met ${requirement.firstMet})`
        : words;
}

/** How many requirements' details each part of the coverage page holds. */
const DETAILS_PER_PART = 100;

/**
 * The coverage page, for an auditor: per requirement its deadline, its state, the level its cover
 * reaches (and the level the site is judged at), whether it was met on time, late or is overdue, its
 * owner (the plan item's lead), what covers it (linked to the published pages and plan items) and the
 * exhibits behind it. Recommendations made to others are listed with their own state, not counted.
 *
 * It is given in parts, each a run of its blocks, so that it can be rendered a part at a time: the page's head,
 * the summary table (a run of {@link LONG_TABLE_ROWS} rows a part when it is long), the recommendations made to others
 * and the heading of the details, then {@link DETAILS_PER_PART} requirements' details a part, each starting with its
 * heading. At 10,000 requirements the page as one tree, and what rendering made of it, held most of a gigabyte; the
 * summary table as one part was a seventh of the site's rendering and its largest job.
 */
export function* coveragePageParts(site: SiteModel, extension = 'html'): Generator<PagePart> {
    const page = pagePath.coverage();
    const model = site.coverage;
    const items = site.plans.flatMap(p => p.items);
    // A recommendation's first plan item, found once (a search per requirement was a walk of the plan each time).
    const firstItems = new Map<ast.Recommendation, ast.PlanItem>();
    for (const item of items) {
        const recommendation = item.recommendation?.ref;
        if (recommendation && !firstItems.has(recommendation)) {
            firstItems.set(recommendation, item);
        }
    }
    const planItemOf = (recommendation: ast.Recommendation) => firstItems.get(recommendation);
    const own = model.requirements.filter(r => r.state !== 'for-others');
    const others = model.requirements.filter(r => r.state === 'for-others');
    const facts: Array<Array<PhrasingContent | string>> = [];
    if (site.force.title || site.force.id) {
        facts.push([strong('Force:'), ' ' + forceName(site.force)]);
    }
    facts.push([strong('As of:'), ' ' + (model.asOf || 'not stated')]);
    facts.push([
        strong('Level of assurance judged at:'),
        ` ${levelNames[model.level].label} (${levelNames[model.level].meaning}): cover below it does not count`
    ]);
    const late = own.filter(r => r.timeliness === 'met-late').length;
    const overdue = own.filter(r => r.timeliness === 'overdue').length;
    // The recommendations past their deadline and not met, in the framework's order, as the report says them.
    const rowsOf = new Map<ast.Recommendation, RequirementCoverage[]>();
    for (const r of own) {
        const rows = rowsOf.get(r.recommendation) ?? [];
        rows.push(r);
        rowsOf.set(r.recommendation, rows);
    }
    const asOf = model.asOf;
    const pastDeadline = asOf
        ? overdueRecommendationsSentence(
              [...rowsOf].map(([recommendation, rows]) => ({
                  id: String(recommendation.name),
                  ...recommendationStanding(recommendation, rows, planItemOf(recommendation), asOf, false)
              }))
          )
        : '';
    yield {
        blocks: [
            heading(1, 'Evidence requirement coverage'),
            ...gapNotice(site),
            list(facts),
            paragraph(
                `${model.covered} of ${model.total} evidence requirements are covered at the ${model.level} level` +
                    `${model.waived > 0 ? ` and ${model.waived} waived` : ''}${model.suspect > 0 ? `; ${model.suspect} suspect` : ''}` +
                    `; ${late} met late, ${overdue} overdue.${pastDeadline ? ` ${pastDeadline}` : ''}`
            )
        ]
    };
    yield* tableRuns(
        table(
            ['Requirement', 'Recommendation', 'Deadline', 'State', 'Level reached', 'Met', 'Owner'],
            own.map(r => [
                [link(`#${anchor.requirement(r.id)}`, r.id)],
                String(r.recommendation.name),
                r.deadline ?? '–',
                stateText({ state: r.state, recipients: r.recommendation.recipients }),
                r.level ? levelNames[r.level].label : 'None',
                metText(r),
                planItemOf(r.recommendation)?.lead ?? '–'
            ])
        )
    );
    yield { blocks: [...othersSection(site, page, extension, others, planItemOf), heading(2, 'What covers each requirement')] };
    const all = [...own, ...others];
    for (let start = 0; start < all.length; start += DETAILS_PER_PART) {
        yield {
            blocks: all
                .slice(start, start + DETAILS_PER_PART)
                .flatMap(requirement => requirementDetail(site, page, extension, requirement, planItemOf(requirement.recommendation)))
        };
    }
}

/** Recommendations made to others (PCCs, the NPCC…): their own state, and the force's support from its plan. */
function othersSection(
    site: SiteModel,
    page: string,
    extension: string,
    others: readonly RequirementCoverage[],
    planItemOf: (r: ast.Recommendation) => ast.PlanItem | undefined
): RootContent[] {
    const frameworks = [...new Set([...site.coverage.requirements.map(r => r.framework), ...site.plans.map(p => p.framework?.ref)])].filter(
        (f): f is ast.Framework => f !== undefined
    );
    const recommendations = frameworks
        .flatMap(f => f.recommendations)
        .filter(r => r.name !== undefined && madeToOthers(r))
        .sort((a, b) => compareIds(a.name, b.name));
    if (recommendations.length === 0) {
        return [];
    }
    return [
        heading(2, 'Recommendations made to others'),
        paragraph(
            'These recommendations are made to others, not to the force: they are listed with their own state and are not counted as gaps. ' +
                "Where the force's plan records its support, it is linked."
        ),
        table(
            ['Recommendation', 'Requirements', 'Deadline', 'State', "The force's support"],
            recommendations.map(recommendation => {
                const item = planItemOf(recommendation);
                const requirements = others.filter(r => r.recommendation === recommendation);
                return [
                    String(recommendation.name),
                    requirements.length > 0
                        ? requirements.flatMap((r, i) => [...(i > 0 ? [text(', ')] : []), link(`#${anchor.requirement(r.id)}`, r.id)])
                        : 'none listed',
                    recommendation.deadlines.map(d => d.date).sort()[0] ?? '–',
                    stateText({ state: 'for-others', recipients: recommendation.recipients }),
                    item
                        ? [
                              planItemLink(site, page, item, extension, `plan item ${recommendation.name}`),
                              text(`: ${planItemStatusText(item)}`)
                          ]
                        : 'none recorded'
                ];
            })
        )
    ];
}

/** One requirement in full: its text, state, level, deadline and when met, owner, what covers it and its exhibits. */
function requirementDetail(
    site: SiteModel,
    page: string,
    extension: string,
    requirement: RequirementCoverage,
    item: ast.PlanItem | undefined
): RootContent[] {
    const r = requirement;
    const out: RootContent[] = [heading(3, `Requirement ${r.id} (recommendation ${r.recommendation.name})`, anchor.requirement(r.id))];
    out.push(quote(r.evidence.text ?? r.evidence.untexted ?? `The source gives no text for ${r.id}.`));
    const facts: BlockContent[][] = [
        [
            paragraph(
                strong('State:'),
                ` ${stateText({ state: r.state, recipients: r.recommendation.recipients })}; level reached: ${r.level ? levelNames[r.level].label : 'none'} (judged at ${levelNames[site.coverage.level].label})`
            )
        ],
        [paragraph(strong('Deadline:'), ` ${r.deadline ?? 'none'}`)],
        [paragraph(strong('When met:'), ` ${metText(r)}`)],
        [
            paragraph(
                strong('Owner:'),
                ' ',
                ...(item
                    ? [
                          text(`${item.lead ?? 'no lead named'}, lead of `),
                          planItemLink(site, page, item, extension, `plan item ${item.recommendation.$refText}`)
                      ]
                    : [text('no plan item')])
            )
        ]
    ];
    if (r.items.length > 0) {
        facts.push([
            paragraph(strong('Covered by:')),
            list(
                r.items.map(i => [
                    coverLink(site, page, i.node as ast.Section | ast.LearningOutcome | ast.PlanItem, i.label, extension),
                    text(
                        `: ${i.level ? levelNames[i.level].label.toLowerCase() : 'does not count'}${i.since ? ` since ${i.since}` : ''}` +
                            `${i.suspect ? '; suspect: approved before the requirement was revised' : ''}` +
                            `${!i.counts && i.reason && !i.suspect ? `; not counted: ${i.reason}` : ''}`
                    )
                ])
            )
        ]);
    } else {
        facts.push([paragraph(strong('Covered by:'), ' nothing')]);
    }
    const exhibits = [...new Set(r.items.flatMap(i => i.exhibits))];
    facts.push(
        exhibits.length > 0
            ? [paragraph(strong('Exhibits:')), list(exhibits.map(e => exhibitLine(e)))]
            : [paragraph(strong('Exhibits:'), ' none on file')]
    );
    if (r.waiver) {
        facts.push([
            paragraph(
                strong('Waiver:'),
                ` ${waiverText(r.waiver)}${r.waiver.counts ? '' : ` (does not count: ${r.waiver.notCounted})`}: ${r.waiver.reason ?? 'no reason given'}`
            )
        ]);
    }
    out.push(list(facts));
    return out;
}
