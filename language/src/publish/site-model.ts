import * as path from 'node:path';
import { AstUtils, type LangiumDocument } from 'langium';
import type { CoverageModel } from '../coverage/coverage-model.js';
import { effectiveStatus } from '../inheritance.js';
import * as ast from '../generated/ast.js';

/** What a build publishes, and where every page and anchor lives. */
export interface SiteModel {
    guidance: ast.Guidance[];
    courses: ast.CoursePack[];
    plans: ast.ActionPlan[];
    coverage: CoverageModel;
    includeDrafts: boolean;
    /** Requirements not yet covered: every page says so when the build allows gaps. */
    gaps: string[];
}

/** Collects what a build publishes, in a stable order: drafts only with `includeDrafts`, withdrawn never. */
export function siteModel(documents: LangiumDocument[], coverage: CoverageModel, includeDrafts: boolean): SiteModel {
    const all = documents.flatMap(d => AstUtils.streamAllContents(d.parseResult.value).toArray());
    const publishable = (status: ast.Status) => status === 'approved' || (includeDrafts && status === 'draft');
    const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
    return {
        guidance: all
            .filter(ast.isGuidance)
            .filter(g => publishable(effectiveStatus(g)) || g.sections.some(s => publishable(effectiveStatus(s))))
            .sort(byName),
        courses: all.filter(ast.isCoursePack).sort(byName),
        plans: all.filter(ast.isActionPlan).sort(byName),
        coverage,
        includeDrafts,
        gaps: coverage.requirements.filter(r => r.state === 'uncovered' || r.state === 'wrong-kind').map(r => r.id)
    };
}

/** Whether a section (or a module) appears in published output. */
export function isPublished(site: SiteModel, node: ast.Governed): boolean {
    const status = effectiveStatus(node);
    return status === 'approved' || (site.includeDrafts && status === 'draft');
}

/** Site-relative page paths, without extension. */
export const pagePath = {
    index: () => 'index',
    coverage: () => 'coverage',
    guidance: (g: ast.Guidance) => `guidance/${g.name}`,
    course: (c: ast.CoursePack, edition: 'trainer' | 'learner') => `courses/${c.name}-${edition}`,
    plan: (p: ast.ActionPlan) => `plans/${p.name}`
};

/** A link from one page to another (both site-relative, without extension), with the page format's extension. */
export function href(from: string, to: string, extension: string, anchor?: string): string {
    const relative = path.posix.relative(path.posix.dirname(from), to) || path.posix.basename(to);
    return `${relative}.${extension}${anchor ? `#${anchor}` : ''}`;
}

/** The guidance document a section belongs to. */
export function documentOf(section: ast.Section): ast.Guidance {
    return AstUtils.getContainerOfType(section, ast.isGuidance)!;
}
