import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository folder, for code that runs both from source (vitest: tests/support/, tools/, bench/)
 * and compiled (out/tests/support/, out/tools/, out/bench/): the nearest folder above this file that
 * holds package.json.
 */
export function repositoryRoot(): string {
    let folder = path.dirname(fileURLToPath(import.meta.url));
    while (!existsSync(path.join(folder, 'package.json'))) {
        const parent = path.dirname(folder);
        if (parent === folder) {
            throw new Error('cannot find the repository folder');
        }
        folder = parent;
    }
    return folder;
}
