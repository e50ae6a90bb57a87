import type { PhrasingContent, RootContent } from 'mdast';
import * as ast from '../generated/ast.js';
import { heading, link, list, prose, quote, root, strong, text } from './mdast-helpers.js';
import { gapNotice } from './gap-notice.js';
import { compareIds, planStatusText, progressText } from '../coverage/coverage-words.js';
import { documentOf, href, isPublished, pagePath, type SiteModel } from './site-model.js';

/** The public action plan: per recommendation its text, deadline, the force's update, status, date, lead and evidence links. */
export function planPage(site: SiteModel, plan: ast.ActionPlan, extension: string) {
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
    if (facts.length > 0) {
        children.push(list(facts));
    }
    const items = [...plan.items].sort((a, b) => compareIds(a.recommendation.$refText, b.recommendation.$refText));
    for (const item of items) {
        const recommendation = item.recommendation.ref;
        children.push(heading(2, `Recommendation ${item.recommendation.$refText}`, `recommendation-${item.recommendation.$refText}`));
        if (recommendation?.text) {
            children.push(quote(recommendation.text));
        }
        const status = item.status ? planStatusText(item.status) + progressText(item.progress) : 'not stated';
        children.push(
            list([
                [
                    strong('Deadline:'),
                    ' ' + (recommendation?.deadlines.map(d => (d.label ? `${d.date} (${d.label})` : d.date)).join('; ') || 'not stated')
                ],
                [strong('Status:'), ' ' + status],
                [strong('Date:'), ' ' + (item.updated ?? 'not stated')],
                [strong('Lead:'), ' ' + (item.lead ?? 'not stated')]
            ])
        );
        if (item.update) {
            children.push(heading(3, 'Update'), ...prose(item.update, 3));
        }
        const links = item.links
            .map(l => l.ref)
            .filter((l): l is ast.Evidenceable => l !== undefined)
            .map(target => evidenceLink(site, page, target, extension))
            .filter((l): l is PhrasingContent => l !== undefined);
        if (links.length > 0) {
            children.push(heading(3, 'Evidence'), list(links.map(l => [l])));
        }
    }
    return root(children);
}

function evidenceLink(site: SiteModel, page: string, target: ast.Evidenceable, extension: string): PhrasingContent | undefined {
    if (ast.isGuidance(target)) {
        return site.guidance.includes(target) ? link(href(page, pagePath.guidance(target), extension), target.title) : text(target.title);
    }
    if (ast.isSection(target)) {
        const guidance = documentOf(target);
        return site.guidance.includes(guidance) && isPublished(site, target)
            ? link(href(page, pagePath.guidance(guidance), extension, target.name), target.title)
            : text(target.title);
    }
    if (ast.isCoursePack(target)) {
        return link(href(page, pagePath.course(target, 'learner'), extension), `${target.title} (course pack)`);
    }
    if (ast.isTrainingModule(target)) {
        const course = site.courses.find(c => c.modules.some(m => m.ref === target));
        return course
            ? link(href(page, pagePath.course(course, 'learner'), extension), `${target.title} (training module)`)
            : text(`${target.title} (training module)`);
    }
    const module = target.$container;
    const course = site.courses.find(c => c.modules.some(m => m.ref === module));
    return course
        ? link(href(page, pagePath.course(course, 'learner'), extension), `${target.name}: ${target.text}`)
        : text(`${target.name}: ${target.text}`);
}
