import { buildDate } from '../../language/src/publish/build-date.js';
import { sitePages, writeForceSites, writeSite, type SiteTemplates } from '../../language/src/publish/build-site.js';
import { inThisThread } from '../../language/src/publish/render-job.js';
import type { PackageRuntime } from '../../language/src/publish/lms/lms-packages.js';
import { siteModel, type SiteModel } from '../../language/src/publish/site-model.js';
import { forceName } from '../../language/src/coverage/forces.js';
import { Codes } from '../../language/src/validation/diagnostic-codes.js';
import { ExitCode, UsageError } from '../errors.js';
import { collectProblems, formatProblem, formatUnreadable } from '../problem-lines.js';
import { loadWorkspace, workspaceRoot, type JudgeOptions, type LoadedWorkspace } from '../workspace-loader.js';
import { checkOutputFolder, type ProtectedFolder } from './output-folder.js';
import { defaultTemplates, loadTemplates } from './load-templates.js';
import { StagedSite } from './write-site.js';
import type { LmsKind } from '../../language/src/publish/lms/package-model.js';
import { addLearningPlatformFiles, loadLmsRuntime } from './lms-build.js';
import { RenderPool } from '../../language/src/publish/render-pool.js';
import { releaseSyntaxTrees } from '../../language/src/syntax-trees.js';

// Drafting notes and file paths in approved text: the build names them, as they are the author's to settle before publishing.
const unfinishedCodes = new Set([Codes['drafting-note-in-text'].code, Codes['file-path-in-text'].code]);

export interface BuildOptions extends JudgeOptions {
    readonly out: string;
    readonly allowGaps?: boolean;
    readonly includeDrafts?: boolean;
    readonly quiet?: boolean;
    readonly templates?: string;
    /** Learning platforms to package each course pack for (`--lms`). */
    readonly lms?: readonly LmsKind[];
}

/**
 * `gdl build`: the same check first; publishes nothing when sources have errors or a requirement is
 * uncovered (unless --allow-gaps), then writes the site, course packs, plan and coverage page atomically.
 *
 * Coverage is a force's own. With `--force`, or in a workspace of one force, the site is that force's:
 * its guidance, training, plan and coverage, with the shared framework and vocabulary. In a workspace
 * of several forces without `--force`, each force gets a whole site of its own in `<out>/<force id>/`,
 * and `<out>/index.html` lists them: no page ever mixes two forces' material. The gap refusal is per
 * force: a gap in any force publishes nothing (unless --allow-gaps), and says whose gap it is.
 */
export async function buildCommand(
    folder: string,
    options: BuildOptions,
    out: (line: string) => void,
    progress: (text: string) => void
): Promise<number> {
    const templateFolder = options.templates ?? defaultTemplates();
    const protect = [
        { folder: await workspaceRoot(folder), what: 'workspace' },
        { folder: templateFolder, what: 'templates folder' }
    ];
    await checkOutputFolder(options.out, protect);
    const templates = loadTemplates(templateFolder);
    const lmsRuntime = options.lms && options.lms.length > 0 ? loadLmsRuntime(templateFolder) : undefined;
    return checkAndPublish(folder, options, out, progress, { templates, lmsRuntime, protect });
}

/** What a build publishes with, read before the workspace: the templates, the packages' runtime, the folders to protect. */
interface Publishing {
    templates: SiteTemplates;
    lmsRuntime: PackageRuntime | undefined;
    protect: ProtectedFolder[];
}

async function checkAndPublish(
    folder: string,
    options: BuildOptions,
    out: (line: string) => void,
    progress: (text: string) => void,
    using: Publishing
): Promise<number> {
    // A workspace of as many sources as a pool's pages (one force's are fewer) will likely want workers: they are started
    // now, so that they load their renderers while the workspace is checked, and are stopped if it does not.
    let started: RenderPool | undefined;
    try {
        return await publish(
            await loadWorkspace(folder, { asOf: options.asOf, level: options.level, force: options.force }, undefined, sources => {
                started = options.force === undefined ? RenderPool.forPages(sources) : undefined;
            }),
            options,
            out,
            progress,
            { ...using, started: () => started }
        );
    } finally {
        await started?.dispose();
    }
}

