import type { ValidationAcceptor } from 'langium';
import { Codes, message } from '../diagnostic-codes.js';
import * as ast from '../generated/ast.js';

const minutes = (d: ast.Duration | undefined): number =>
    d === undefined ? 0 : d.unit === 'hours' ? d.value * 60 : d.unit === 'days' ? d.value * 60 * 7.5 : d.value;

/** Checks on training modules, knowledge checks and course packs. */
export class TrainingChecks {
    outcomeShouldMapToCurriculum = (node: ast.LearningOutcome, accept: ValidationAcceptor): void => {
        if (node.maps.length === 0) {
            accept('warning', message('outcome-not-mapped', { id: node.name }), { node, property: 'name', code: Codes['outcome-not-mapped'].code });
        }
    };

    outcomeShouldBeAssessed = (node: ast.LearningOutcome, accept: ValidationAcceptor): void => {
        const module = node.$container;
        const assessed = module.checks.some(c => c.assesses.some(r => r.ref === node));
        if (!assessed) {
            accept('warning', message('outcome-not-assessed', { id: node.name }), { node, property: 'name', code: Codes['outcome-not-assessed'].code });
        }
    };

    checkMustBeAnswerable = (node: ast.KnowledgeCheck, accept: ValidationAcceptor): void => {
        if (!node.question) {
            accept('error', message('check-without-question', { id: node.name }), { node, property: 'name', code: Codes['check-without-question'].code });
        }
        if (!node.options.some(o => o.correct)) {
            accept('error', message('check-without-correct-answer', { id: node.name }), { node, property: 'name', code: Codes['check-without-correct-answer'].code });
        }
        if (node.options.length < 2) {
            accept('warning', message('check-too-few-options', { id: node.name }), { node, property: 'name', code: Codes['check-too-few-options'].code });
        }
        node.assesses.forEach((ref, index) => {
            const outcome = ref.ref;
            if (outcome && outcome.$container !== node.$container) {
                accept('error', message('check-assesses-other-module', { id: node.name, outcome: outcome.name, module: outcome.$container.name }),
                    { node, property: 'assesses', index, code: Codes['check-assesses-other-module'].code });
            }
        });
    };

    moduleShouldBeDeliverable = (node: ast.TrainingModule, accept: ValidationAcceptor): void => {
        if (node.outcomes.length === 0) {
            accept('warning', message('module-without-outcomes', { id: node.name }), { node, property: 'name', code: Codes['module-without-outcomes'].code });
        }
        const total = node.activities.reduce((sum, a) => sum + minutes(a.duration), 0);
        const duration = minutes(node.duration);
        if (node.duration && total > duration) {
            accept('warning', message('activities-exceed-duration', { id: node.name, total, duration }), { node, property: 'duration', code: Codes['activities-exceed-duration'].code });
        }
    };

    courseShouldMatchAudience = (node: ast.CoursePack, accept: ValidationAcceptor): void => {
        if (node.modules.length === 0) {
            accept('error', message('course-without-modules', { id: node.name }), { node, property: 'name', code: Codes['course-without-modules'].code });
        }
        const audiences = node.audiences.map(a => a.ref).filter(a => a !== undefined);
        if (audiences.length === 0) {
            return;
        }
        node.modules.forEach((ref, index) => {
            const module = ref.ref;
            if (module && module.audiences.length > 0 && !module.audiences.some(a => a.ref && audiences.includes(a.ref))) {
                accept('warning', message('course-audience-mismatch', { id: node.name, audience: audiences.map(a => a.name).join(', '), module: module.name }),
                    { node, property: 'modules', index, code: Codes['course-audience-mismatch'].code });
            }
        });
    };
}

