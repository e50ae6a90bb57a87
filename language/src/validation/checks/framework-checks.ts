import { shortened } from '../../wording.js';
import { MESSAGE_TEXT_WIDTH } from './coverage-loss-checks.js';
import type { ValidationAcceptor } from 'langium';
import type { WorkspaceFacts } from '../../coverage/workspace-facts.js';
import type { GdlSettings } from '../../gdl-settings.js';
import { report } from '../report.js';
import type * as ast from '../../generated/ast.js';
import { forcesShortText, isSatisfied, kindsText } from '../../coverage/coverage-words.js';
import { forceName } from '../../coverage/forces.js';
import { count } from '../../wording.js';

/** How many of the forces that fall short the framework's diagnostic names. */
const MAX_FORCES_NAMED = 10;

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

    /**
     * The workspace coverage, reported on the requirement itself in the framework document: for the one
     * force of the workspace, or, in a workspace of several, naming the forces that fall short.
     */
    evidenceShouldBeCovered = (node: ast.Evidence, accept: ValidationAcceptor): void => {
        const severity = this.settings.coverageSeverity;
        if (severity === 'off') {
            return;
        }
        const models = this.facts.judgedModels();
        const where = { node, property: 'name' as const, data: { evidence: node.name } };
        // Worked out only for a requirement reported (most are covered).
        const text = () => shortened(node.text ?? node.untexted ?? '', MESSAGE_TEXT_WIDTH);
        if (models.length > 1 || this.facts.workspaceCoverage().forces.declared) {
            const short = models
                .map(model => ({ model, coverage: model.of(node) }))
                .filter(({ coverage }) => coverage && !isSatisfied(coverage.state) && coverage.state !== 'for-others');
            if (short.length > 0) {
                const shown = forcesShortText(
                    short.map(({ model, coverage }) => ({ force: forceName(model.force), state: coverage!.state })),
                    MAX_FORCES_NAMED
                );
                const detail = ` for ${short.length} of ${count(models.length, 'force')} at the ${models[0]!.level} level: ${shown}`;
                report(accept, 'evidence-not-covered', { id: node.name, detail, text: text() }, where, severity);
            }
            return;
        }
        const coverage = models[0]?.of(node);
        if (!coverage) {
            return;
        }
        if (coverage.state === 'uncovered') {
            const pending = coverage.items.filter(i => !i.counts);
            const expired = coverage.waiver?.notCounted ? `; its waiver does not count (${coverage.waiver.notCounted})` : '';
            const level = models[0]!.level !== 'evidenced' || pending.length > 0 ? ` at the ${models[0]!.level} level` : '';
            const detail =
                level +
                (pending.length > 0
                    ? `; it is addressed only by ${pending.map(i => `${i.label} (${i.reason ?? 'not counted'})`).join(', ')}`
                    : '') +
                expired;
            report(accept, 'evidence-not-covered', { id: node.name, detail, text: text() }, where, severity);
        } else if (coverage.state === 'wrong-kind') {
            const actual = kindsText([...new Set(coverage.items.filter(i => i.counts).map(i => i.kind))]);
            report(accept, 'evidence-wrong-kind', { id: node.name, required: kindsText(coverage.required), actual }, where, severity);
        } else if (coverage.state === 'suspect') {
            const items = coverage.items
                .filter(i => i.suspect)
                .map(i => `${i.label}${i.since ? ` (${i.since})` : ''}`)
                .join(', ');
            report(accept, 'evidence-suspect', { id: node.name, revised: node.revised ?? '', items }, where, severity);
        }
    };
}
