import type { ValidationAcceptor } from 'langium';
import type { WorkspaceFacts } from '../coverage-service.js';
import type { GdlSettings } from '../gdl-settings.js';
import { Codes, message } from '../diagnostic-codes.js';
import type * as ast from '../generated/ast.js';

/** Checks on the framework: quoted text present, numbering consistent, every requirement covered. */
export class FrameworkChecks {
    constructor(private readonly facts: WorkspaceFacts, private readonly settings: GdlSettings) {}

    recommendationMustHaveText = (node: ast.Recommendation, accept: ValidationAcceptor): void => {
        if (!node.text) {
            accept('error', message('recommendation-without-text', { id: node.name }), { node, property: 'name', code: Codes['recommendation-without-text'].code });
        }
    };

    recommendationShouldHaveDeadline = (node: ast.Recommendation, accept: ValidationAcceptor): void => {
        if (node.deadlines.length === 0) {
            accept('warning', message('recommendation-without-deadline', { id: node.name }), { node, property: 'name', code: Codes['recommendation-without-deadline'].code });
        }
    };

    evidenceMustHaveTextOrReason = (node: ast.Evidence, accept: ValidationAcceptor): void => {
        if (node.text === undefined && node.untexted === undefined) {
            accept('error', message('evidence-without-text', { id: node.name }), { node, property: 'name', code: Codes['evidence-without-text'].code });
        }
    };

    evidenceShouldFollowNumbering = (node: ast.Evidence, accept: ValidationAcceptor): void => {
        const expected = node.name.split('.')[0]!;
        if (expected !== String(node.$container.name)) {
            accept('warning', message('evidence-outside-recommendation', { id: node.name, recommendation: node.$container.name, expected }),
                { node, property: 'name', code: Codes['evidence-outside-recommendation'].code });
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
            const detail = (pending.length > 0
                ? `; it is addressed only by ${pending.map(i => `${i.label} (${i.reason ?? 'not counted'})`).join(', ')}`
                : '') + expired;
            accept(severity, message('evidence-not-covered', { id: node.name, detail }),
                { node, property: 'name', code: Codes['evidence-not-covered'].code, data: { code: Codes['evidence-not-covered'].code, evidence: node.name } });
        } else if (coverage.state === 'wrong-kind') {
            const actual = [...new Set(coverage.items.filter(i => i.counts).map(i => i.kind))].join(' and ');
            accept(severity, message('evidence-wrong-kind', { id: node.name, required: coverage.required.join(' and '), actual }),
                { node, property: 'name', code: Codes['evidence-wrong-kind'].code, data: { code: Codes['evidence-wrong-kind'].code, evidence: node.name } });
        }
    };
}