async function publish(
    workspace: LoadedWorkspace,
    options: BuildOptions,
    out: (line: string) => void,
    progress: (text: string) => void,
    using: Publishing & { started: () => RenderPool | undefined }
): Promise<number> {
    const { templates, lmsRuntime, protect } = using;
    const facts = workspace.services.gdl.WorkspaceFacts;
    const forces = facts.workspaceCoverage().forces;
    const models = facts.judgedModels();
    const several = forces.declared && models.length > 1;
    if (several) {
        const folders = models.map(m => m.force.id.toLowerCase());
        const twice = folders.find((f, i) => folders.indexOf(f) !== i);
        if (twice !== undefined) {
            throw new UsageError(`two forces' ids differ only in case ('${twice}'): their sites would share a folder; rename one`);
        }
    }
    // A force's build judges its own files and the shared ones (the framework, the common vocabulary), as `check --force` does.
    const judged = several ? workspace.documents : workspace.documents.filter(d => forces.judges(models[0]!.force, d.uri.toString()));
    // Handouts are read from inside the workspace only (the check reports one outside, and that refuses the build).
    const root = workspace.services.gdl.Settings.workspaceRoot;
    const sites: SiteModel[] = models.map(model => siteModel(judged, model, options.includeDrafts === true, forces, { root }));
    const errors = collectProblems(judged, process.cwd()).filter(p => p.severity === 'error');
    const gapped = sites.filter(s => s.gaps.length > 0);
    const whose = (site: SiteModel) => (several ? `${forceName(site.force)}: ` : '');
    const gapsText = (site: SiteModel) =>
        `${site.gaps.join(', ')}${site.suspect.length > 0 ? ` (suspect cover: ${site.suspect.join(', ')})` : ''}`;
    if (errors.length > 0 || workspace.unreadable.length > 0 || (gapped.length > 0 && !options.allowGaps)) {
        errors.forEach(p => out(formatProblem(p)));
        workspace.unreadable.forEach(u => out(formatUnreadable(u, process.cwd())));
        const unfinished = errors.filter(p => unfinishedCodes.has(p.code)).length;
        if (unfinished > 0) {
            out(
                `Approved material carries ${unfinished === 1 ? 'a drafting note or file path' : `${unfinished} drafting notes or file paths`} (GDL0311, GDL0312) that readers would see: settle ${unfinished === 1 ? 'it' : 'them'}, keep ${unfinished === 1 ? 'it' : 'them'} in a \`//\` comment, or mark the material \`status draft\`.`
            );
        }
        if (!options.allowGaps) {
            gapped.forEach(site =>
                out(`${whose(site)}Not covered: ${gapsText(site)} (use --allow-gaps to publish with a notice on every page).`)
            );
        }
        out(`Nothing was published; '${options.out}' is unchanged.`);
        return workspace.unreadable.length > 0 ? ExitCode.usage : ExitCode.failed;
    }
    const report = (done: number, total: number, path: string) => {
        if (!options.quiet && total > 3) {
            progress(`[${done}/${total}] ${path}`);
        }
    };
    const date = buildDate(judged);
    // The problems are reported: what is published needs no more of the sources' syntax trees.
    releaseSyntaxTrees(workspace.documents, workspace.services);
    const pool = RenderPool.forPages(
        sites.reduce((sum, site) => sum + sitePages(site, templates).length, 0),
        using.started()
    );
    const renderer = pool ?? inThisThread;
    // Each file is written into the output's staging folder as it is rendered, and the folder swapped in at the end.
    const staged = await StagedSite.open(options.out);
    try {
        const build = { templates, fixedDate: date, progress: report, renderer, sink: staged };
        await (several ? writeForceSites(sites, build) : writeSite(sites[0]!, build));
        // Question banks always, packages when asked: staged with the rest, so they are published with it or not at all.
        await addLearningPlatformFiles(staged, sites, several, {
            templates,
            runtime: lmsRuntime,
            kinds: options.lms ?? [],
            date,
            renderer
        });
    } catch (error) {
        await staged.abandon();
        throw error;
    } finally {
        await pool?.dispose();
    }
    await staged.commit(() => checkOutputFolder(options.out, protect));
    if (!options.quiet) {
        const notYet = gapped.map(site => `${whose(site)}${gapsText(site)}`).join('; ');
        out(
            `Published ${staged.count} files to ${options.out}${several ? ` (${sites.length} forces, one folder each: ${sites.map(s => s.force.id).join(', ')})` : ''}` +
                `${notYet ? `; not yet covered: ${notYet}` : ''}.`
        );
    }
    return ExitCode.ok;
}
