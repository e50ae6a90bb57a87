import type { RootContent } from 'mdast';
import { paragraph, strong } from './mdast-helpers.js';
import type { SiteModel } from './site-model.js';

/** With --allow-gaps, every page says plainly which requirements are not yet covered. */
export function gapNotice(site: SiteModel): RootContent[] {
    if (site.gaps.length === 0) {
        return [];
    }
    return [
        paragraph(
            strong('Not yet covered:'),
            ' ' + `this publication does not yet cover evidence requirement${site.gaps.length > 1 ? 's' : ''} ${site.gaps.join(', ')}.`
        )
    ];
}
