import { AstUtils, type ValidationAcceptor } from 'langium';
import { report, resolvedTargets, targetsOutside } from '../report.js';
import { isBefore } from '../../dates.js';
import type { WorkspaceFacts } from '../../coverage/workspace-facts.js';
import { madeToOthers, missingWaiverFields } from '../../coverage/coverage-model.js';
import { planItemStatusText, planStatusText, recipientsText } from '../../coverage/coverage-words.js';
import type { GdlSettings } from '../../gdl-settings.js';
import { effectiveStatus } from '../../inheritance.js';
import { planItemState } from '../../coverage/plan-history.js';
import * as ast from '../../generated/ast.js';

/** Checks on action plans: one consistent item per recommendation, deadlines, evidence links. */
export class PlanChecks {
    constructor(private readonly settings: GdlSettings) {}

    planMustAnswerFramework = (node: ast.ActionPlan, accept: ValidationAcceptor): void => {
        const framework = node.framework?.ref;
        if (!node.framework) {
            report(accept, 'plan-without-framework', { plan: node.name }, { node, property: 'name' });
        }
        const seen = new Map<string, ast.PlanItem>();
        for (const item of node.items) {
            const number = item.recommendation.$refText;
            if (seen.has(number)) {
                report(accept, 'plan-duplicate-item', { plan: node.name, id: number }, { node: item, property: 'recommendation' });
            }
            seen.set(number, item);
        }
        if (!framework) {
            return;
        }
        // A plan answers every recommendation made to the force; for those made only to others an item is optional.
        for (const recommendation of framework.recommendations.filter(r => !madeToOthers(r))) {
            if (!seen.has(String(recommendation.name))) {
                report(
                    accept,
                    'plan-missing-recommendation',
                    { plan: node.name, id: recommendation.name, framework: framework.name },
                    { node, property: 'name', data: { recommendation: recommendation.name } }
                );
            }
        }
    };

    itemStatusMustMatchProgress = (node: ast.PlanItem, accept: ValidationAcceptor): void => {
        const id = node.recommendation.$refText;
        if (!node.status) {
            report(accept, 'plan-without-status', { id }, { node, property: 'recommendation' });
            return;
        }
        const progress = node.progress;
        if (progress === undefined) {
            return;
        }
        if (progress < 0 || progress > 100) {
            report(accept, 'progress-out-of-range', { progress }, { node, property: 'progress' });
            return;
        }
        // `unstated` has no progress: the force published no status, so it published no percentage either.
        const consistent =
            node.status === 'unstated'
                ? false
                : node.status === 'not-started'
                  ? progress === 0
                  : node.status === 'complete'
                    ? progress === 100
                    : progress > 0 && progress < 100;
        if (!consistent) {
            report(
                accept,
                'plan-status-percent-inconsistent',
                { id, status: planStatusText(node.status), progress },
                { node, property: 'progress' }
            );
        }
    };

    itemShouldMeetDeadline = (node: ast.PlanItem, accept: ValidationAcceptor): void => {
        const recommendation = node.recommendation.ref;
        const asOf = this.settings.effectiveAsOf();
        // The item as it stood on the as-of date (its dated history), as the coverage reads it: as of 2025-03-28 an
        // item completed in December 2025 was in progress, at the percentage its update of that March said.
        const then = planItemState(node, asOf);
        if (!recommendation || then.status === 'complete') {
            return;
        }
        const passed = recommendation.deadlines
            .map(d => d.date)
            .filter(date => isBefore(date, asOf))
            .sort();
        if (passed.length > 0) {
            const status = planItemStatusText(then);
            report(
                accept,
                'plan-deadline-passed',
                { id: recommendation.name, deadline: passed[0]!, status, asOf },
                { node, property: 'recommendation' }
            );
        }
    };

    itemShouldBeDatedInThePast = (node: ast.PlanItem, accept: ValidationAcceptor): void => {
        const asOf = this.settings.effectiveAsOf();
        if (node.updated && isBefore(asOf, node.updated)) {
            report(
                accept,
                'plan-update-in-future',
                { id: node.recommendation.$refText, date: node.updated, asOf },
                { node, property: 'updated' }
            );
        }
    };

    itemShouldStayInItsRecommendation = (node: ast.PlanItem, accept: ValidationAcceptor): void => {
        const recommendation = node.recommendation.ref;
        const planFramework = node.$container.framework?.ref;
        if (recommendation && planFramework && recommendation.$container !== planFramework) {
            report(
                accept,
                'plan-recommendation-other-framework',
                { id: recommendation.name, framework: recommendation.$container.name, planFramework: planFramework.name },
                { node, property: 'recommendation' }
            );
        }
        for (const [evidence, index] of targetsOutside(node.addresses, recommendation)) {
            const args = { id: recommendation!.name, evidence: evidence.name, other: evidence.$container.name };
            report(accept, 'plan-addresses-other-recommendation', args, { node, property: 'addresses', index });
        }
    };

