import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the module whose `import.meta.url` is given: that URL's folder as ES modules (out/, or the sources
 * under vitest); `__dirname` in the extension's CommonJS bundles (extension/out/), where `import.meta.url` is empty.
 */
export function moduleFolder(importMetaUrl: string | undefined): string {
    try {
        return path.dirname(fileURLToPath(importMetaUrl!));
    } catch {
        return typeof __dirname === 'string' ? __dirname : process.cwd();
    }
}
