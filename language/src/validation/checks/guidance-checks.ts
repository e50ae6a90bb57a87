import { type ValidationAcceptor } from 'langium';
import { rangeInToken, report, resolvedTargets } from '../report.js';
import { writtenDates } from '../source-dates.js';
import { nodesForProperty } from '../../assignments.js';
import { isBefore, isCalendarDate } from '../../dates.js';
import type { GdlSettings } from '../../gdl-settings.js';
import { effectiveStatus, inherited, publishedStatus } from '../../inheritance.js';
import * as ast from '../../generated/ast.js';

/** Checks on guidance documents and their sections, and the dates shared with training modules. */
export class GuidanceChecks {
    constructor(private readonly settings: GdlSettings) {}

    /** Review-by passed, review before approval, approval missing or in the future. */
    datesShouldBeCoherent = (node: ast.Governed, accept: ValidationAcceptor): void => {
        const what = governedLabel(node);
        const asOf = this.settings.effectiveAsOf();
        const id = node.name;
        // A date that is not a calendar date (2025-02-29) is GDL0005's to report; compared, it would be reported again
        // as if it were one ("before its approval date (2025-02-29)").
        const reviewBy = node.reviewBy && isCalendarDate(node.reviewBy) ? node.reviewBy : undefined;
        const approvedOn = node.approved && isCalendarDate(node.approved) ? node.approved : undefined;
        if (reviewBy && effectiveStatus(node) === 'approved' && isBefore(reviewBy, asOf)) {
            report(accept, 'review-date-passed', { what, id, date: reviewBy, asOf }, { node, property: 'reviewBy' });
        }
        if (reviewBy && approvedOn && isBefore(reviewBy, approvedOn)) {
            report(accept, 'review-before-approval', { what, id, reviewBy, approved: approvedOn }, { node, property: 'reviewBy' });
        }
        if (approvedOn && isBefore(asOf, approvedOn)) {
            report(accept, 'approval-in-future', { what, id, date: approvedOn, asOf }, { node, property: 'approved' });
        }
        if (node.status === 'approved') {
            const approved = approvalDate(node);
            const reviewBy = ast.isSection(node) ? inherited(node, n => n.reviewBy) : node.reviewBy;
            if (!approved) {
                report(accept, 'approved-without-date', { what, id }, { node, property: 'status' });
            }
            if (!reviewBy) {
                report(accept, 'approved-without-review-date', { what, id }, { node, property: 'status' });
            }
        }
    };

    /**
     * Approved material cannot rest on a source that did not exist when it was approved: a date its own `source`
     * lines state ("terms of reference (22 October 2025)") after its approval date (its own, or a section's
     * document's) is reported at that date. Drafts and withdrawn material are not checked.
     */
    sourcesShouldPredateApproval = (node: ast.Governed, accept: ValidationAcceptor): void => {
        const approved = approvalDate(node);
        if (node.sources.length === 0 || !approved || !isCalendarDate(approved) || publishedStatus(node) !== 'approved') {
            return;
        }
        // The node's own `source` strings, not its subsections'.
        for (const token of nodesForProperty(node.$cstNode, 'sources')) {
            for (const date of writtenDates(token.text)) {
                if (isBefore(approved, date.earliest)) {
                    report(
                        accept,
                        'source-after-approval',
                        { what: governedLabel(node), id: node.name, approved, date: date.text.replace(/\s+/g, ' ') },
                        { node, range: rangeInToken(token, date.start, date.end) }
                    );
                }
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

// What a message calls a governed item.
function governedLabel(node: ast.Governed): string {
    return ast.isSection(node) ? 'Section' : ast.isGuidance(node) ? 'Guidance' : 'Module';
}

// When the item was approved: its own date, or for a section the nearest enclosing section's or document's.
function approvalDate(node: ast.Governed): string | undefined {
    return ast.isSection(node) ? inherited(node, n => n.approved) : node.approved;
}
