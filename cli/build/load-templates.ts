import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvaluationForm } from '../../language/src/publish/course-closing.js';
import { coursePartNames, type CoursePart } from '../../language/src/publish/course-page.js';
import type { SiteTemplates } from '../../language/src/publish/build-site.js';
import { UsageError } from '../errors.js';

// Where this module is: import.meta.url when run as ES modules (out/), __dirname in the CommonJS bundle (extension/out/).
export function moduleFolder(): string {
    try {
        return path.dirname(fileURLToPath(import.meta.url));
    } catch {
        return typeof __dirname === 'string' ? __dirname : process.cwd();
    }
}

/** The templates shipped with the tool: out-templates/ at the repository root (from out/cli/build/ compiled, cli/build/ run from source), or beside the extension's bundle. */
export function defaultTemplates(): string {
    const here = moduleFolder();
    const candidates = [
        path.resolve(here, '../../../out-templates'),
        path.resolve(here, '../../out-templates'),
        path.resolve(here, '../out-templates')
    ];
    return candidates.find(c => existsSync(path.join(c, 'site.json'))) ?? candidates[0]!;
}

// GOV.UK Frontend's compiled CSS and assets: from the package, or copied beside the templates for the bundle.
function govukFolder(templates: string): string {
    const copied = path.join(templates, 'govuk-frontend');
    if (existsSync(copied)) {
        return copied;
    }
    return path.join(
        path.dirname(createRequire(path.join(moduleFolder(), 'x.js')).resolve('govuk-frontend/package.json')),
        'dist',
        'govuk'
    );
}

/** The protective marking of a site whose site.json states none (the Government Security Classifications' lowest). */
export const DEFAULT_CLASSIFICATION = 'OFFICIAL';

function read(folder: string, file: string): string {
    const full = path.join(folder, file);
    if (!existsSync(full)) {
        throw new UsageError(`template ${full} is missing`);
    }
    return readFileSync(full, 'utf8');
}

/** Reads and checks out-templates/: site.json, page.html and site.css, plus GOV.UK Frontend's CSS, fonts and images. */
export function loadTemplates(folder: string): SiteTemplates {
    const configText = read(folder, 'site.json');
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
        throw new UsageError(`${path.join(folder, 'site.json')}: not valid JSON (${(error as Error).message})`);
    }
    const text = (key: 'siteName' | 'header' | 'footer') => {
        if (typeof config[key] !== 'string') {
            throw new UsageError(`${path.join(folder, 'site.json')}: "${key}" must be a string`);
        }
        return config[key] as string;
    };
    const edition = (name: 'trainer' | 'learner'): CoursePart[] => {
        const parts = config.editions?.[name];
        if (!Array.isArray(parts) || parts.some(p => !coursePartNames.includes(p as CoursePart))) {
            throw new UsageError(
                `${path.join(folder, 'site.json')}: "editions.${name}" must list parts from: ${coursePartNames.join(', ')}`
            );
        }
        return parts as CoursePart[];
    };
    const evaluation = evaluationForm(config.evaluation, path.join(folder, 'site.json'));
    const trainer = edition('trainer');
    const learner = edition('learner');
    if ([...trainer, ...learner].includes('evaluation') && !evaluation) {
        throw new UsageError(
            `${path.join(folder, 'site.json')}: an edition has the "evaluation" part, so "evaluation" must give its questions`
        );
    }
    const html = read(folder, 'page.html');
    if (!/<main[\s>]/.test(html)) {
        throw new UsageError(`${path.join(folder, 'page.html')}: the page template needs a <main> element for the content`);
    }
    const assets = new Map<string, Buffer | string>();
    assets.set('assets/site.css', read(folder, 'site.css'));
    const govuk = govukFolder(folder);
    // GOV.UK Frontend's CSS asks for /assets/…: made relative so the pages work offline and from any folder.
    assets.set(
        'assets/govuk-frontend.min.css',
        readFileSync(path.join(govuk, 'govuk-frontend.min.css'), 'utf8')
            .replace(/url\(\/assets\//g, 'url(')
            .replace(/\/\*# sourceMappingURL=[^*]*\*\//, '')
    );
    for (const sub of ['fonts', 'images']) {
        const dir = path.join(govuk, 'assets', sub);
        for (const file of existsSync(dir) ? readdirSync(dir).sort() : []) {
            assets.set(`assets/${sub}/${file}`, readFileSync(path.join(dir, file)));
        }
    }
    return {
        shell: { html, siteName: text('siteName'), header: text('header'), footer: text('footer') },
        guidanceOrder: Array.isArray(config.guidanceOrder) ? config.guidanceOrder.map(String) : [],
        editions: { trainer, learner },
        classification: classification(config.classification, path.join(folder, 'site.json')),
        evaluation,
        assets
    };
}

/** site.json's "classification": one line of text, OFFICIAL when not given. */
function classification(value: unknown, file: string): string {
    if (value === undefined) {
        return DEFAULT_CLASSIFICATION;
    }
    if (typeof value !== 'string' || value.trim() === '' || /[\r\n]/.test(value)) {
        throw new UsageError(`${file}: "classification" must be one line of text, such as "OFFICIAL" or "OFFICIAL-SENSITIVE"`);
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
            throw new UsageError(`${file}: "evaluation.${key}" must be a list of text${required ? ', not empty' : ''}`);
        }
        return list as string[];
    };
    return { scale: texts('scale', true), questions: texts('questions', true), comments: texts('comments', false) };
}
