import type { RootContent } from 'mdast';
import * as ast from '../generated/ast.js';
import { clockText, durationText, minutesOf } from '../training/durations.js';
import { runningOrder, runningOrderTotal, type TimedStep } from '../training/running-order.js';
import type { Edition, EditionHandout } from './course-handouts.js';
import { stepHandouts } from './course-resources.js';
import { heading, paragraph, later, strong, table } from './mdast-helpers.js';
import { append } from '../arrays.js';

const supports = (step: ast.SessionStep) => (ast.isActivity(step) ? step.supports.map(s => s.$refText).join(', ') : '');

/**
 * The trainer's running order: every step in the order written with its start time (from 0:00), its
 * duration and, for an activity, the outcomes it supports; a closing "End" row at the total. Below, how
 * the total compares with the module's duration (the check reports a difference; the trainer sees it too).
 */
export function runningOrderTable(module: ast.TrainingModule): RootContent[] {
    const steps = runningOrder(module);
    if (steps.length === 0) {
        return [];
    }
    const total = runningOrderTotal(module);
    const end = total.untimed.length === 0 ? clockText(total.minutes) : '–';
    const rows = steps.map(s => [
        s.start === undefined ? '–' : clockText(s.start),
        s.title,
        s.kind,
        durationText(s.minutes),
        supports(s.step) || '–'
    ]);
    const out: RootContent[] = [
        heading(3, 'Running order'),
        table(['Start', 'Step', 'Type', 'Duration', 'Supports'], [...rows, [end, 'End', '', '', '']])
    ];
    const stated = minutesOf(module.duration);
    if (total.untimed.length > 0) {
        const n = total.untimed.length;
        out.push(
            paragraph(
                n === 1
                    ? '1 step has no duration, so the times after it are not known.'
                    : `${n} steps have no duration, so the times after the first of them are not known.`
            )
        );
    } else if (stated !== undefined && stated !== total.minutes) {
        out.push(
            paragraph(`The running order adds up to ${durationText(total.minutes)}; the module's duration is ${durationText(stated)}.`)
        );
    }
    return out;
}

/** What an edition prints of the running order's steps, in the order written. */
export interface StepOptions {
    edition: Edition;
    content: boolean;
    activities: boolean;
    timings: boolean;
    trainerNotes: boolean;
    handouts: EditionHandout[];
}

/**
 * The steps of the session in the order written, content, activities and interludes together. A
 * learner edition (no timings) leaves out breaks, and an introduction or plenary with nothing to read:
 * studied alone or on a learning platform they have nothing to teach, and no clock to keep.
 */
export function sessionSteps(course: ast.CoursePack, module: ast.TrainingModule, options: StepOptions): RootContent[] {
    return runningOrder(module).flatMap(timed => {
        const step = timed.step;
        const shown = ast.isActivity(step)
            ? options.activities
            : options.content && (!ast.isInterlude(step) || options.timings || (step.kind !== 'break' && step.body.length > 0));
        return shown ? stepBlock(course, timed, options) : [];
    });
}

function stepBlock(course: ast.CoursePack, timed: TimedStep, options: StepOptions): RootContent[] {
    const step = timed.step;
    const out: RootContent[] = [heading(3, timed.title, ast.isActivity(step) ? step.name : undefined)];
    if (options.timings) {
        const start = timed.start === undefined ? 'start not known' : `starts ${clockText(timed.start)}`;
        const when = `${start}, ${timed.minutes === undefined ? 'no duration given' : durationText(timed.minutes)}`;
        const what = supports(step);
        out.push(paragraph(strong(`${timed.kind}:`), ` ${when}${what ? `; supports ${what}` : ''}.`));
    } else if (ast.isActivity(step)) {
        out.push(paragraph(strong('Activity')));
    }
    step.body.forEach(b => append(out, later(b, 3)));
    append(out, stepHandouts(course, options.edition, step, options.handouts));
    if (options.trainerNotes && step.trainerNotes) {
        out.push(paragraph(strong('Trainer notes:'), ' ' + step.trainerNotes));
    }
    return out;
}
