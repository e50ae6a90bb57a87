import type { RootContent } from 'mdast';
import { heading, paragraph, root, table } from './mdast-helpers.js';
import { gapNotice } from './gap-notice.js';
import type { SiteModel } from './site-model.js';
import { countedLabels, stateNames } from '../coverage/coverage-words.js';

/** The coverage summary: every evidence requirement, its state and what covers it. */
export function coveragePage(site: SiteModel) {
    const model = site.coverage;
    const children: RootContent[] = [
        heading(1, 'Evidence requirement coverage'),
        ...gapNotice(site),
        paragraph(
            `${model.covered} of ${model.total} evidence requirements are covered${model.waived > 0 ? ` and ${model.waived} waived` : ''}.`
        ),
        table(
            ['Requirement', 'Recommendation', 'State', 'Covered by'],
            model.requirements.map(r => [r.id, String(r.recommendation.name), stateNames[r.state].label, countedLabels(r.items) || '–'])
        )
    ];
    return root(children);
}
