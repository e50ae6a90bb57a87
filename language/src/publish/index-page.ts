import type { RootContent } from 'mdast';
import { heading, link, list, paragraph, root, strong } from './mdast-helpers.js';
import { forceName } from '../coverage/forces.js';
import { gapNotice } from './gap-notice.js';
import { href, pagePath, type SiteModel } from './site-model.js';

/** The site's front page: guidance in the configured order, course packs, action plans and coverage. */
export function indexPage(site: SiteModel, siteName: string, order: readonly string[], extension: string) {
    const page = pagePath.index();
    const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
    const guidance = [...site.guidance].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
    const children: RootContent[] = [
        heading(1, siteName),
        ...(site.force.id ? [paragraph(strong('Force:'), ' ' + forceName(site.force))] : []),
        ...gapNotice(site),
        heading(2, 'Guidance'),
        list(guidance.map(g => [link(href(page, pagePath.guidance(g), extension), g.title)])),
        heading(2, 'Training course packs'),
        list(
            site.courses.map(c => [
                link(href(page, pagePath.course(c, 'learner'), extension), `${c.title} (learner edition)`),
                ' · ',
                link(href(page, pagePath.course(c, 'trainer'), extension), 'trainer edition')
            ])
        ),
        heading(2, 'Action plan'),
        list(site.plans.map(p => [link(href(page, pagePath.plan(p), extension), p.title)])),
        heading(2, 'Coverage'),
        paragraph(link(href(page, pagePath.coverage(), extension), 'Evidence requirement coverage'))
    ];
    return root(children);
}

/** The front page of a build of several forces: one site per force, in its own folder, with its coverage in a line. */
export function forcesIndexPage(sites: readonly SiteModel[], siteName: string, extension: string) {
    return root([
        heading(1, siteName),
        paragraph('This workspace holds several forces. Each force publishes its own guidance, training, action plan and coverage:'),
        list(
            sites.map(site => [
                link(`${site.force.id}/${pagePath.index()}.${extension}`, forceName(site.force)),
                ` (${site.coverage.covered} of ${site.coverage.total} evidence requirements covered at the ${site.coverage.level} level` +
                    `${site.gaps.length > 0 ? `; not yet covered: ${site.gaps.join(', ')}` : ''})`
            ])
        )
    ]);
}
