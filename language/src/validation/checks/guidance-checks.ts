import type { ValidationAcceptor } from 'langium';
import { report, resolvedTargets } from '../report.js';
import { isBefore } from '../../dates.js';
import type { GdlSettings } from '../../gdl-settings.js';
import { effectiveStatus, inherited } from '../../inheritance.js';
import * as ast from '../../generated/ast.js';

/** Checks on guidance documents and their sections, and the dates shared with training modules. */
export class GuidanceChecks {
    constructor(private readonly settings: GdlSettings) {}

    /** Review-by passed, review before approval, approval missing or in the future. */
    datesShouldBeCoherent = (node: ast.Governed, accept: ValidationAcceptor): void => {
        const what = ast.isSection(node) ? 'Section' : ast.isGuidance(node) ? 'Guidance' : 'Module';
        const asOf = this.settings.effectiveAsOf();
        const id = node.name;
        if (node.reviewBy && effectiveStatus(node) === 'approved' && isBefore(node.reviewBy, asOf)) {
            report(accept, 'review-date-passed', { what, id, date: node.reviewBy, asOf }, { node, property: 'reviewBy' });
        }
        if (node.reviewBy && node.approved && isBefore(node.reviewBy, node.approved)) {
            report(
                accept,
                'review-before-approval',
                { what, id, reviewBy: node.reviewBy, approved: node.approved },
                { node, property: 'reviewBy' }
            );
        }
        if (node.approved && isBefore(asOf, node.approved)) {
            report(accept, 'approval-in-future', { what, id, date: node.approved, asOf }, { node, property: 'approved' });
        }
        if (node.status === 'approved') {
            const approved = ast.isSection(node) ? inherited(node, n => n.approved) : node.approved;
            const reviewBy = ast.isSection(node) ? inherited(node, n => n.reviewBy) : node.reviewBy;
            if (!approved) {
                report(accept, 'approved-without-date', { what, id }, { node, property: 'status' });
            }
            if (!reviewBy) {
                report(accept, 'approved-without-review-date', { what, id }, { node, property: 'status' });
            }
        }
    };

    /** An approved section must not send readers to a draft or withdrawn section. */
    approvedSectionMustNotCiteDraft = (node: ast.Section, accept: ValidationAcceptor): void => {
        if (effectiveStatus(node) !== 'approved') {
            return;
        }
        for (const [target, index] of resolvedTargets(node.see)) {
            if (effectiveStatus(target) !== 'approved') {
                report(
                    accept,
                    'approved-cites-draft',
                    { what: 'Approved section', id: node.name, target: target.name, status: effectiveStatus(target) },
                    { node, property: 'see', index }
                );
            }
            if (target === node) {
                report(accept, 'section-sees-itself', { id: node.name }, { node, property: 'see', index });
            }
        }
    };

    sectionShouldHaveOwner = (node: ast.Section, accept: ValidationAcceptor): void => {
        if (!inherited(node, n => n.owner)) {
            report(accept, 'section-without-owner', { id: node.name }, { node, property: 'name' });
        }
    };

    sectionShouldHaveAudience = (node: ast.Section, accept: ValidationAcceptor): void => {
        if (!inherited(node, n => n.audiences)) {
            report(accept, 'section-without-audience', { id: node.name }, { node, property: 'name' });
        }
    };

    sectionShouldHaveContent = (node: ast.Section, accept: ValidationAcceptor): void => {
        if (node.prose.length === 0 && node.sections.length === 0) {
            report(accept, 'section-without-content', { id: node.name }, { node, property: 'name' });
        }
    };
}
