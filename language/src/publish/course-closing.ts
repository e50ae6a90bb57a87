import type { RootContent } from 'mdast';
import type * as ast from '../generated/ast.js';
import { hoursText, minutesOf } from '../training/durations.js';
import { heading, list, paragraph, strong, table } from './mdast-helpers.js';

/** The reaction questions of the evaluation form: out-templates/site.json's "evaluation", which a force edits without code. */
export interface EvaluationForm {
    /** The rating scale, lowest first: one column each. */
    scale: string[];
    /** Statements rated on the scale. */
    questions: string[];
    /** Questions answered in words. */
    comments: string[];
}

/** The evaluation form that closes a trainer pack: a rating table and open questions, to copy for each learner. */
export function evaluationForm(course: ast.CoursePack, form: EvaluationForm): RootContent[] {
    return [
        heading(2, 'Evaluation form', 'evaluation-form'),
        paragraph(`For each learner to complete at the end of ${course.title}. Tick one box for each statement.`),
        table(
            ['Statement', ...form.scale],
            form.questions.map(q => [q, ...form.scale.map(() => '')])
        ),
        ...(form.comments.length > 0
            ? [
                  table(
                      ['Question', 'Your answer'],
                      form.comments.map(q => [q, ''])
                  )
              ]
            : [])
    ];
}

/** The CPD record sheet that closes a trainer pack: one per module, for the learner's professional development record. */
export function cpdRecord(course: ast.CoursePack, modules: readonly ast.TrainingModule[]): RootContent[] {
    const out: RootContent[] = [
        heading(2, 'CPD record', 'cpd-record'),
        paragraph('For each learner to keep in their continuing professional development record, one sheet per module.')
    ];
    for (const module of modules) {
        const minutes = minutesOf(module.duration);
        out.push(
            heading(3, `CPD record: ${module.name}`),
            table(
                ['Record', 'Entry'],
                [
                    ['Course', course.title],
                    ['Module', `${module.name}: ${module.title}`],
                    ['Date attended', ''],
                    ['Duration in hours', minutes === undefined ? '' : hoursText(minutes)]
                ]
            ),
            paragraph(strong('Learning outcomes')),
            list(module.outcomes.map(o => [strong(`${o.name}:`), ` ${o.text}`])),
            table(
                ['Reflection', 'Your notes'],
                [
                    ['What did I learn?', ''],
                    ['How will I apply it in my role?', ''],
                    ['What further development do I need?', '']
                ]
            ),
            table(
                ['Signed by', 'Name', 'Signature', 'Date'],
                [
                    ['Learner', '', '', ''],
                    ['Trainer', '', '', '']
                ]
            )
        );
    }
    return out;
}
