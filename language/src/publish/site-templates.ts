import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { SiteTemplates } from './build-site.js';
import type { EvaluationForm } from './course-closing.js';
import { coursePartNames, type CoursePart } from './course-page.js';

/** A template folder that cannot be used: the message names the file and what is wrong. */
export class TemplateError extends Error {}

/** The templates without the files copied as they are: what a page is rendered with. */
export type PageTemplates = Omit<SiteTemplates, 'assets'>;

/** The protective marking of a site whose site.json states none (the Government Security Classifications' lowest). */
export const DEFAULT_CLASSIFICATION = 'OFFICIAL';

/** A template file's text; a TemplateError naming it when it is missing. */
export function readTemplateFile(folder: string, file: string): string {
    const full = path.join(folder, file);
    if (!existsSync(full)) {
        throw new TemplateError(`template ${full} is missing`);
    }
    return readFileSync(full, 'utf8');
}

/**
 * Reads and checks out-templates/'s site.json and page.html: what every page is made of (the shell, the
 * editions' parts, the marking, the evaluation form). The build adds the assets (`cli/build/load-templates.ts`);
 * the editor's preview needs only this.
 */
export function readSiteTemplates(folder: string): PageTemplates {
    const configText = readTemplateFile(folder, 'site.json');
    let config: {
        siteName?: unknown;
        header?: unknown;
        footer?: unknown;
        guidanceOrder?: unknown;
        editions?: Record<string, unknown>;
        classification?: unknown;
        evaluation?: Record<string, unknown>;
    };
    try {
        config = JSON.parse(configText);
    } catch (error) {
        throw new TemplateError(`${path.join(folder, 'site.json')}: not valid JSON (${(error as Error).message})`);
    }
    const text = (key: 'siteName' | 'header' | 'footer') => {
        if (typeof config[key] !== 'string') {
            throw new TemplateError(`${path.join(folder, 'site.json')}: "${key}" must be a string`);
        }
        return config[key] as string;
    };
    const edition = (name: 'trainer' | 'learner'): CoursePart[] => {
        const parts = config.editions?.[name];
        if (!Array.isArray(parts) || parts.some(p => !coursePartNames.includes(p as CoursePart))) {
            throw new TemplateError(
                `${path.join(folder, 'site.json')}: "editions.${name}" must list parts from: ${coursePartNames.join(', ')}`
            );
        }
        return parts as CoursePart[];
    };
    const evaluation = evaluationForm(config.evaluation, path.join(folder, 'site.json'));
    const trainer = edition('trainer');
    const learner = edition('learner');
    if ([...trainer, ...learner].includes('evaluation') && !evaluation) {
        throw new TemplateError(
            `${path.join(folder, 'site.json')}: an edition has the "evaluation" part, so "evaluation" must give its questions`
        );
    }
    const html = readTemplateFile(folder, 'page.html');
    if (!/<main[\s>]/.test(html)) {
        throw new TemplateError(`${path.join(folder, 'page.html')}: the page template needs a <main> element for the content`);
    }
    return {
        shell: { html, siteName: text('siteName'), header: text('header'), footer: text('footer') },
        guidanceOrder: Array.isArray(config.guidanceOrder) ? config.guidanceOrder.map(String) : [],
        editions: { trainer, learner },
        classification: classification(config.classification, path.join(folder, 'site.json')),
        evaluation
    };
}

/** site.json's "classification": one line of text, OFFICIAL when not given. */
function classification(value: unknown, file: string): string {
    if (value === undefined) {
        return DEFAULT_CLASSIFICATION;
    }
    if (typeof value !== 'string' || value.trim() === '' || /[\r\n]/.test(value)) {
        throw new TemplateError(`${file}: "classification" must be one line of text, such as "OFFICIAL" or "OFFICIAL-SENSITIVE"`);
    }
    return value.trim();
}

/** site.json's "evaluation": the rating scale, the statements rated on it and the open questions, each a list of text. */
function evaluationForm(value: Record<string, unknown> | undefined, file: string): EvaluationForm | undefined {
    if (value === undefined) {
        return undefined;
    }
    const texts = (key: 'scale' | 'questions' | 'comments', required: boolean): string[] => {
        const list = value[key] ?? (required ? undefined : []);
        if (!Array.isArray(list) || list.some(t => typeof t !== 'string') || (required && list.length === 0)) {
            throw new TemplateError(`${file}: "evaluation.${key}" must be a list of text${required ? ', not empty' : ''}`);
        }
        return list as string[];
    };
    return { scale: texts('scale', true), questions: texts('questions', true), comments: texts('comments', false) };
}
