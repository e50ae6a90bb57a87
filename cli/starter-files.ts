import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { defaultTemplates, moduleFolder } from './build/load-templates.js';
import { UsageError } from './errors.js';
import type { StarterFile } from '../language/src/onboarding/init-workspace.js';

// What `gdl init` copies: the bundled guidance's framework and common vocabulary (one copy of each,
// the one this repository checks and publishes), and the READMEs in out-templates/new-workspace/.

/** The bundled guidance folder: guidance/ at the repository root, or beside the extension's bundle. */
export function bundledGuidance(): string {
    const here = moduleFolder();
    // From out/cli/build/ (compiled), cli/build/ (run from source), or extension/out/ (the bundle).
    const candidates = [path.resolve(here, '../../../guidance'), path.resolve(here, '../../guidance'), path.resolve(here, '../guidance')];
    const found = candidates.find(c => existsSync(path.join(c, 'framework')));
    if (!found) {
        throw new UsageError(`the bundled framework is missing (looked in ${candidates.join(' and ')}); reinstall gdl`);
    }
    return found;
}

async function filesOf(root: string, folder: string): Promise<StarterFile[]> {
    const entries = (await fs.readdir(path.join(root, folder))).filter(name => name.endsWith('.gdl')).sort();
    return Promise.all(
        entries.map(async name => ({ path: `${folder}/${name}`, text: await fs.readFile(path.join(root, folder, name), 'utf8') }))
    );
}

export interface Starter {
    guidanceFolder: string;
    frameworkFiles: StarterFile[];
    commonFiles: StarterFile[];
    templates: { workspaceReadme: string; forceReadme: string };
}

export async function loadStarter(): Promise<Starter> {
    const guidanceFolder = bundledGuidance();
    const templates = path.join(defaultTemplates(), 'new-workspace');
    return {
        guidanceFolder,
        frameworkFiles: await filesOf(guidanceFolder, 'framework'),
        commonFiles: await filesOf(guidanceFolder, 'common'),
        templates: {
            workspaceReadme: await fs.readFile(path.join(templates, 'README.md'), 'utf8'),
            forceReadme: await fs.readFile(path.join(templates, 'FORCE-README.md'), 'utf8')
        }
    };
}