    /** Earlier updates come oldest first, before the item's own (latest) date; none is dated after the as-of date. */
    historyShouldBeInOrder = (node: ast.PlanItem, accept: ValidationAcceptor): void => {
        const id = node.recommendation?.$refText ?? '?';
        const asOf = this.settings.effectiveAsOf();
        let previous: string | undefined;
        for (const update of node.history) {
            if (!update.date) {
                continue;
            }
            if (previous && update.date < previous) {
                report(
                    accept,
                    'plan-history-out-of-order',
                    { id, date: update.date, previous, where: 'write earlier updates first' },
                    { node: update, property: 'date' }
                );
            }
            if (isBefore(asOf, update.date)) {
                report(accept, 'plan-update-in-future', { id, date: update.date, asOf }, { node: update, property: 'date' });
            }
            previous = previous && previous > update.date ? previous : update.date;
        }
        if (previous && node.updated && node.updated < previous) {
            report(
                accept,
                'plan-history-out-of-order',
                { id, date: node.updated, previous, where: "the item's own `updated` date is its latest update" },
                { node, property: 'updated' }
            );
        }
    };

    /** A force claims the recommendations made to it; for the others it records its support. */
    itemShouldBeTheForces = (node: ast.PlanItem, accept: ValidationAcceptor): void => {
        const recommendation = node.recommendation?.ref;
        if (!recommendation || recommendation.recipients.length === 0) {
            return;
        }
        const own = !madeToOthers(recommendation);
        if (!own && !node.supporting) {
            report(
                accept,
                'plan-item-for-others',
                { id: recommendation.name, recipients: recipientsText(recommendation.recipients) },
                { node, property: 'recommendation' }
            );
        } else if (own && node.supporting) {
            report(accept, 'plan-supporting-own', { id: recommendation.name }, { node, property: 'supporting' });
        }
    };

    /** A completed plan item rests its claim on its evidence links; those must be approved material. */
    completedItemMustCiteApproved = (node: ast.PlanItem, accept: ValidationAcceptor): void => {
        if (node.status !== 'complete') {
            return;
        }
        for (const [target, index] of resolvedTargets(node.links)) {
            const status = statusOf(target);
            if (status && status !== 'approved') {
                report(
                    accept,
                    'approved-cites-draft',
                    { what: 'Completed plan item', id: node.recommendation.$refText, target: target.name, status },
                    { node, property: 'links', index }
                );
            }
        }
    };
}

const EXPIRY_WARNING_DAYS = 30;

/** Checks on waivers: complete, not expired, not about to expire unnoticed, not redundant. */
export class WaiverChecks {
    constructor(
        private readonly settings: GdlSettings,
        private readonly facts: WorkspaceFacts
    ) {}

    waiverMustBeCompleteAndCurrent = (node: ast.Waiver, accept: ValidationAcceptor): void => {
        const id = node.evidence.$refText;
        const missing = missingWaiverFields(node);
        if (missing.length > 0) {
            report(accept, 'waiver-incomplete', { id, missing: missing.join(', ') }, { node, property: 'evidence' });
        }
        const asOf = this.settings.effectiveAsOf();
        if (node.expires && isBefore(node.expires, asOf)) {
            report(accept, 'waiver-expired', { id, date: node.expires, asOf }, { node, property: 'expires' });
        } else if (node.expires) {
            const days = Math.round((Date.parse(node.expires) - Date.parse(asOf)) / 86400000);
            if (days <= EXPIRY_WARNING_DAYS) {
                report(
                    accept,
                    'waiver-expiring',
                    { id, date: node.expires, when: days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days` },
                    { node, property: 'expires' }
                );
            }
        }
        const evidence = node.evidence.ref;
        const model = this.facts.coverageModel(AstUtils.getDocument(node).uri.toString());
        const others = (evidence ? (model.of(evidence)?.waivers ?? []) : []).filter(w => w.node !== node);
        if (others.length > 0) {
            const where = others.map(w => `${w.uri.split('/').pop()}:${w.line + 1}`).join(', ');
            report(accept, 'waiver-duplicate', { id, other: where }, { node, property: 'evidence' });
        }
        if (node.approved && isBefore(asOf, node.approved)) {
            report(accept, 'waiver-not-yet-approved', { id, date: node.approved, asOf }, { node, property: 'approved' });
        }
        if (evidence && model.of(evidence)?.state === 'covered') {
            report(accept, 'waiver-not-needed', { id }, { node, property: 'evidence' });
        }
    };
}

function statusOf(target: ast.Evidenceable): string | undefined {
    if (ast.isGoverned(target)) {
        return effectiveStatus(target);
    }
    if (ast.isLearningOutcome(target)) {
        return effectiveStatus(target.$container);
    }
    return undefined;
}
