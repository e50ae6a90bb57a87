import type { PhrasingContent, RootContent } from 'mdast';
import * as path from 'node:path';
import type * as ast from '../generated/ast.js';
import { runningOrder } from '../training/running-order.js';
import { handoutHref, type Edition, type EditionHandout } from './course-handouts.js';
import { heading, link, list, paragraph, strong } from './mdast-helpers.js';

/** A handout as a link to its copy, named by its title and file. */
function handoutLink(course: ast.CoursePack, edition: Edition, handout: EditionHandout): PhrasingContent[] {
    // Word links only to web addresses: its readers find the file by the name in brackets, in the folder beside the pack.
    return [
        link(handoutHref(course, edition, handout), handout.handout.title),
        { type: 'text', value: ` (${path.posix.basename(handout.path)})` }
    ];
}

/** The "Handouts:" line of a step: the handouts it uses that this edition may see. */
export function stepHandouts(course: ast.CoursePack, edition: Edition, step: ast.SessionStep, handouts: EditionHandout[]): RootContent[] {
    const uses = 'uses' in step ? step.uses.map(u => u.ref) : [];
    const used = handouts.filter(h => uses.includes(h.handout));
    if (used.length === 0) {
        return [];
    }
    const links = used.flatMap((h, i): PhrasingContent[] => [
        ...(i > 0 ? [{ type: 'text' as const, value: '; ' }] : []),
        ...handoutLink(course, edition, h)
    ]);
    return [paragraph(strong(used.length === 1 ? 'Handout:' : 'Handouts:'), ' ', ...links)];
}

/** The trainer's kit list: what to bring to the room. */
export function kitList(module: ast.TrainingModule): RootContent[] {
    return module.kit.length > 0 ? [heading(3, 'Kit list'), list(module.kit.map(k => [k]))] : [];
}

/** The module's resources an edition may see: each handout with its file, what it is, and the steps that use it. */
export function resourceList(
    course: ast.CoursePack,
    edition: Edition,
    module: ast.TrainingModule,
    handouts: EditionHandout[]
): RootContent[] {
    if (handouts.length === 0) {
        return [];
    }
    const steps = runningOrder(module);
    return [
        heading(3, 'Resources'),
        list(
            handouts.map(h => {
                const usedIn = steps.filter(s => 'uses' in s.step && s.step.uses.some(u => u.ref === h.handout)).map(s => s.title);
                const about = [h.handout.description, usedIn.length > 0 ? `Used in: ${usedIn.join('; ')}.` : undefined].filter(Boolean);
                return [
                    ...handoutLink(course, edition, h),
                    ...(about.length > 0 ? [{ type: 'text' as const, value: `: ${about.join(' ')}` }] : [])
                ];
            })
        )
    ];
}
