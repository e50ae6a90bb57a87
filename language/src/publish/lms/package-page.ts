import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import type * as ast from '../../generated/ast.js';
import { moduleQuiz, type Quiz } from '../../training/quiz.js';
import type { SiteTemplates } from '../build-site.js';
import { coursePage } from '../course-page.js';
import { renderHtml, shellFor } from '../render-html.js';
import { isPublished, type SiteModel } from '../site-model.js';
import { quizForm } from './quiz-form.js';
import { append } from '../../arrays.js';

/** The scripts a package's page loads, in order: the platform's adapter, then the quiz that reports through it. */
export const packageScripts = ['lms/platform.js', 'lms/quiz.js'] as const;

/** The assessments of a course pack's published modules, in the pack's order. */
export function courseQuizzes(site: SiteModel, course: ast.CoursePack): Quiz[] {
    return course.modules
        .map(m => m.ref)
        .filter((m): m is ast.TrainingModule => m !== undefined && isPublished(site, m))
        .map(moduleQuiz);
}

/**
 * A package's launch page: the learner edition as the site publishes it, without the printed
 * knowledge checks (the package asks them as a scored form instead), then the assessment and the
 * scripts. The learner edition never carries answers, so neither does the printed part here.
 */
export async function packagePage(site: SiteModel, course: ast.CoursePack, templates: SiteTemplates) {
    const parts = templates.editions.learner.filter(p => p !== 'checks' && p !== 'answers');
    const title = `${course.title}: learner edition`;
    const shell = shellFor(templates.shell, site.force.title);
    const html = await renderHtml(coursePage(site, course, 'learner', parts), title, shell, 0, templates.classification);
    const page = fromHtml(html);
    let main: Element | undefined;
    let body: Element | undefined;
    visit(page, 'element', (node: Element) => {
        if (node.tagName === 'main') {
            main = node;
        } else if (node.tagName === 'body') {
            body = node;
        }
    });
    if (!main || !body) {
        throw new Error('the page template has no <main> or <body> element');
    }
    main.children.push(quizForm(course, courseQuizzes(site, course)));
    append(
        body.children,
        packageScripts.map(src => h('script', { src }))
    );
    return toHtml(page) + '\n';
}
