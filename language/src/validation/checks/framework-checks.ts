import type { ValidationAcceptor } from 'langium';
import type { WorkspaceFacts } from '../../coverage/workspace-facts.js';
import type { GdlSettings } from '../../gdl-settings.js';
import { report } from '../report.js';
import type * as ast from '../../generated/ast.js';
import { kindsText } from '../../coverage/coverage-words.js';

/** Checks on the framework: quoted text present, numbering consistent, every requirement covered. */
export class FrameworkChecks {
    constructor(
        private readonly facts: WorkspaceFacts,
        private readonly settings: GdlSettings
    ) {}

    recommendationMustHaveText = (node: ast.Recommendation, accept: ValidationAcceptor): void => {
        if (!node.text) {
            report(accept, 'recommendation-without-text', { id: node.name }, { node, property: 'name' });
        }
    };

    recommendationShouldHaveDeadline = (node: ast.Recommendation, accept: ValidationAcceptor): void => {
        if (node.deadlines.length === 0) {
            report(accept, 'recommendation-without-deadline', { id: node.name }, { node, property: 'name' });
        }
    };

    evidenceMustHaveTextOrReason = (node: ast.Evidence, accept: ValidationAcceptor): void => {
        if (node.text === undefined && node.untexted === undefined) {
            report(accept, 'evidence-without-text', { id: node.name }, { node, property: 'name' });
        }
    };

    evidenceShouldFollowNumbering = (node: ast.Evidence, accept: ValidationAcceptor): void => {
        const expected = node.name.split('.')[0]!;
        if (expected !== String(node.$container.name)) {
            report(
                accept,
                'evidence-outside-recommendation',
                { id: node.name, recommendation: node.$container.name, expected },
                { node, property: 'name' }
            );
        }
    };

    /** The workspace coverage, reported on the requirement itself in the framework document. */
    evidenceShouldBeCovered = (node: ast.Evidence, accept: ValidationAcceptor): void => {
        const coverage = this.facts.coverageModel().of(node);
        const severity = this.settings.coverageSeverity;
        if (!coverage || severity === 'off') {
            return;
        }
        if (coverage.state === 'uncovered') {
            const pending = coverage.items.filter(i => !i.counts);
            const expired = coverage.waiver?.notCounted ? `; its waiver does not count (${coverage.waiver.notCounted})` : '';
            const detail =
                (pending.length > 0
                    ? `; it is addressed only by ${pending.map(i => `${i.label} (${i.reason ?? 'not counted'})`).join(', ')}`
                    : '') + expired;
            report(
                accept,
                'evidence-not-covered',
                { id: node.name, detail },
                { node, property: 'name', data: { evidence: node.name } },
                severity
            );
        } else if (coverage.state === 'wrong-kind') {
            const actual = kindsText([...new Set(coverage.items.filter(i => i.counts).map(i => i.kind))]);
            report(
                accept,
                'evidence-wrong-kind',
                { id: node.name, required: kindsText(coverage.required), actual },
                { node, property: 'name', data: { evidence: node.name } },
                severity
            );
        }
    };
}
