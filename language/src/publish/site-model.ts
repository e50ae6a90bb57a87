import * as path from 'node:path';
import { AstUtils, type LangiumDocument } from 'langium';
import type { CoverageModel } from '../coverage/coverage-model.js';
import type { ForceInfo, ForceMap } from '../coverage/forces.js';
import { isSatisfied } from '../coverage/coverage-words.js';
import { effectiveStatus, planStatus } from '../inheritance.js';
import * as ast from '../generated/ast.js';

/** What a build publishes, and where every page and anchor lives. */
export interface SiteModel {
    /** The force the site is for: its guidance, training, plan and coverage (the one force of a workspace that declares none). */
    force: ForceInfo;
    guidance: ast.Guidance[];
    courses: ast.CoursePack[];
    plans: ast.ActionPlan[];
    coverage: CoverageModel;
    includeDrafts: boolean;
    /** Requirements the force has not yet satisfied (not covered, covered by the wrong kind, suspect): every page says so when the build allows gaps. */
    gaps: string[];
    /** Of the gaps, those whose only cover is suspect (approved before the requirement was revised). */
    suspect: string[];
    /** Which force each document answers for. */
    forces: ForceMap;
}

/**
 * Collects what a build publishes for one force (the coverage's), in a stable order: its own documents
 * and the shared ones, as `forces` says; drafts only with `includeDrafts`, withdrawn never.
 */
export function siteModel(documents: LangiumDocument[], coverage: CoverageModel, includeDrafts: boolean, forces: ForceMap): SiteModel {
    const own = documents.filter(d => forces.judges(coverage.force, d.uri.toString()));
    const all = own.flatMap(d => AstUtils.streamAllContents(d.parseResult.value).toArray());
    const publishable = (status: ast.Status) => status === 'approved' || (includeDrafts && status === 'draft');
    const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
    const short = coverage.requirements.filter(r => r.state !== 'for-others' && !isSatisfied(r.state));
    return {
        force: coverage.force,
        guidance: all
            .filter(ast.isGuidance)
            .filter(g => publishable(effectiveStatus(g)) || g.sections.some(s => publishable(effectiveStatus(s))))
            .sort(byName),
        courses: all.filter(ast.isCoursePack).sort(byName),
        plans: all
            .filter(ast.isActionPlan)
            .filter(p => publishable(planStatus(p)))
            .sort(byName),
        coverage,
        includeDrafts,
        gaps: short.map(r => r.id),
        suspect: short.filter(r => r.state === 'suspect').map(r => r.id),
        forces
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

/** The anchors of a page: a plan item's (`recommendation-12`), a requirement's on the coverage page (`requirement-12.3`). */
export const anchor = {
    planItem: (item: ast.PlanItem) => `recommendation-${item.recommendation?.$refText ?? ''}`,
    requirement: (id: string) => `requirement-${id}`
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
