import { InvalidArgumentError } from 'commander';
import { lmsKinds, type LmsKind } from '../../language/src/publish/lms/package-model.js';

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
