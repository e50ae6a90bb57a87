// The learning-platform part of `gdl build`: the --lms option, the scripts packages run, and adding banks and packages to the build.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { lmsKinds, type LmsKind } from '../../language/src/publish/lms/package-model.js';
import type { SiteTemplates } from '../../language/src/publish/build-site.js';
import type { Renderer } from '../../language/src/publish/render-job.js';
import { lmsPackages, type PackageRuntime } from '../../language/src/publish/lms/lms-packages.js';
import { questionBanks } from '../../language/src/publish/lms/question-banks.js';
import type { SiteModel } from '../../language/src/publish/site-model.js';
import type { SiteSink } from '../../language/src/publish/site-files.js';
import { UsageError } from '../errors.js';

/** The scripts a package runs in the learner's browser, from the templates folder's lms/: the quiz and each platform's adapter. */
export function loadLmsRuntime(templates: string): PackageRuntime {
    const read = (file: string) => {
        const full = path.join(templates, 'lms', file);
        if (!existsSync(full)) {
            throw new UsageError(`template ${full} is missing: the learning-platform packages need it`);
        }
        return readFileSync(full, 'utf8');
    };
    const adapters = Object.fromEntries(lmsKinds.map(kind => [kind, read(`${kind}.js`)])) as Record<LmsKind, string>;
    return { quiz: read('quiz.js'), adapters };
}

/**
 * Adds each site's question banks (always) and, when platforms are named, its course packs' packages to
 * the build's files; with several forces, under each force's folder, as the rest of its site is.
 */
export async function addLearningPlatformFiles(
    files: SiteSink,
    sites: readonly SiteModel[],
    several: boolean,
    options: { templates: SiteTemplates; runtime: PackageRuntime | undefined; kinds: readonly LmsKind[]; date: string; renderer?: Renderer }
): Promise<void> {
    const { templates, runtime, kinds, date, renderer } = options;
    for (const site of sites) {
        const folder = several ? `${site.force.id}/` : '';
        const learning = new Map<string, Buffer | string>(questionBanks(site));
        if (runtime && kinds.length > 0) {
            for (const [file, zip] of await lmsPackages(site, kinds, templates, runtime, date, renderer)) {
                learning.set(file, zip);
            }
        }
        for (const [file, content] of learning) {
            files.add(`${folder}${file}`, content);
        }
    }
}
