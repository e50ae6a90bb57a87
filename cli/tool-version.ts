import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { moduleFolder } from '../language/src/module-folder.js';

/**
 * The manifest of the running gdl: the package.json nearest the code (the repository's for out/cli and for the sources
 * under vitest, the extension's for its bundles in extension/out/).
 */
export function toolManifest(): string | undefined {
    for (let folder = moduleFolder(import.meta.url); ; folder = path.dirname(folder)) {
        const manifest = path.join(folder, 'package.json');
        if (existsSync(manifest)) {
            return manifest;
        }
        if (path.dirname(folder) === folder) {
            return undefined;
        }
    }
}

/** The running gdl's version, as its manifest gives it ('unknown' when there is none to read). */
export function toolVersion(): string {
    const manifest = toolManifest();
    try {
        return manifest ? String((JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown }).version) : 'unknown';
    } catch {
        return 'unknown';
    }
}
