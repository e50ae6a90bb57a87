import type { ValidationAcceptor } from 'langium';
import { report, resolvedTargets, targetsOutside } from '../report.js';
import * as ast from '../../generated/ast.js';
import { minutesOf } from '../../training/durations.js';
import { questionOptions } from '../../training/quiz.js';

/** Checks on training modules, knowledge checks and course packs. */
export class TrainingChecks {
    outcomeShouldMapToCurriculum = (node: ast.LearningOutcome, accept: ValidationAcceptor): void => {
        if (node.maps.length === 0) {
            report(accept, 'outcome-not-mapped', { id: node.name }, { node, property: 'name' });
        }
    };

    outcomeShouldBeAssessed = (node: ast.LearningOutcome, accept: ValidationAcceptor): void => {
        const module = node.$container;
        const assessed = module.checks.some(c => c.assesses.some(r => r.ref === node));
        if (!assessed) {
            report(accept, 'outcome-not-assessed', { id: node.name }, { node, property: 'name' });
        }
    };

    checkMustBeAnswerable = (node: ast.KnowledgeCheck, accept: ValidationAcceptor): void => {
        if (!node.question) {
            report(accept, 'check-without-question', { id: node.name }, { node, property: 'name' });
        }
        // A true/false question's options are True and False, its answer the one marked (quiz.ts).
        const options = questionOptions(node);
        if (!options.some(o => o.correct)) {
            report(accept, 'check-without-correct-answer', { id: node.name }, { node, property: 'name' });
        }
        if (options.length < 2) {
            report(accept, 'check-too-few-options', { id: node.name }, { node, property: 'name' });
        }
        for (const [outcome, index] of targetsOutside(node.assesses, node.$container)) {
            const args = { id: node.name, outcome: outcome.name, module: outcome.$container.name };
            report(accept, 'check-assesses-other-module', args, { node, property: 'assesses', index });
        }
    };

    moduleShouldBeDeliverable = (node: ast.TrainingModule, accept: ValidationAcceptor): void => {
        if (node.outcomes.length === 0) {
            report(accept, 'module-without-outcomes', { id: node.name }, { node, property: 'name' });
        }
        const total = node.steps.filter(ast.isActivity).reduce((sum, a) => sum + (minutesOf(a.duration) ?? 0), 0);
        const duration = minutesOf(node.duration) ?? 0;
        if (node.duration && total > duration) {
            report(accept, 'activities-exceed-duration', { id: node.name, total, duration }, { node, property: 'duration' });
        }
    };

    courseShouldMatchAudience = (node: ast.CoursePack, accept: ValidationAcceptor): void => {
        if (node.modules.length === 0) {
            report(accept, 'course-without-modules', { id: node.name }, { node, property: 'name' });
        }
        const audiences = node.audiences.map(a => a.ref).filter(a => a !== undefined);
        if (audiences.length === 0) {
            return;
        }
        for (const [module, index] of resolvedTargets(node.modules)) {
            if (module.audiences.length > 0 && !module.audiences.some(a => a.ref && audiences.includes(a.ref))) {
                report(
                    accept,
                    'course-audience-mismatch',
                    { id: node.name, audience: audiences.map(a => a.name).join(', '), module: module.name },
                    { node, property: 'modules', index }
                );
            }
        }
    };
}
