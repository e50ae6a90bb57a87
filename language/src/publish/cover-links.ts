import type { PhrasingContent } from 'mdast';
import * as ast from '../generated/ast.js';
import { safeLinkTarget } from './link-policy.js';
import { link, text } from './mdast-helpers.js';
import { anchor, documentOf, href, isPublished, pagePath, type SiteModel } from './site-model.js';

/**
 * Links from a published page to what it names: guidance sections and training modules on their
 * published pages, plan items at their anchors on the plan page, exhibits at their addresses. What
 * is not published is named as text, never linked.
 */

/** A link to a section, a guidance document, a course pack, a module or a learning outcome, or its name when it is not published. */
export function materialLink(site: SiteModel, page: string, target: ast.Evidenceable, extension: string): PhrasingContent {
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
        return site.courses.includes(target)
            ? link(href(page, pagePath.course(target, 'learner'), extension), `${target.title} (course pack)`)
            : text(`${target.title} (course pack)`);
    }
    const module = ast.isTrainingModule(target) ? target : target.$container;
    const label = ast.isTrainingModule(target) ? `${target.title} (training module)` : `${target.name}: ${target.text}`;
    const course = isPublished(site, module) ? site.courses.find(c => c.modules.some(m => m.ref === module)) : undefined;
    return course ? link(href(page, pagePath.course(course, 'learner'), extension, module.name), label) : text(label);
}

/** A link to a plan item at its anchor on its plan's page, or its label when its plan is not published here. */
export function planItemLink(site: SiteModel, page: string, item: ast.PlanItem, extension: string, label: string): PhrasingContent {
    const plan = item.$container;
    return site.plans.includes(plan) ? link(href(page, pagePath.plan(plan), extension, anchor.planItem(item)), label) : text(label);
}

/** A link to what covers a requirement: the section, the learning outcome's module, the plan item. */
export function coverLink(
    site: SiteModel,
    page: string,
    node: ast.Section | ast.LearningOutcome | ast.PlanItem,
    label: string,
    extension: string
): PhrasingContent {
    if (ast.isPlanItem(node)) {
        return planItemLink(site, page, node, extension, label);
    }
    const target = materialLink(site, page, node, extension);
    return target.type === 'link' ? { ...target, children: [text(label)] } : text(label);
}

/** Where an exhibit is, in words: the file the force holds (its path as written, from the file that declares it), or an address that cannot be linked. */
function exhibitWhere(exhibit: ast.Exhibit): string | undefined {
    if (exhibit.address !== undefined) {
        return safeLinkTarget(exhibit.address) === undefined ? `at ${exhibit.address} (not a web or mail address: not linked)` : undefined;
    }
    return exhibit.file !== undefined ? `on file: ${exhibit.file}` : 'no location given';
}

/**
 * An exhibit in one line: its title (a link when it has an address the link policy allows), kind,
 * date, owner, where it is (unless its title links there), and who verified it and when. A file is named by its path, not published:
 * an exhibit held on file (an audit, a data return) is the force's to show an inspector, not to publish.
 */
export function exhibitLine(exhibit: ast.Exhibit): PhrasingContent[] {
    const title = exhibit.address !== undefined ? link(exhibit.address, exhibit.title) : text(exhibit.title);
    const facts = [
        exhibit.kind ? exhibit.kind.replace(/-/g, ' ') : 'kind not given',
        `dated ${exhibit.dated ?? 'not given'}`,
        `owner ${exhibit.owner ?? 'not given'}`,
        ...[exhibitWhere(exhibit)].filter((w): w is string => w !== undefined),
        exhibit.verifiedBy !== undefined && exhibit.verified !== undefined
            ? `verified by ${exhibit.verifiedBy} on ${exhibit.verified}`
            : 'not verified'
    ];
    return [title, text(` (${facts.join('; ')})`)];
}
