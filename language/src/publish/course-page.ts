import type { RootContent } from 'mdast';
import * as ast from '../generated/ast.js';
import { heading, list, paragraph, prose, root, strong, table } from './mdast-helpers.js';
import { gapNotice } from './gap-notice.js';
import { isPublished, type SiteModel } from './site-model.js';

/** The parts an edition can contain; out-templates/site.json says which each edition has, in order. */
export type CoursePart =
    | 'session-plan'
    | 'outcomes'
    | 'curriculum-mapping'
    | 'content'
    | 'trainer-notes'
    | 'activities'
    | 'checks'
    | 'answers'
    | 'evidence-appendix';
export const coursePartNames: readonly CoursePart[] = [
    'session-plan',
    'outcomes',
    'curriculum-mapping',
    'content',
    'trainer-notes',
    'activities',
    'checks',
    'answers',
    'evidence-appendix'
];

const minutes = (d: ast.Duration | undefined) => (d ? `${d.value} ${d.unit}` : '–');

/** A course pack edition: the trainer's has timings, notes, answers and the evidence appendix; the learner's has none of them. */
export function coursePage(site: SiteModel, course: ast.CoursePack, edition: 'trainer' | 'learner', parts: readonly CoursePart[]) {
    const has = (part: CoursePart) => parts.includes(part);
    const modules = course.modules.map(m => m.ref).filter((m): m is ast.TrainingModule => m !== undefined && isPublished(site, m));
    const children: RootContent[] = [
        heading(1, `${course.title}: ${edition} edition`),
        ...gapNotice(site),
        paragraph(strong('Audience:'), ' ' + (course.audiences.map(a => a.ref?.title ?? a.$refText).join(', ') || 'all')),
        ...(course.summary ? prose(course.summary, 1) : [])
    ];
    for (const module of modules) {
        children.push(heading(2, `${module.name}: ${module.title}`, module.name));
        children.push(paragraph(`Duration: ${minutes(module.duration)}. Delivery: ${module.delivery ?? 'not set'}.`));
        if (has('session-plan')) {
            children.push(heading(3, 'Session plan'));
            children.push(
                table(
                    ['Activity', 'Duration', 'Supports'],
                    module.steps
                        .filter(ast.isActivity)
                        .map(a => [a.title, minutes(a.duration), a.supports.map(s => s.$refText).join(', ') || '–'])
                )
            );
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
        if (has('content')) {
            for (const content of module.steps.filter(ast.isContent)) {
                children.push(heading(3, content.title));
                content.body.forEach(b => children.push(...prose(b, 3)));
                if (has('trainer-notes') && content.trainerNotes) {
                    children.push(paragraph(strong('Trainer notes:'), ' ' + content.trainerNotes));
                }
            }
        }
        if (has('activities') && module.steps.filter(ast.isActivity).length > 0) {
            children.push(heading(3, 'Activities'));
            for (const activity of module.steps.filter(ast.isActivity)) {
                children.push(heading(4, `${activity.title} (${minutes(activity.duration)})`));
                activity.body.forEach(b => children.push(...prose(b, 4)));
                if (has('trainer-notes') && activity.trainerNotes) {
                    children.push(paragraph(strong('Trainer notes:'), ' ' + activity.trainerNotes));
                }
            }
        }
        if (has('checks') && module.checks.length > 0) {
            children.push(heading(3, 'Knowledge checks'));
            module.checks.forEach((check, index) => {
                children.push(paragraph(strong(`${index + 1}.`), ' ' + (check.question ?? '')));
                children.push(list(check.options.map(o => [o.text + (has('answers') && o.correct ? ' (correct)' : '')])));
                if (has('answers') && check.rationale) {
                    children.push(paragraph(strong('Rationale:'), ' ' + check.rationale));
                }
            });
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
    return root(children);
}
