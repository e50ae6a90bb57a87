import type { RootContent } from 'mdast';
import type * as ast from '../generated/ast.js';
import { effectiveStatus, inherited } from '../inheritance.js';
import { emphasis, heading, link, list, paragraph, later, quote, root, strong, table, text } from './mdast-helpers.js';
import { documentOf, href, isPublished, pagePath, proseLinks, type SiteModel } from './site-model.js';
import { gapNotice } from './gap-notice.js';
import { append } from '../arrays.js';

/** A guidance document as a page: metadata, contents, an anchor per section, requirement notes, legislation and cross-references. */
export function guidancePage(site: SiteModel, guidance: ast.Guidance, extension: string) {
    const page = pagePath.guidance(guidance);
    const sections = guidance.sections.filter(s => isPublished(site, s));
    const children: RootContent[] = [
        heading(1, guidance.title),
        ...gapNotice(site),
        // Document control, as on a course pack: who owns the document, which version, and its dates.
        table(
            ['Owner', 'Version', 'Status', 'Approved', 'Review by'],
            [
                [
                    guidance.owner ?? 'not set',
                    guidance.version ?? 'not set',
                    effectiveStatus(guidance),
                    guidance.approved ?? 'not set',
                    guidance.reviewBy ?? 'not set'
                ]
            ]
        ),
        paragraph(strong('Audience:'), ' ' + (guidance.audiences.map(a => a.ref?.title ?? a.$refText).join(', ') || 'all')),
        ...(guidance.summary ? later(guidance.summary, 1, proseLinks(site, page, extension, guidance.summary)) : []),
        heading(2, 'Contents'),
        list(
            sections.map(s => [link(`#${s.name}`, s.title)]),
            true
        )
    ];
    for (const section of sections) {
        append(children, sectionContent(site, section, 2, page, extension));
    }
    return root(children);
}

function sectionContent(site: SiteModel, section: ast.Section, depth: number, page: string, extension: string): RootContent[] {
    const out: RootContent[] = [heading(depth, section.title, section.name)];
    const owner = section.owner ?? undefined;
    const meta: string[] = [];
    if (owner) {
        meta.push(`Owner: ${owner}`);
    }
    if (section.reviewBy) {
        meta.push(`Review by: ${section.reviewBy}`);
    }
    if (effectiveStatus(section) !== 'approved') {
        meta.push(`Status: ${effectiveStatus(section)}`);
    }
    const audiences = inherited(section, n => n.audiences);
    if (section.audiences.length > 0 && audiences) {
        meta.push(`Audience: ${audiences.map(a => a.ref?.title ?? a.$refText).join(', ')}`);
    }
    if (meta.length > 0) {
        out.push(paragraph(meta.join(' · ')));
    }
    for (const block of section.prose) {
        append(out, later(block, depth, proseLinks(site, page, extension, block)));
    }
    for (const ref of section.addresses) {
        const evidence = ref.ref;
        if (evidence) {
            // Named by its framework's own title: a workspace may answer a framework other than the 2024 report.
            const framework = evidence.$container.$container;
            out.push(
                paragraph(
                    strong(`This section addresses evidence requirement ${evidence.name}`),
                    ` (recommendation ${evidence.$container.name} of `,
                    emphasis(framework.title),
                    '):'
                )
            );
            out.push(quote(evidence.text ?? `The source gives no text for ${evidence.name}.`));
        }
    }
    const cited = section.cites.map(c => c.ref).filter((p): p is ast.Provision => p !== undefined);
    if (cited.length > 0) {
        out.push(paragraph(strong('Legislation')));
        out.push(
            list(
                cited.map(p => [
                    p.address
                        ? link(p.address, `${p.$container.title}, ${p.name}: ${p.title}`)
                        : text(`${p.$container.title}, ${p.name}: ${p.title}`)
                ])
            )
        );
    }
    const seen = section.see.map(s => s.ref).filter((s): s is ast.Section => s !== undefined && isPublished(site, s));
    if (seen.length > 0) {
        out.push(paragraph(strong('See also')));
        out.push(
            list(
                seen.map(target => {
                    const targetPage = pagePath.guidance(documentOf(target));
                    const url = targetPage === page ? `#${target.name}` : href(page, targetPage, extension, target.name);
                    return [link(url, target.title)];
                })
            )
        );
    }
    if (section.sources.length > 0) {
        out.push(paragraph(strong('Sources')));
        out.push(list(section.sources.map(s => [s])));
    }
    for (const child of section.sections.filter(s => isPublished(site, s))) {
        append(out, sectionContent(site, child, depth + 1, page, extension));
    }
    return out;
}
