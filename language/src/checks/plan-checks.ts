import type { ValidationAcceptor } from 'langium';
import { Codes, message } from '../diagnostic-codes.js';
import { isBefore } from '../dates.js';
import type { WorkspaceFacts } from '../coverage-service.js';
import { missingWaiverFields } from '../coverage-model.js';
import type { GdlSettings } from '../gdl-settings.js';
import { effectiveStatus } from '../gdl-status.js';
import * as ast from '../generated/ast.js';

/** Checks on action plans: one consistent item per recommendation, deadlines, evidence links. */
export class PlanChecks {
    constructor(private readonly settings: GdlSettings) {}

    planMustAnswerFramework = (node: ast.ActionPlan, accept: ValidationAcceptor): void => {
        const framework = node.framework?.ref;
        if (!node.framework) {
            accept('error', message('plan-without-framework', { plan: node.name }), { node, property: 'name', code: Codes['plan-without-framework'].code });
        }
        const seen = new Map<string, ast.PlanItem>();
        for (const item of node.items) {
            const number = item.recommendation.$refText;
            if (seen.has(number)) {
                accept('error', message('plan-duplicate-item', { plan: node.name, id: number }), { node: item, property: 'recommendation', code: Codes['plan-duplicate-item'].code });
            }
            seen.set(number, item);
        }
        if (!framework) {
            return;
        }
        for (const recommendation of framework.recommendations) {
            if (!seen.has(String(recommendation.name))) {
                accept('warning', message('plan-missing-recommendation', { plan: node.name, id: recommendation.name, framework: framework.name }),
                    { node, property: 'name', code: Codes['plan-missing-recommendation'].code, data: { code: Codes['plan-missing-recommendation'].code, recommendation: recommendation.name } });
            }
        }
    };

    itemStatusMustMatchProgress = (node: ast.PlanItem, accept: ValidationAcceptor): void => {
        const id = node.recommendation.$refText;
        if (!node.status) {
            accept('warning', message('plan-without-status', { id }), { node, property: 'recommendation', code: Codes['plan-without-status'].code });
            return;
        }
        const progress = node.progress;
        if (progress === undefined) {
            return;
        }
        if (progress < 0 || progress > 100) {
            accept('error', message('progress-out-of-range', { progress }), { node, property: 'progress', code: Codes['progress-out-of-range'].code });
            return;
        }
        const consistent = node.status === 'not-started' ? progress === 0 : node.status === 'complete' ? progress === 100 : progress > 0 && progress < 100;
        if (!consistent) {
            accept('error', message('plan-status-percent-inconsistent', { id, status: node.status.replace('-', ' '), progress }), { node, property: 'progress', code: Codes['plan-status-percent-inconsistent'].code });
        }
    };

    itemShouldMeetDeadline = (node: ast.PlanItem, accept: ValidationAcceptor): void => {
        const recommendation = node.recommendation.ref;
        if (!recommendation || node.status === 'complete') {
            return;
        }
        const asOf = this.settings.effectiveAsOf();
        const passed = recommendation.deadlines.map(d => d.date).filter(date => isBefore(date, asOf)).sort();
        if (passed.length > 0) {
            const status = node.status ? node.status.replace('-', ' ') + (node.progress !== undefined && node.status === 'in-progress' ? ` (${node.progress}%)` : '') : 'without a status';
            accept('warning', message('plan-deadline-passed', { id: recommendation.name, deadline: passed[0]!, status, asOf }), { node, property: 'recommendation', code: Codes['plan-deadline-passed'].code });
        }
    };

    itemShouldBeDatedInThePast = (node: ast.PlanItem, accept: ValidationAcceptor): void => {
        const asOf = this.settings.effectiveAsOf();
        if (node.updated && isBefore(asOf, node.updated)) {
            accept('warning', message('plan-update-in-future', { id: node.recommendation.$refText, date: node.updated, asOf }), { node, property: 'updated', code: Codes['plan-update-in-future'].code });
        }
    };

