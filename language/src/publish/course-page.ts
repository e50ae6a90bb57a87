import type { BlockContent, RootContent } from 'mdast';
import type * as ast from '../generated/ast.js';
import { effectiveStatus } from '../inheritance.js';
import { durationText, minutesOf } from '../training/durations.js';
import { assessment } from './course-assessment.js';
import { cpdRecord, evaluationForm, type EvaluationForm } from './course-closing.js';
import { moduleHandouts, publishedModules, type Edition } from './course-handouts.js';
import { kitList, resourceList } from './course-resources.js';
import { runningOrderTable, sessionSteps } from './course-running-order.js';
import { gapNotice } from './gap-notice.js';
import { heading, list, paragraph, later, root, strong, table } from './mdast-helpers.js';
import type { SiteModel } from './site-model.js';
import { append } from '../arrays.js';

/** The parts an edition can contain; out-templates/site.json says which each edition has. */
export type CoursePart =
    | 'document-control'
    | 'session-plan'
    | 'kit'
    | 'outcomes'
    | 'curriculum-mapping'
    | 'content'
    | 'trainer-notes'
    | 'activities'
    | 'resources'
    | 'checks'
    | 'answers'
    | 'evidence-appendix'
    | 'evaluation'
    | 'cpd-record';
export const coursePartNames: readonly CoursePart[] = [
    'document-control',
    'session-plan',
    'kit',
    'outcomes',
    'curriculum-mapping',
    'content',
    'trainer-notes',
    'activities',
    'resources',
    'checks',
    'answers',
    'evidence-appendix',
    'evaluation',
    'cpd-record'
];

/** What a course page takes from the templates beyond its parts. */
export interface CoursePageOptions {
    /** The evaluation form's questions (site.json); the 'evaluation' part prints nothing without them. */
    evaluation?: EvaluationForm;
}

/**
 * A course pack edition. Each module opens with its welfare note, whatever the parts; then (as the parts
 * say) the running order with start times, the kit list, outcomes, the session's steps in the order
 * written, resources and the assessment. The trainer's has timings, notes, the answer key, the evidence
 * appendix, an evaluation form and CPD record sheets; the learner's a seeded draw of the questions.
 */
export function coursePage(
    site: SiteModel,
    course: ast.CoursePack,
    edition: Edition,
    parts: readonly CoursePart[],
    options: CoursePageOptions = {}
) {
    const has = (part: CoursePart) => parts.includes(part);
    const modules = publishedModules(site, course);
    const children: RootContent[] = [
        heading(1, `${course.title}: ${edition} edition`),
        ...gapNotice(site),
        paragraph(strong('Audience:'), ' ' + (course.audiences.map(a => a.ref?.title ?? a.$refText).join(', ') || 'all')),
        ...(course.summary ? later(course.summary, 1) : []),
        ...(has('document-control') ? documentControl(course, modules) : [])
    ];
    for (const module of modules) {
        const handouts = moduleHandouts(site, course, edition, module);
        children.push(heading(2, `${module.name}: ${module.title}`, module.name));
        append(children, welfareNote(module));
        children.push(paragraph(`Duration: ${durationText(minutesOf(module.duration))}. Delivery: ${module.delivery ?? 'not set'}.`));
        if (has('session-plan')) {
            append(children, runningOrderTable(module));
        }
        if (has('kit')) {
            append(children, kitList(module));
        }
        if (has('outcomes')) {
            children.push(heading(3, 'Learning outcomes'));
            children.push(list(module.outcomes.map(o => [strong(`${o.name}:`), ` ${o.text}`])));
        }
        if (has('curriculum-mapping')) {
            children.push(heading(3, 'Curriculum mapping'));
            children.push(
                table(
                    ['Learning outcome', 'Curriculum outcomes'],
                    module.outcomes.map(o => [o.name, o.maps.map(m => `${m.$refText}: ${m.ref?.text ?? ''}`).join('; ') || '–'])
                )
            );
        }
        append(
            children,
            sessionSteps(course, module, {
                edition,
                content: has('content'),
                activities: has('activities'),
                timings: has('session-plan'),
                trainerNotes: has('trainer-notes'),
                handouts
            })
        );
        if (has('resources')) {
            append(children, resourceList(course, edition, module, handouts));
        }
        if (has('checks')) {
            append(children, assessment(course, module, has('answers')));
        }
    }
    if (has('evidence-appendix')) {
        children.push(heading(2, 'Appendix: learning outcomes and evidence requirements'));
        children.push(
            table(
                ['Module', 'Learning outcome', 'Evidence requirements'],
                modules.flatMap(m => m.outcomes.map(o => [m.name, o.name, o.addresses.map(a => a.$refText).join(', ') || '–']))
            )
        );
    }
    if (has('evaluation') && options.evaluation) {
        append(children, evaluationForm(course, options.evaluation));
    }
    if (has('cpd-record')) {
        append(children, cpdRecord(course, modules));
    }
    return root(children);
}

/** Who owns each module, which version is published, and when it was approved and is due for review. */
function documentControl(course: ast.CoursePack, modules: readonly ast.TrainingModule[]): RootContent[] {
    return [
        heading(2, 'Document control', 'document-control'),
        ...(course.owner ? [paragraph(strong('Course owner:'), ' ' + course.owner)] : []),
        table(
            ['Module', 'Owner', 'Version', 'Status', 'Approved', 'Review by'],
            modules.map(m => [
                m.name,
                m.owner ?? 'not set',
                m.version ?? 'not set',
                effectiveStatus(m),
                m.approved ?? 'not set',
                m.reviewBy ?? 'not set'
            ])
        )
    ];
}

/** A module's welfare note, first in both editions: learners and trainers read it before anything that may distress them. */
function welfareNote(module: ast.TrainingModule): RootContent[] {
    if (!module.welfare) {
        return [];
    }
    const body = later(module.welfare, 3) as BlockContent[];
    return [{ type: 'blockquote', children: [paragraph(strong('Welfare note (trauma-informed):')), ...body] }];
}
