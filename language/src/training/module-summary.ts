import type * as ast from '../generated/ast.js';
import { clockText, durationText, minutesOf } from './durations.js';
import { moduleQuiz } from './quiz.js';
import { runningOrder, runningOrderTotal } from './running-order.js';

/** "running order 3 hours 45 minutes of 4 hours (1 step untimed)", or "running order 4 hours, as planned". */
export function runningOrderLine(module: ast.TrainingModule): string {
    if (module.steps.length === 0) {
        return 'no running order';
    }
    const { minutes, untimed } = runningOrderTotal(module);
    const planned = minutesOf(module.duration);
    const untimedText = untimed.length > 0 ? ` (${untimed.length} step${untimed.length === 1 ? '' : 's'} untimed)` : '';
    if (planned === undefined) {
        return `running order ${durationText(minutes)}${untimedText}, no module duration`;
    }
    return minutes === planned && untimed.length === 0
        ? `running order ${durationText(minutes)}, as planned`
        : `running order ${durationText(minutes)} of ${durationText(planned)}${untimedText}`;
}

/** "10 questions, 8 asked at each attempt, pass mark 80%", or "no knowledge checks". */
export function assessmentLine(module: ast.TrainingModule): string {
    const quiz = moduleQuiz(module);
    const total = quiz.sections.reduce((n, s) => n + s.questions.length, 0);
    if (total === 0) {
        return 'no knowledge checks';
    }
    const asked = quiz.asked === total ? '' : `, ${quiz.asked} asked at each attempt`;
    return `${total} question${total === 1 ? '' : 's'}${asked}, pass mark ${quiz.passMark}%${quiz.passMarkStated ? '' : ' (the default)'}`;
}

/** The running order as a Markdown table for a hover: start, step, duration. */
export function runningOrderTable(module: ast.TrainingModule): string {
    const rows = runningOrder(module).map(
        s =>
            `| ${s.start === undefined ? '?' : clockText(s.start)} | ${s.kind}: ${s.title.replace(/\|/g, '\\|')} | ${durationText(s.minutes)} |`
    );
    return ['| Start | Step | Duration |', '|---|---|---|', ...rows].join('\n');
}
