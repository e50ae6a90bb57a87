import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AstUtils, type LangiumDocument, type URI } from 'langium';
import type { CoverageModel } from '../coverage/coverage-model.js';
import type { ForceInfo, ForceMap } from '../coverage/forces.js';
import { isSatisfied } from '../coverage/coverage-words.js';
import { effectiveStatus, planStatus } from '../inheritance.js';
import { reallyInside, workspaceFileUri } from '../validation/workspace-file.js';
import * as ast from '../generated/ast.js';
import { codeSpanTexts } from './mdast-helpers.js';

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
    /** The bytes of every handout of the courses' modules that could be read (a missing one is the check's to report). */
    handoutFiles: ReadonlyMap<ast.Handout, Buffer>;
}

/** Reads a workspace file's bytes, or undefined when it cannot (missing, a folder, unreadable). */
export type ReadFile = (uri: URI) => Buffer | undefined;

const readFromDisk: ReadFile = uri => {
    try {
        return uri.scheme === 'file' ? readFileSync(uri.fsPath) : undefined;
    } catch {
        return undefined;
    }
};

/**
 * Collects what a build publishes for one force (the coverage's), in a stable order: its own documents
 * and the shared ones, as `forces` says; drafts only with `includeDrafts`, withdrawn never.
 */
export function siteModel(
    documents: LangiumDocument[],
    coverage: CoverageModel,
    includeDrafts: boolean,
    forces: ForceMap,
    files: { root?: string; read?: ReadFile } = {}
): SiteModel {
    const own = documents.filter(d => forces.judges(coverage.force, d.uri.toString()));
    const all = own.flatMap(d => AstUtils.streamAllContents(d.parseResult.value).toArray());
    const publishable = (status: ast.Status) => status === 'approved' || (includeDrafts && status === 'draft');
    const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
    const short = coverage.requirements.filter(r => r.state !== 'for-others' && !isSatisfied(r.state));
    const courses = all.filter(ast.isCoursePack).sort(byName);
    return {
        force: coverage.force,
        guidance: all
            .filter(ast.isGuidance)
            .filter(g => publishable(effectiveStatus(g)) || g.sections.some(s => publishable(effectiveStatus(s))))
            .sort(byName),
        courses,
        plans: all
            .filter(ast.isActionPlan)
            .filter(p => publishable(planStatus(p)))
            .sort(byName),
        coverage,
        includeDrafts,
        gaps: short.map(r => r.id),
        suspect: short.filter(r => r.state === 'suspect').map(r => r.id),
        forces,
        handoutFiles: readHandouts(courses, files.root, files.read ?? readFromDisk)
    };
}

/**
 * Where a handout's file is: its path resolved against the folder of the file that declares it (as an
 * exhibit's is). Undefined for a path that could never be a workspace file (absolute, a URL, a
 * backslash) or that leaves `root`, by its path or through a link: the check reports those, and the
 * build must never read them.
 */
export function handoutSource(handout: ast.Handout, root?: string): URI | undefined {
    const roots = root === undefined ? [] : [root];
    const target = handout.file ? workspaceFileUri(AstUtils.getDocument(handout).uri, handout.file, roots) : undefined;
    return target && reallyInside(target, roots) ? target : undefined;
}

// Read once per build, here and not in the page builders, which stay pure: they are given the bytes.
function readHandouts(courses: ast.CoursePack[], root: string | undefined, read: ReadFile): Map<ast.Handout, Buffer> {
    const out = new Map<ast.Handout, Buffer>();
    for (const module of courses.flatMap(c => c.modules.map(m => m.ref))) {
        for (const handout of module?.handouts ?? []) {
            const source = out.has(handout) ? undefined : handoutSource(handout, root);
            const content = source && read(source);
            if (content) {
                out.set(handout, content);
            }
        }
    }
    return out;
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

// Each site's published ids and where each is: a guidance document's page, a section's place on its page, a plan's page.
const targetsOfSite = new WeakMap<SiteModel, Map<string, { page: string; anchor?: string }>>();

function publishedTargets(site: SiteModel): Map<string, { page: string; anchor?: string }> {
    let targets = targetsOfSite.get(site);
    if (!targets) {
        targets = new Map();
        for (const guidance of site.guidance) {
            const page = pagePath.guidance(guidance);
            targets.set(guidance.name, { page });
            for (const section of AstUtils.streamAllContents(guidance).filter(ast.isSection)) {
                if (isPublished(site, section)) {
                    targets.set(section.name, { page, anchor: section.name });
                }
            }
        }
        for (const plan of site.plans) {
            targets.set(plan.name, { page: pagePath.plan(plan) });
        }
        targetsOfSite.set(site, targets);
    }
    return targets;
}

/**
 * The published ids a prose names in code spans (`ec-risk`), each with its address from `page` (in the page format's
 * `extension`): what `later` is given so that the reader can follow the reference. Ids that are not published (a
 * draft section, another force's guidance, a word in code that is no id) are left as they are written.
 */
export function proseLinks(site: SiteModel, page: string, extension: string, markdown: string): Record<string, string> {
    // No prototype: an id may be any name, `__proto__` and `constructor` included, and each is a key like any other.
    const links: Record<string, string> = Object.create(null) as Record<string, string>;
    const targets = publishedTargets(site);
    for (const id of codeSpanTexts(markdown)) {
        const target = targets.get(id);
        if (target && target.page !== page) {
            links[id] = href(page, target.page, extension, target.anchor);
        } else if (target?.anchor !== undefined) {
            links[id] = `#${target.anchor}`;
        }
    }
    return links;
}
