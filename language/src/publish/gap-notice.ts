import type { RootContent } from 'mdast';
import { paragraph, strong } from './mdast-helpers.js';
import type { SiteModel } from './site-model.js';

/** With --allow-gaps, every page says plainly which requirements are not yet covered, and which rest on suspect cover. */
export function gapNotice(site: SiteModel): RootContent[] {
    const notice: RootContent[] = [];
    const missing = site.gaps.filter(id => !site.suspect.includes(id));
    if (missing.length > 0) {
        notice.push(
            paragraph(
                strong('Not yet covered:'),
                ' ' + `this publication does not yet cover evidence requirement${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`
            )
        );
    }
    if (site.suspect.length > 0) {
        notice.push(
            paragraph(
                strong('Suspect cover:'),
                ' ' +
                    `evidence requirement${site.suspect.length > 1 ? 's' : ''} ${site.suspect.join(', ')} ${site.suspect.length > 1 ? 'are' : 'is'} covered only by material or plan items approved before the requirement was revised, and not reviewed since.`
            )
        );
    }
    return notice;
}
