import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { coursePartNames, type CoursePart } from '../../language/src/publish/course-page.js';
import type { SiteTemplates } from '../../language/src/publish/build-site.js';
import { UsageError } from '../workspace-loader.js';

/** The templates folder shipped with the tool (out-templates/ at the repository root). */
export const defaultTemplates = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../out-templates');

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
    let config: { siteName?: unknown; header?: unknown; footer?: unknown; guidanceOrder?: unknown; editions?: Record<string, unknown> };
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
            throw new UsageError(`${path.join(folder, 'site.json')}: "editions.${name}" must list parts from: ${coursePartNames.join(', ')}`);
        }
        return parts as CoursePart[];
    };
    const html = read(folder, 'page.html');
    if (!/<main[\s>]/.test(html)) {
        throw new UsageError(`${path.join(folder, 'page.html')}: the page template needs a <main> element for the content`);
    }
    const assets = new Map<string, Buffer | string>();
    assets.set('assets/site.css', read(folder, 'site.css'));
    const govuk = path.join(path.dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist', 'govuk');
    // GOV.UK Frontend's CSS asks for /assets/…: made relative so the pages work offline and from any folder.
    assets.set('assets/govuk-frontend.min.css', readFileSync(path.join(govuk, 'govuk-frontend.min.css'), 'utf8').replace(/url\(\/assets\//g, 'url(').replace(/\/\*# sourceMappingURL=[^*]*\*\//, ''));
    for (const sub of ['fonts', 'images']) {
        const dir = path.join(govuk, 'assets', sub);
        for (const file of existsSync(dir) ? readdirSync(dir).sort() : []) {
            assets.set(`assets/${sub}/${file}`, readFileSync(path.join(dir, file)));
        }
    }
    return {
        shell: { html, siteName: text('siteName'), header: text('header'), footer: text('footer') },
        guidanceOrder: Array.isArray(config.guidanceOrder) ? config.guidanceOrder.map(String) : [],
        editions: { trainer: edition('trainer'), learner: edition('learner') },
        assets
    };
}
