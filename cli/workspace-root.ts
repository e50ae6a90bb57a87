import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const FRAMEWORK = /^\s*framework\s+[A-Za-z_]/m;

/**
 * The workspace a folder belongs to: the nearest folder at or above it (at most five levels up) that
 * holds the framework, in a `.gdl` file of its own or of its `framework/` folder, as `gdl init` and the
 * bundled guidance lay it out. Only those few files are read, so a folder in a home directory never
 * has the whole disk searched; `--workspace` names any other layout.
 */
export async function findWorkspace(into: string): Promise<string | undefined> {
    let folder = path.resolve(into);
    for (let level = 0; level < 8; level++) {
        if (level < 6 && (await holdsFramework(folder))) {
            return folder;
        }
        const parent = path.dirname(folder);
        if (parent === folder) {
            break;
        }
        folder = parent;
    }
    return undefined;
}

async function holdsFramework(folder: string): Promise<boolean> {
    for (const dir of [folder, path.join(folder, 'framework')]) {
        const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
        for (const entry of entries.filter(e => e.isFile() && e.name.endsWith('.gdl')).slice(0, 50)) {
            if (FRAMEWORK.test(await fs.readFile(path.join(dir, entry.name), 'utf8').catch(() => ''))) {
                return true;
            }
        }
    }
    return false;
}
