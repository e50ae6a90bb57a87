import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { declares } from '../language/src/declarations.js';
import * as ast from '../language/src/generated/ast.js';
import { planInit } from '../language/src/onboarding/init-workspace.js';
import { findSources } from '../language/src/source-files.js';
import { ExitCode, UsageError } from './errors.js';
import { writeNewFiles } from './new-files.js';
import { loadStarter } from './starter-files.js';
import { loadWorkspace } from './workspace-loader.js';
import { displayPath } from './problem-lines.js';
import { findWorkspace } from './workspace-root.js';
import { unpublishableText } from '../language/src/validation/drafting-notes.js';
import { URI } from 'langium';
import { today } from '../language/src/dates.js';

export interface InitOptions {
    readonly force: string;
    /** Add the force to the workspace already in the folder. */
    readonly add?: boolean;
    /** The date written in the files (YYYY-MM-DD); default today. */
    readonly today?: string;
}

/** The extension recommended in a new workspace's .vscode/extensions.json. */
export const EXTENSION_ID = 'gdl-project.gdl-stalking-guidance';

/** `gdl init`: a new force workspace in `folder`, or (with --add) a force beside the others. */
export async function initCommand(folder: string, options: InitOptions, out: (line: string) => void): Promise<number> {
    const forceName = options.force.trim();
    if (forceName === '' || /[\r\n"]/.test(forceName) || !/[\p{L}\p{N}]/u.test(forceName)) {
        throw new UsageError(`--force needs the force's name, on one line and without quotes (for example --force "Kent Police")`);
    }
    // The name is published on every page: the check would refuse the new workspace's first build over it.
    const [unpublishable] = unpublishableText(forceName);
    if (unpublishable) {
        throw new UsageError(
            `--force '${forceName}': '${unpublishable.text}' reads as ${unpublishable.kind === 'drafting-note' ? 'a drafting note' : 'a path to a file'}, and the force's name is published on every page; give the name as the force writes it. Nothing was written.`
        );
    }
    const root = path.resolve(folder);
    // A workspace inside another would declare the framework and the vocabulary twice.
    const enclosing = await findWorkspace(path.dirname(root));
    if (enclosing && enclosing !== root) {
        const shown = displayPath(URI.file(enclosing), process.cwd()) || '.';
        throw new UsageError(
            `'${folder}' is inside the workspace '${shown}'. To add ${forceName} to it, run: gdl init ${quote(shown)} --force ${quote(forceName)} --add`
        );
    }
    const stat = await fs.stat(root).catch(() => undefined);
    if (stat && !stat.isDirectory()) {
        throw new UsageError(`'${folder}' is a file, not a folder`);
    }
    const entries = stat ? (await fs.readdir(root)).filter(name => name !== '.git') : [];
    if (entries.length > 0 && !options.add) {
        throw new UsageError(
            `'${folder}' is not empty. To add ${forceName} to the workspace in it, run: gdl init ${quote(folder)} --force ${quote(forceName)} --add`
        );
    }
    const starter = await loadStarter();
    const framework = (await loadWorkspace(path.join(starter.guidanceFolder, 'framework'))).documents
        .map(d => d.parseResult.value)
        .flatMap(root => (ast.isGdlFile(root) ? root.elements.filter(ast.isFramework) : []))[0];
    if (!framework) {
        throw new UsageError(`the bundled framework in '${starter.guidanceFolder}' declares no framework; reinstall gdl`);
    }
    // Names already used at the workspace's top level (common/, framework/…) are not the new force's folder.
    const existing = {
        framework: false,
        common: false,
        vscode: false,
        readme: false,
        ids: new Set<string>(entries.map(e => e.toLowerCase()))
    };
    if (entries.length > 0) {
        existing.vscode = entries.includes('.vscode');
        existing.readme = entries.some(name => name.toLowerCase() === 'readme.md');
        if ((await findSources(root)).length > 0) {
            const workspace = await loadWorkspace(root);
            const documents = workspace.documents;
            existing.framework = documents.some(d => declares(d, ast.isFramework));
            existing.common = documents.some(d => declares(d, ast.isAudience));
            for (const description of workspace.services.shared.workspace.IndexManager.allElements()) {
                existing.ids.add(description.name);
            }
            const same = workspace.services.gdl.WorkspaceFacts.workspaceCoverage().forces.forces.find(
                f => f.title.trim().toLowerCase() === forceName.toLowerCase()
            );
            if (same && documents.some(d => declares(d, ast.isForce))) {
                throw new UsageError(`${same.title} is already in '${folder}' (force ${same.id}); nothing written`);
            }
            const forceless = documents.find(d => declares(d, e => ast.isActionPlan(e) || ast.isGuidance(e) || ast.isTrainingModule(e)));
            if (!documents.some(d => declares(d, ast.isForce)) && forceless) {
                const where = displayPath(forceless.uri, process.cwd());
                throw new UsageError(
                    `'${folder}' holds a force's material but declares no force (for example ${where}), so adding another would leave it belonging to none. ` +
                        `Declare its force first: in its folder, add force.gdl with the line force <id> "<Name of the force>"; then run this again.`
                );
            }
        }
    }
    const plan = planInit({
        forceName,
        today: options.today ?? today(),
        framework,
        frameworkFiles: starter.frameworkFiles,
        commonFiles: starter.commonFiles,
        existing,
        templates: starter.templates,
        extensionId: EXTENSION_ID
    });
    const written = await writeNewFiles(root, plan.files, plan.folders);
    const shown = displayPath(URI.file(root), process.cwd()) || '.';
    out(`${existing.framework ? 'Added' : 'Created'} ${forceName} (force ${plan.forceId}) in ${shown}:`);
    for (const file of written) {
        out(`  ${file}`);
    }
    out('');
    out(`Next: read ${path.join(shown, plan.forceFolder, 'README.md')}, then run gdl check ${quote(shown)}.`);
    out('Nothing is covered yet: the check lists every evidence requirement as not covered until your material answers it.');
    return ExitCode.ok;
}

function quote(text: string): string {
    return /^[\w./-]+$/.test(text) ? text : `"${text}"`;
}
