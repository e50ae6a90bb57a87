import * as ast from '../generated/ast.js';
import { minutesOf } from './durations.js';

/** One step of a module's running order, with when it starts (minutes from the start of the session). */
export interface TimedStep {
    step: ast.SessionStep;
    /** "Introduction", "Break", "Activity", "Content", "Plenary". */
    kind: string;
    title: string;
    minutes: number | undefined;
    /** Undefined once an earlier step has no duration: the times after it are unknown. */
    start: number | undefined;
}

const kindName = (step: ast.SessionStep): string =>
    ast.isInterlude(step) ? step.kind[0]!.toUpperCase() + step.kind.slice(1) : ast.isActivity(step) ? 'Activity' : 'Content';

/** The title a step is shown under: its own, or its kind's ("Break"). */
export function stepTitle(step: ast.SessionStep): string {
    return step.title ?? kindName(step);
}

/** A module's running order: its steps in the order written, each with its start time. */
export function runningOrder(module: ast.TrainingModule): TimedStep[] {
    let clock: number | undefined = 0;
    return module.steps.map(step => {
        const minutes = minutesOf(step.duration);
        const timed: TimedStep = { step, kind: kindName(step), title: stepTitle(step), minutes, start: clock };
        clock = clock === undefined || minutes === undefined ? undefined : clock + minutes;
        return timed;
    });
}

/** The minutes the running order adds up to, and the steps without a duration. */
export function runningOrderTotal(module: ast.TrainingModule): { minutes: number; untimed: ast.SessionStep[] } {
    let minutes = 0;
    const untimed: ast.SessionStep[] = [];
    for (const step of module.steps) {
        const m = minutesOf(step.duration);
        if (m === undefined) {
            untimed.push(step);
        } else {
            minutes += m;
        }
    }
    return { minutes, untimed };
}