    itemShouldStayInItsRecommendation = (node: ast.PlanItem, accept: ValidationAcceptor): void => {
        const recommendation = node.recommendation.ref;
        const planFramework = node.$container.framework?.ref;
        if (recommendation && planFramework && recommendation.$container !== planFramework) {
            accept('error', message('plan-recommendation-other-framework', { id: recommendation.name, framework: recommendation.$container.name, planFramework: planFramework.name }),
                { node, property: 'recommendation', code: Codes['plan-recommendation-other-framework'].code });
        }
        node.addresses.forEach((ref, index) => {
            const evidence = ref.ref;
            if (recommendation && evidence && evidence.$container !== recommendation) {
                accept('warning', message('plan-addresses-other-recommendation', { id: recommendation.name, evidence: evidence.name, other: evidence.$container.name }),
                    { node, property: 'addresses', index, code: Codes['plan-addresses-other-recommendation'].code });
            }
        });
    };

    /** A completed plan item rests its claim on its evidence links; those must be approved material. */
    completedItemMustCiteApproved = (node: ast.PlanItem, accept: ValidationAcceptor): void => {
        if (node.status !== 'complete') {
            return;
        }
        node.links.forEach((ref, index) => {
            const target = ref.ref;
            const status = target && statusOf(target);
            if (target && status && status !== 'approved') {
                accept('error', message('approved-cites-draft', { what: 'Completed plan item', id: node.recommendation.$refText, target: target.name, status }),
                    { node, property: 'links', index, code: Codes['approved-cites-draft'].code });
            }
        });
    };
}

const EXPIRY_WARNING_DAYS = 30;

/** Checks on waivers: complete, not expired, not about to expire unnoticed, not redundant. */
export class WaiverChecks {
    constructor(private readonly settings: GdlSettings, private readonly facts: WorkspaceFacts) {}

    waiverMustBeCompleteAndCurrent = (node: ast.Waiver, accept: ValidationAcceptor): void => {
        const id = node.evidence.$refText;
        const missing = missingWaiverFields(node);
        if (missing.length > 0) {
            accept('error', message('waiver-incomplete', { id, missing: missing.join(', ') }), { node, property: 'evidence', code: Codes['waiver-incomplete'].code });
        }
        const asOf = this.settings.effectiveAsOf();
        if (node.expires && isBefore(node.expires, asOf)) {
            accept('warning', message('waiver-expired', { id, date: node.expires, asOf }), { node, property: 'expires', code: Codes['waiver-expired'].code });
        } else if (node.expires) {
            const days = Math.round((Date.parse(node.expires) - Date.parse(asOf)) / 86400000);
            if (days <= EXPIRY_WARNING_DAYS) {
                accept('warning', message('waiver-expiring', { id, date: node.expires, when: days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days` }), { node, property: 'expires', code: Codes['waiver-expiring'].code });
            }
        }
        const evidence = node.evidence.ref;
        const others = (evidence ? this.facts.coverageModel().of(evidence)?.waivers ?? [] : []).filter(w => w.node !== node);
        if (others.length > 0) {
            const where = others.map(w => `${w.uri.split('/').pop()}:${w.line + 1}`).join(', ');
            accept('warning', message('waiver-duplicate', { id, other: where }), { node, property: 'evidence', code: Codes['waiver-duplicate'].code });
        }
        if (node.approved && isBefore(asOf, node.approved)) {
            accept('warning', message('waiver-not-yet-approved', { id, date: node.approved, asOf }), { node, property: 'approved', code: Codes['waiver-not-yet-approved'].code });
        }
        if (evidence && this.facts.coverageModel().of(evidence)?.state === 'covered') {
            accept('info', message('waiver-not-needed', { id }), { node, property: 'evidence', code: Codes['waiver-not-needed'].code });
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
