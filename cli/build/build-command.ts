import { buildDate } from '../../language/src/publish/build-date.js';
import { buildSite } from '../../language/src/publish/build-site.js';
import { siteModel } from '../../language/src/publish/site-model.js';
import { ExitCode } from '../errors.js';
import { collectProblems, formatProblem, formatUnreadable } from '../problem-lines.js';
import { loadWorkspace, workspaceRoot } from '../workspace-loader.js';
import { checkOutputFolder } from './output-folder.js';
import { defaultTemplates, loadTemplates } from './load-templates.js';
import { writeSiteAtomically } from './write-site.js';

export interface BuildOptions {
    readonly out: string;
    readonly allowGaps?: boolean;
    readonly includeDrafts?: boolean;
    readonly quiet?: boolean;
    readonly asOf?: string;
    readonly templates?: string;
}

/**
 * `gdl build`: the same check first; publishes nothing when sources have errors or a requirement is
 * uncovered (unless --allow-gaps), then writes the site, course packs, plan and coverage page atomically.
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
    const workspace = await loadWorkspace(folder, options.asOf);
    const errors = collectProblems(workspace.documents, process.cwd()).filter(p => p.severity === 'error');
    const site = siteModel(workspace.documents, workspace.services.gdl.WorkspaceFacts.coverageModel(), options.includeDrafts === true);
    if (errors.length > 0 || workspace.unreadable.length > 0 || (site.gaps.length > 0 && !options.allowGaps)) {
        errors.forEach(p => out(formatProblem(p)));
        workspace.unreadable.forEach(u => out(formatUnreadable(u, process.cwd())));
        if (site.gaps.length > 0 && !options.allowGaps) {
            out(`Not covered: ${site.gaps.join(', ')} (use --allow-gaps to publish with a notice on every page).`);
        }
        out(`Nothing was published; '${options.out}' is unchanged.`);
        return workspace.unreadable.length > 0 ? ExitCode.usage : ExitCode.failed;
    }
    const files = await buildSite(site, templates, buildDate(workspace.documents), (done, total, path) => {
        if (!options.quiet && total > 3) {
            progress(`[${done}/${total}] ${path}`);
        }
    });
    await writeSiteAtomically(options.out, files, () => checkOutputFolder(options.out, protect));
    if (!options.quiet) {
        out(`Published ${files.size} files to ${options.out}${site.gaps.length > 0 ? `; not yet covered: ${site.gaps.join(', ')}` : ''}.`);
    }
    return ExitCode.ok;
}
