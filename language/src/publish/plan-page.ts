import { AstUtils, type AstNode } from 'langium';
import type { BlockContent, PhrasingContent, RootContent } from 'mdast';
import type * as ast from '../generated/ast.js';
import { heading, link, list, paragraph, later, quote, root, strong, text } from './mdast-helpers.js';
import { gapNotice } from './gap-notice.js';
import { compareIds, planItemStatusText, planStatusText, progressText, recipientsText, waiverText } from '../coverage/coverage-words.js';
import { forceName } from '../coverage/forces.js';
import { planEntries, planItemState } from '../coverage/plan-history.js';
import { isOnFile } from '../coverage/coverage-model.js';
import { exhibitLine, materialLink } from './cover-links.js';
import { anchor, pagePath, proseLinks, type SiteModel } from './site-model.js';
import { append } from '../arrays.js';

/**
 * The public action plan: per recommendation its text, deadline, the force's update, status, date,
 * lead, the dated history of its updates (oldest first), its evidence links and its exhibits. An item
 * `supporting` a recommendation made to others says so: it records the force's support, not its answer.
 */
export function planPage(site: SiteModel, plan: ast.ActionPlan, extension: string) {
    const asOf = site.coverage.asOf || '9999-12-31';
    const page = pagePath.plan(plan);
    const framework = plan.framework?.ref;
    const children: RootContent[] = [heading(1, plan.title), ...gapNotice(site)];
    const facts: Array<Array<PhrasingContent | string>> = [];
    if (plan.force) {
        facts.push([strong('Force:'), ' ' + plan.force]);
    }
    if (framework) {
        facts.push([strong('Responds to:'), ' ' + framework.title]);
    }
    if (plan.executiveLead) {
        facts.push([strong('Executive lead:'), ' ' + plan.executiveLead]);
    }
    if (plan.operationalLead) {
        facts.push([strong('Operational lead:'), ' ' + plan.operationalLead]);
    }
    if (plan.published) {
        facts.push([strong('Published:'), ' ' + plan.published]);
    }
    if (plan.address) {
        facts.push([strong('Published at:'), ' ', link(plan.address, plan.address)]);
    }
    if (facts.length > 0) {
        children.push(list(facts));
    }
    // `unstated` is how a plan transcribed from a force's page says the force gave no status: the reader
    // is told that the page is a transcription and that which passage bears on which recommendation is
    // the transcriber's reading, not the force's.
    if (plan.items.some(item => item.status === 'unstated' || item.history.some(h => h.status === 'unstated'))) {
        children.push(
            paragraph(
                strong('A transcription.'),
                ` This plan is ${plan.force ?? 'the force'}'s published text, quoted word for word${plan.address ? ' from the page above' : ''}. Where the force gave no status for a recommendation, its status is shown as unstated; the passages quoted under a recommendation are those of the force's text that bear on it, chosen when it was transcribed, not by the force.`
            )
        );
    }
    if (plan.summary) {
        append(children, later(plan.summary, 1, proseLinks(site, page, extension, plan.summary)));
    }
    const whose = plan.force ?? (site.force.title || site.force.id ? forceName(site.force) : 'the force');
    const items = [...plan.items].sort((a, b) => compareIds(a.recommendation.$refText, b.recommendation.$refText));
    for (const item of items) {
        const recommendation = item.recommendation.ref;
        children.push(heading(2, `Recommendation ${item.recommendation.$refText}`, anchor.planItem(item)));
        if (item.supporting) {
            const to = recommendation && recommendation.recipients.length > 0 ? recipientsText(recommendation.recipients) : 'others';
            children.push(
                paragraph(
                    strong(`Made to ${to}.`),
                    ` This item records ${whose}'s support to a recommendation made to ${to}; it is not counted as the force's own.`
                )
            );
        }
        if (recommendation?.text) {
            children.push(quote(recommendation.text));
        }
        // As it stood at the site's as-of date: a site built as at an earlier date shows the item then.
        const then = planItemState(item, asOf);
        // `unstated` without an update: "unstated (the force gave none), no update published" (the force published nothing on it).
        const status = !then.status
            ? 'not started'
            : then.status === 'unstated'
              ? planItemStatusText(then)
              : planStatusText(then.status) + progressText(then.progress);
        children.push(
            list([
                [
                    strong('Deadline:'),
                    ' ' + (recommendation?.deadlines.map(d => (d.label ? `${d.date} (${d.label})` : d.date)).join('; ') || 'not stated')
                ],
                [strong('Status:'), ' ' + status],
                [strong('Date:'), ' ' + (then.date ?? 'not stated')],
                [strong('Lead:'), ' ' + (item.lead ?? 'not stated')]
            ])
        );
        if (then.update) {
            append(children, [
                heading(3, then.status === 'unstated' ? "From the force's published text" : 'Update'),
                ...later(then.update, 3, proseLinks(site, page, extension, then.update))
            ]);
        }
        if (item.history.length > 0) {
            children.push(heading(3, 'History'), history(item, asOf));
        }
        const links = item.links
            .map(l => l.ref)
            .filter((l): l is ast.Evidenceable => l !== undefined)
            .map(target => [materialLink(site, page, target, extension), ...notOurs(site, target)]);
        if (links.length > 0) {
            children.push(heading(3, 'Evidence'), list(links));
        }
        // What was on file at the as-of date.
        const exhibits = item.exhibits.map(e => e.ref).filter((e): e is ast.Exhibit => e !== undefined && isOnFile(e, asOf));
        if (exhibits.length > 0) {
            children.push(heading(3, 'Exhibits'), list(exhibits.map(e => [...exhibitLine(e), ...notOurs(site, e)])));
        }
    }
    // The plan's waivers: requirements the force does not have to cover, and why (a plan item's update may refer to them).
    const waivers = [...plan.waivers].sort((a, b) => compareIds(a.evidence.$refText, b.evidence.$refText));
    if (waivers.length > 0) {
        children.push(heading(2, 'Waivers'));
        children.push(
            list(
                waivers.map(w => [
                    strong(`${w.evidence.$refText}: ${waiverText(w)}`),
                    text(
                        `${w.approvedBy ? ` (approved by ${w.approvedBy}${w.approved ? ` on ${w.approved}` : ''})` : ''}${w.reason ? `. ${w.reason}` : ''}`
                    )
                ])
            )
        );
    }
    return root(children);
}

/** Material or an exhibit of another force (or of none), cited by this force's plan: said so, as it does not count. */
function notOurs(site: SiteModel, node: AstNode): PhrasingContent[] {
    return site.forces.of(AstUtils.getDocument(node).uri.toString()) === site.force
        ? []
        : [text(` (not ${site.force.title || 'this force'}'s: it does not count as this force's evidence)`)];
}

/** The item's updates up to the as-of date, oldest first: each with its text, the latest last (its update is above). */
function history(item: ast.PlanItem, asOf: string) {
    const entries = planEntries(item).filter(entry => entry.date === undefined || entry.date <= asOf);
    return list(
        entries.map((entry, index): BlockContent[] => {
            const latest = index === entries.length - 1;
            const what = entry.status
                ? planStatusText(entry.status) + progressText(entry.progress)
                : entry.progress !== undefined
                  ? `progress ${entry.progress}%`
                  : 'no change of status';
            const head = paragraph(strong(entry.date ?? 'Undated'), text(`: ${what}${latest ? ' (the latest update, above)' : ''}`));
            return latest || !entry.update ? [head] : [head, ...(later(entry.update, 3) as BlockContent[])];
        })
    );
}
