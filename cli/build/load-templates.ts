import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { DEFAULT_CLASSIFICATION, readSiteTemplates, readTemplateFile, TemplateError } from '../../language/src/publish/site-templates.js';
import type { SiteTemplates } from '../../language/src/publish/build-site.js';
import { UsageError } from '../errors.js';
import { moduleFolder as folderOf } from '../../language/src/module-folder.js';

/** Where this module is (out/cli/build/, cli/build/ from source, or the bundle's folder). */
export function moduleFolder(): string {
    return folderOf(import.meta.url);
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

export { DEFAULT_CLASSIFICATION };

/** Reads and checks out-templates/ (site.json, page.html: `readSiteTemplates`), plus site.css and GOV.UK Frontend's CSS, fonts and images. */
export function loadTemplates(folder: string): SiteTemplates {
    const assets = new Map<string, Buffer | string>();
    let pages;
    try {
        pages = readSiteTemplates(folder);
        assets.set('assets/site.css', readTemplateFile(folder, 'site.css'));
    } catch (error) {
        throw error instanceof TemplateError ? new UsageError(error.message) : error;
    }
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
    return { ...pages, assets };
}
