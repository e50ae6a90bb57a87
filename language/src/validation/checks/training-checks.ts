import type { ValidationAcceptor } from 'langium';
import type { CodeName } from '../diagnostic-codes.js';
import { report, resolvedTargets, targetsOutside } from '../report.js';
import type { WorkspaceFiles } from '../workspace-file.js';
import * as ast from '../../generated/ast.js';
import { durationText, minutesOf } from '../../training/durations.js';
import { runningOrderTotal } from '../../training/running-order.js';

/** A step as a message names it: "Activity 'FR1-A2'", "Content 'Why it matters'", "The break". */
function stepLabel(step: ast.SessionStep): string {
    if (ast.isActivity(step)) {
        return `Activity '${step.name}'`;
    }
    if (ast.isContent(step)) {
        return `Content '${step.title}'`;
    }
    const kind = step.kind[0]!.toUpperCase() + step.kind.slice(1);
    return step.title ? `${kind} '${step.title}'` : `The ${step.kind}`;
}

/** Reports a problem with a step as a whole at its name, its title, or the keyword of a break. */
function reportOnStep(accept: ValidationAcceptor, name: CodeName, args: Record<string, string>, step: ast.SessionStep): void {
    if (ast.isActivity(step)) {
        report(accept, name, args, { node: step, property: 'name' });
    } else if (ast.isContent(step)) {
        report(accept, name, args, { node: step, property: 'title' });
    } else {
        report(accept, name, args, { node: step, property: 'kind' });
    }
}

/** Checks on training modules, their running order, outcomes and handouts, and on course packs. */
export class TrainingChecks {
    constructor(private readonly workspaceFiles: WorkspaceFiles) {}

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

    /** In a module with activities, every outcome is practised by one (a module of content alone, e-learning say, asks for none). */
    outcomeShouldBePractised = (node: ast.LearningOutcome, accept: ValidationAcceptor): void => {
        const module = node.$container;
        const activities = module.steps.filter(ast.isActivity);
        if (activities.length > 0 && !activities.some(a => a.supports.some(r => r.ref === node))) {
            report(accept, 'outcome-not-supported', { id: node.name, module: module.name }, { node, property: 'name' });
        }
    };

    moduleShouldBeDeliverable = (node: ast.TrainingModule, accept: ValidationAcceptor): void => {
        if (node.outcomes.length === 0) {
            report(accept, 'module-without-outcomes', { id: node.name }, { node, property: 'name' });
        }
    };

    /**
     * The running order adds up to the module's duration. While a step is untimed the total is only a
     * lower bound: then only an overrun is certain (the untimed step has its own warning).
     */
    runningOrderShouldFitDuration = (node: ast.TrainingModule, accept: ValidationAcceptor): void => {
        const duration = minutesOf(node.duration);
        if (duration === undefined || node.steps.length === 0) {
            return;
        }
        const { minutes, untimed } = runningOrderTotal(node);
        for (const step of untimed) {
            reportOnStep(accept, 'step-without-duration', { step: stepLabel(step), id: node.name }, step);
        }
        if (minutes > duration || (minutes < duration && untimed.length === 0)) {
            const args = {
                id: node.name,
                total: durationText(minutes),
                difference: durationText(Math.abs(minutes - duration)),
                comparison: minutes > duration ? 'more than' : 'less than',
                duration: durationText(duration)
            };
            report(accept, 'running-order-mismatch', args, { node, property: 'duration' });
        }
    };

    activityShouldSupportOutcome = (node: ast.Activity, accept: ValidationAcceptor): void => {
        if (node.supports.length === 0) {
            report(accept, 'activity-supports-nothing', { id: node.name }, { node, property: 'name' });
        }
    };

    /** A step hands out its own module's handouts: another module's are not copied into this module's pack. */
    stepShouldUseOwnHandouts = (node: ast.Content | ast.Activity, accept: ValidationAcceptor): void => {
        for (const [handout, index] of targetsOutside(node.uses, node.$container)) {
            const args = { step: stepLabel(node), id: node.$container.name, handout: handout.name, module: handout.$container.name };
            report(accept, 'step-uses-other-module-handout', args, { node, property: 'uses', index });
        }
    };

    handoutShouldBeOnFile = (node: ast.Handout, accept: ValidationAcceptor): void => {
        if (node.file === undefined) {
            report(accept, 'handout-without-file', { id: node.name }, { node, property: 'name' });
        } else {
            const found = this.workspaceFiles.problem(node, node.file);
            if (found?.outside) {
                report(accept, 'handout-outside-workspace', { id: node.name, file: node.file }, { node, property: 'file' });
            } else if (found) {
                report(
                    accept,
                    'handout-file-missing',
                    { id: node.name, file: node.file, problem: found.problem },
                    { node, property: 'file' }
                );
            }
        }
    };

    /** The trainer edition lists a handout at the step that uses it. */
    handoutShouldBeUsed = (node: ast.Handout, accept: ValidationAcceptor): void => {
        const module = node.$container;
        const used = module.steps.some(s => !ast.isInterlude(s) && s.uses.some(u => u.ref === node));
        if (!used) {
            report(accept, 'handout-not-used', { id: node.name, module: module.name }, { node, property: 'name' });
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
