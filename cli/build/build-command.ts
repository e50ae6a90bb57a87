import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { AstUtils } from 'langium';
import * as ast from '../../language/src/generated/ast.js';
import { buildSite } from '../../language/src/publish/build-site.js';
import { siteModel } from '../../language/src/publish/site-model.js';
import { ExitCode } from '../check-command.js';
import { collectProblems, displayPath, formatProblem } from '../report-problems.js';
import { loadWorkspace } from '../workspace-loader.js';
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
export async function buildCommand(folder: string, options: BuildOptions, out: (line: string) => void, progress: (text: string) => void): Promise<number> {
    const templateFolder = options.templates ?? defaultTemplates();
    const protect = [{ folder: await workspaceFolder(folder), what: 'workspace' }, { folder: templateFolder, what: 'templates folder' }];
    await checkOutputFolder(options.out, protect);
    const templates = loadTemplates(templateFolder);
    const workspace = await loadWorkspace(folder, options.asOf);
    const errors = collectProblems(workspace.documents, process.cwd()).filter(p => p.severity === 'error');
    const site = siteModel(workspace.documents, workspace.services.gdl.WorkspaceFacts.coverageModel(), options.includeDrafts === true);
    if (errors.length > 0 || workspace.unreadable.length > 0 || (site.gaps.length > 0 && !options.allowGaps)) {
        errors.forEach(p => out(formatProblem(p)));
        workspace.unreadable.forEach(u => out(`${displayPath(u.file, process.cwd())}:1:1 error GDL0000 cannot read file: ${u.reason}`));
        if (site.gaps.length > 0 && !options.allowGaps) {
            out(`Not covered: ${site.gaps.join(', ')} (use --allow-gaps to publish with a notice on every page).`);
        }
        out(`Nothing was published; '${options.out}' is unchanged.`);
        return workspace.unreadable.length > 0 ? ExitCode.usage : ExitCode.failed;
    }
    const files = await buildSite(site, templates, fixedDate(workspace.documents), (done, total, path) => {
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

// The folder the sources are read from: the folder given, or the folder of a single file given.
async function workspaceFolder(folder: string): Promise<string> {
    const stat = await fs.stat(folder).catch(() => undefined);
    return stat && !stat.isDirectory() ? path.dirname(folder) : folder;
}

// Word files need a date: the latest approval or update in the sources keeps rebuilds byte-identical.
function fixedDate(documents: import('langium').LangiumDocument[]): string {
    let latest = '2000-01-01';
    for (const document of documents) {
        for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
            const date = ast.isPlanItem(node) ? node.updated : ast.isGoverned(node) ? node.approved : undefined;
            if (date && date > latest && /^\d{4}-\d{2}-\d{2}$/.test(date)) {
                latest = date;
            }
        }
    }
    return latest;
}
