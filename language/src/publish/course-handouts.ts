import * as path from 'node:path';
import type * as ast from '../generated/ast.js';
import { isPublished, pagePath, type SiteModel } from './site-model.js';

export type Edition = 'trainer' | 'learner';

/** A handout file as one edition of a course pack publishes it. */
export interface EditionHandout {
    handout: ast.Handout;
    module: ast.TrainingModule;
    /** Site-relative path of the copy. */
    path: string;
    content: Buffer;
}

/** The editions a handout is for: those its `for` names, or the trainer's alone. */
export function handoutEditions(handout: ast.Handout): Edition[] {
    return handout.editions.length > 0 ? (handout.editions as Edition[]) : ['trainer'];
}

/** The modules of a course pack that the site publishes, in the pack's order. */
export function publishedModules(site: SiteModel, course: ast.CoursePack): ast.TrainingModule[] {
    return course.modules.map(m => m.ref).filter((m): m is ast.TrainingModule => m !== undefined && isPublished(site, m));
}

/**
 * The file name of each of a module's handouts in the pack: the source's own name with characters
 * outside [A-Za-z0-9._-] made '-', prefixed by the handout's id when two would collide (or the name
 * is hidden, '.x'). Computed over all the module's handouts, so a file has the same name in both editions.
 */
function fileNames(module: ast.TrainingModule): Map<ast.Handout, string> {
    const base = (h: ast.Handout) => path.posix.basename((h.file ?? '').replaceAll('\\', '/')).replace(/[^A-Za-z0-9._-]+/g, '-');
    const counts = new Map<string, number>();
    module.handouts.forEach(h => counts.set(base(h), (counts.get(base(h)) ?? 0) + 1));
    return new Map(
        module.handouts.map(h => {
            const name = base(h);
            return [h, counts.get(name) === 1 && /^[A-Za-z0-9_]/.test(name) ? name : `${h.name}-${name}`];
        })
    );
}

/**
 * The handouts of a module that an edition may see and that were read, each with where its copy goes:
 * `courses/<pack>-<edition>/handouts/<module>/<file>`, beside the edition's page. Each edition has a
 * folder of its own, so a trainer-only answer key is never in the learner edition's folder (which a
 * learning platform's package, or a public site, can then take whole).
 */
export function moduleHandouts(site: SiteModel, course: ast.CoursePack, edition: Edition, module: ast.TrainingModule): EditionHandout[] {
    const names = fileNames(module);
    return module.handouts.flatMap(handout => {
        const content = site.handoutFiles.get(handout);
        if (content === undefined || !handoutEditions(handout).includes(edition)) {
            return [];
        }
        const file = `${pagePath.course(course, edition)}/handouts/${module.name}/${names.get(handout)!}`;
        return [{ handout, module, path: file, content }];
    });
}

/** Every handout file an edition of a course pack publishes, in module order. */
export function editionHandouts(site: SiteModel, course: ast.CoursePack, edition: Edition): EditionHandout[] {
    return publishedModules(site, course).flatMap(module => moduleHandouts(site, course, edition, module));
}

/** The link from an edition's page to a handout's copy. */
export function handoutHref(course: ast.CoursePack, edition: Edition, handout: EditionHandout): string {
    const page = pagePath.course(course, edition);
    return path.posix.relative(path.posix.dirname(page), handout.path);
}
