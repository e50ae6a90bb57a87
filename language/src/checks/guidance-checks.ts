import type { ValidationAcceptor } from 'langium';
import { Codes, message } from '../diagnostic-codes.js';
import { isBefore } from '../dates.js';
import type { GdlSettings } from '../gdl-settings.js';
import { effectiveStatus, inherited } from '../gdl-status.js';
import * as ast from '../generated/ast.js';

/** Checks on guidance documents and their sections, and the dates shared with training modules. */
export class GuidanceChecks {
    constructor(private readonly settings: GdlSettings) {}

    /** Review-by passed, review before approval, approval missing or in the future. */
    datesShouldBeCoherent = (node: ast.Governed, accept: ValidationAcceptor): void => {
        const what = ast.isSection(node) ? 'Section' : ast.isGuidance(node) ? 'Guidance' : 'Module';
        const asOf = this.settings.effectiveAsOf();
        const id = node.name;
        if (node.reviewBy && effectiveStatus(node) === 'approved' && isBefore(node.reviewBy, asOf)) {
            accept('warning', message('review-date-passed', { what, id, date: node.reviewBy, asOf }), { node, property: 'reviewBy', code: Codes['review-date-passed'].code });
        }
        if (node.reviewBy && node.approved && isBefore(node.reviewBy, node.approved)) {
            accept('error', message('review-before-approval', { what, id, reviewBy: node.reviewBy, approved: node.approved }), { node, property: 'reviewBy', code: Codes['review-before-approval'].code });
        }
        if (node.approved && isBefore(asOf, node.approved)) {
            accept('warning', message('approval-in-future', { what, id, date: node.approved, asOf }), { node, property: 'approved', code: Codes['approval-in-future'].code });
        }
        if (node.status === 'approved') {
            const approved = ast.isSection(node) ? inherited(node, n => n.approved) : node.approved;
            const reviewBy = ast.isSection(node) ? inherited(node, n => n.reviewBy) : node.reviewBy;
            if (!approved) {
                accept('warning', message('approved-without-date', { what, id }), { node, property: 'status', code: Codes['approved-without-date'].code });
            }
            if (!reviewBy) {
                accept('warning', message('approved-without-review-date', { what, id }), { node, property: 'status', code: Codes['approved-without-review-date'].code });
            }
        }
    };

    /** An approved section must not send readers to a draft or withdrawn section. */
    approvedSectionMustNotCiteDraft = (node: ast.Section, accept: ValidationAcceptor): void => {
        if (effectiveStatus(node) !== 'approved') {
            return;
        }
        node.see.forEach((ref, index) => {
            const target = ref.ref;
            if (target && effectiveStatus(target) !== 'approved') {
                accept('error', message('approved-cites-draft', { what: 'Approved section', id: node.name, target: target.name, status: effectiveStatus(target) }),
                    { node, property: 'see', index, code: Codes['approved-cites-draft'].code });
            }
            if (target === node) {
                accept('warning', message('section-sees-itself', { id: node.name }), { node, property: 'see', index, code: Codes['section-sees-itself'].code });
            }
        });
    };

    sectionShouldHaveOwner = (node: ast.Section, accept: ValidationAcceptor): void => {
        if (!inherited(node, n => n.owner)) {
            accept('warning', message('section-without-owner', { id: node.name }), { node, property: 'name', code: Codes['section-without-owner'].code });
        }
    };

    sectionShouldHaveAudience = (node: ast.Section, accept: ValidationAcceptor): void => {
        if (!inherited(node, n => n.audiences)) {
            accept('info', message('section-without-audience', { id: node.name }), { node, property: 'name', code: Codes['section-without-audience'].code });
        }
    };

    sectionShouldHaveContent = (node: ast.Section, accept: ValidationAcceptor): void => {
        if (node.prose.length === 0 && node.sections.length === 0) {
            accept('warning', message('section-without-content', { id: node.name }), { node, property: 'name', code: Codes['section-without-content'].code });
        }
    };
}
