import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { expect, test } from 'vitest';

// patches/ holds the changes patch-package applies to dependencies on install (package.json's postinstall). Should an
// install not apply one (a new version of the package, a changed lockfile), the plain-English checks would silently
// take half as long again on a large workspace: this says so instead.

const require = createRequire(import.meta.url);

test('unist-util-visit-parents is installed without the per-node function naming (patches/unist-util-visit-parents+*.patch)', () => {
    const main = require.resolve('unist-util-visit-parents');
    const source = readFileSync(path.join(path.dirname(main), 'lib/index.js'), 'utf8');
    expect(source).toContain('Patched (patches/, applied by patch-package on install)');
    expect(source).not.toContain("Object.defineProperty(visit, 'name'");
});
