import type { ValidationAcceptor } from 'langium';
import { report, resolvedTargets, targetsOutside } from '../report.js';
import type * as ast from '../../generated/ast.js';
import { answerBalance, isSkewed } from '../../training/answer-balance.js';
import { DEFAULT_PASS_MARK, questionKind, questionOptions, quizQuestion } from '../../training/quiz.js';

/** Checks on a module's assessment: its knowledge checks by kind, its pools, its pass mark and the balance of its answers. */
export class AssessmentChecks {
    checkMustBeAnswerable = (node: ast.KnowledgeCheck, accept: ValidationAcceptor): void => {
        const kind = questionKind(node);
        if (!node.question) {
            report(accept, 'check-without-question', { id: node.name }, { node, property: 'name' });
        }
        if (kind === 'true-false') {
            // A true/false question's options are always True and False: what it needs is its `answer`.
            if (node.answer === undefined) {
                report(accept, 'true-false-without-answer', { id: node.name }, { node, property: 'name' });
            }
            if (node.options.length > 0) {
                report(accept, 'true-false-with-options', { id: node.name }, { node, property: 'options', index: 0 });
            }
        } else {
            this.optionsMustBeMarkable(node, kind, accept);
        }
        for (const [outcome, index] of targetsOutside(node.assesses, node.$container)) {
            const args = { id: node.name, outcome: outcome.name, module: outcome.$container.name };
            report(accept, 'check-assesses-other-module', args, { node, property: 'assesses', index });
        }
    };

    private optionsMustBeMarkable(node: ast.KnowledgeCheck, kind: 'single-answer' | 'multiple-answer', accept: ValidationAcceptor): void {
        const options = questionOptions(node);
        const correct = options.filter(o => o.correct).length;
        if (correct === 0) {
            report(accept, 'check-without-correct-answer', { id: node.name }, { node, property: 'name' });
        }
        if (options.length < 2) {
            report(accept, 'check-too-few-options', { id: node.name }, { node, property: 'name' });
        }
        if (kind === 'single-answer' && correct > 1) {
            const second = node.options.filter(o => o.correct)[1]!;
            report(accept, 'single-answer-several-correct', { id: node.name, count: correct }, { node: second, property: 'correct' });
        }
        if (kind === 'multiple-answer' && options.length >= 2 && correct === options.length) {
            report(accept, 'multiple-answer-all-correct', { id: node.name }, { node, property: 'name' });
        }
        if (node.answer !== undefined) {
            report(accept, 'answer-on-option-question', { id: node.name, kind }, { node, property: 'answer' });
        }
    }

    poolMustBeDrawable = (node: ast.QuestionPool, accept: ValidationAcceptor): void => {
        const module = node.$container;
        const held = new Set(resolvedTargets(node.checks).map(([check]) => check));
        if (node.draw === 0) {
            report(accept, 'pool-draws-none', { id: node.name }, { node, property: 'draw' });
        } else if (node.draw > held.size && node.checks.every(c => c.ref)) {
            // With an unresolved reference the count is unknown; the reference has its own error.
            report(accept, 'pool-draws-too-many', { id: node.name, draw: node.draw, count: held.size }, { node, property: 'draw' });
        }
        for (const [check, index] of targetsOutside(node.checks, module)) {
            report(
                accept,
                'pool-check-other-module',
                { id: node.name, check: check.name, module: check.$container.name },
                {
                    node,
                    property: 'checks',
                    index
                }
            );
        }
        const earlier = module.pools.slice(0, module.pools.indexOf(node));
        for (const [check, index] of resolvedTargets(node.checks)) {
            const first = earlier.find(p => p.checks.some(c => c.ref === check));
            if (first) {
                report(
                    accept,
                    'check-in-two-pools',
                    { id: node.name, check: check.name, first: first.name },
                    { node, property: 'checks', index }
                );
            }
        }
    };

    passMarkShouldBeSet = (node: ast.TrainingModule, accept: ValidationAcceptor): void => {
        if (node.passMark === undefined) {
            if (node.checks.length > 0) {
                report(accept, 'pass-mark-missing', { id: node.name, default: DEFAULT_PASS_MARK }, { node, property: 'name' });
            }
        } else if (node.passMark < 1 || node.passMark > 100) {
            report(accept, 'pass-mark-out-of-range', { id: node.name, mark: node.passMark }, { node, property: 'passMark' });
        }
    };

    /** A learner must not pass by picking the same position, or the longest option, every time. */
    answersShouldBeBalanced = (node: ast.TrainingModule, accept: ValidationAcceptor): void => {
        const balance = answerBalance(node.checks.map(quizQuestion));
        if (balance.commonest && isSkewed(balance.commonest.count, balance)) {
            const args = { id: node.name, ...balance.commonest, counted: balance.counted };
            report(accept, 'answers-same-position', args, { node, property: 'name' });
        }
        if (isSkewed(balance.longest, balance)) {
            report(
                accept,
                'answers-longest',
                { id: node.name, count: balance.longest, counted: balance.counted },
                { node, property: 'name' }
            );
        }
    };
}
