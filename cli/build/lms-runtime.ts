import { InvalidArgumentError } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { lmsKinds, type LmsKind } from '../../language/src/publish/lms/package-model.js';
import type { PackageTemplates } from '../../language/src/publish/lms/lms-packages.js';
import { UsageError } from '../errors.js';

/** The scripts a package runs in the learner's browser, from the templates folder's lms/: the quiz and each platform's adapter. */
export function loadLmsRuntime(templates: string): PackageTemplates['runtime'] {
    const read = (file: string) => {
        const full = path.join(templates, 'lms', file);
        if (!existsSync(full)) {
            throw new UsageError(`template ${full} is missing: the learning-platform packages need it`);
        }
        return readFileSync(full, 'utf8');
    };
    const adapters = Object.fromEntries(lmsKinds.map(kind => [kind, read(`${kind}.js`)])) as Record<LmsKind, string>;
    return { quiz: read('quiz.js'), adapters };
}

/** `--lms scorm12,cmi5`: the platforms named, each once, in the order given; anything else is a usage error (commander's, exit 2). */
export function parseLmsKinds(value: string, previous: LmsKind[] = []): LmsKind[] {
    const kinds = [...previous];
    for (const part of value.split(',').map(p => p.trim())) {
        if (!(lmsKinds as readonly string[]).includes(part)) {
            throw new InvalidArgumentError(
                `'${part}' is not a learning platform gdl can package for; use ${lmsKinds.join(', ')} (or several, comma-separated).`
            );
        }
        if (!kinds.includes(part as LmsKind)) {
            kinds.push(part as LmsKind);
        }
    }
    return kinds;
}
