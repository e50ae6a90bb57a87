import type * as ast from '../../generated/ast.js';
import { editionHandouts, handoutHref } from '../course-handouts.js';
import type { SiteTemplates } from '../build-site.js';
import type { SiteModel } from '../site-model.js';
import { cmi5Course } from './cmi5-course.js';
import { lmsPath, type LmsKind, type PackageDescription } from './package-model.js';
import { courseQuizzes, packagePage, packageScripts } from './package-page.js';
import { inThisThread, type Renderer } from '../render-job.js';
import { scorm12Manifest } from './scorm12-manifest.js';
import { scorm2004Manifest } from './scorm2004-manifest.js';

/** The scripts a package runs in the learner's browser (out-templates/lms/): the quiz, and one adapter per platform. */
export interface PackageRuntime {
    quiz: string;
    adapters: Readonly<Record<LmsKind, string>>;
}

const manifests: Record<LmsKind, { file: string; write: (p: PackageDescription) => string }> = {
    scorm12: { file: 'imsmanifest.xml', write: scorm12Manifest },
    scorm2004: { file: 'imsmanifest.xml', write: scorm2004Manifest },
    cmi5: { file: 'cmi5.xml', write: cmi5Course }
};

const LAUNCH = 'index.html';

/** One package per course pack and platform, by output path (`lms/<course>.<kind>.zip`). */
export async function lmsPackages(
    site: SiteModel,
    kinds: readonly LmsKind[],
    templates: SiteTemplates,
    runtime: PackageRuntime,
    date: string,
    renderer: Renderer = inThisThread
): Promise<Map<string, Buffer>> {
    const packages = new Map<string, Buffer>();
    const zips: Array<Promise<void>> = [];
    for (const course of site.courses) {
        const page = await packagePage(site, course, templates);
        for (const kind of kinds) {
            const content: Array<[string, Buffer | string]> = [
                [LAUNCH, page],
                [packageScripts[0], runtime.adapters[kind]],
                [packageScripts[1], runtime.quiz],
                // The learner's handouts, where the page links them; a trainer-only file is never among them.
                ...editionHandouts(site, course, 'learner').map((h): [string, Buffer] => [handoutHref(course, 'learner', h), h.content]),
                ...[...templates.assets].sort(([a], [b]) => a.localeCompare(b))
            ];
            const description = describe(
                site,
                course,
                content.map(([file]) => file)
            );
            const manifest = manifests[kind];
            const file = lmsPath.package(course, kind);
            // In the order of the loops whatever order the zips are finished in.
            packages.set(file, Buffer.alloc(0));
            const zip = renderer
                .render([{ format: 'zip', files: [[manifest.file, manifest.write(description)], ...content], date }])
                .then(([bytes]) => void packages.set(file, bytes as Buffer));
            zips.push(zip);
            if (!renderer.parallel) {
                await zip;
            }
        }
    }
    await Promise.all(zips);
    return packages;
}

function describe(site: SiteModel, course: ast.CoursePack, files: string[]): PackageDescription {
    const quizzes = courseQuizzes(site, course).filter(q => q.asked > 0);
    const marks = [...new Set(quizzes.map(q => q.passMark))];
    return {
        name: course.name,
        title: course.title,
        description: `${course.title}: the learner edition${quizzes.length > 0 ? ', with its assessment' : ''} (${quizzes.map(q => q.module).join(', ') || 'no modules'}).`,
        force: site.force.id,
        launch: LAUNCH,
        files,
        masteryScore: marks.length === 1 ? marks[0]! / 100 : undefined
    };
}
