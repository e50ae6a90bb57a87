import type { Element, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import type { AstNode, LangiumDocument } from 'langium';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { CoverageModel } from '../coverage/coverage-model.js';
import type { ForceMap } from '../coverage/forces.js';
import * as ast from '../generated/ast.js';
import { startOf } from '../syntax-trees.js';
import { coursePage } from './course-page.js';
import type { Edition } from './course-handouts.js';
import { guidancePage } from './guidance-page.js';
import { planPage } from './plan-page.js';
import { renderHtml, shellFor } from './render-html.js';
import { anchor, siteModel, type SiteModel } from './site-model.js';
import type { PageTemplates } from './site-templates.js';

/** Where a heading of the preview is in the source: its anchor (the published page's) and the zero-based line it starts on. */
export interface PreviewSection {
    id: string;
    line: number;
}

/** One document's page as `gdl build` would publish it, for the editor's preview. */
export interface Preview {
    /** The page's content (what the published page holds between its marking banners, banners included), sanitised by the build's pipeline. */
    html: string;
    /** The page's title, as the published page's heading says it; empty when the document publishes no page. */
    title: string;
    /** What is shown: a guidance page, a course pack edition, an action plan, or nothing (a framework, a vocabulary). */
    kind: 'guidance' | 'course' | 'plan' | 'none';
    /** The edition shown, for a course pack or a training module. */
    edition?: Edition;
    /** The anchors of the page with the source line each starts on, in source order. */
    sections: PreviewSection[];
}

/** What the preview is made from: the workspace's documents (the editor's unsaved text), the coverage of the document's force, and the templates. */
export interface PreviewInput {
    documents: LangiumDocument[];
    coverage: CoverageModel;
    forces: ForceMap;
    templates: PageTemplates;
    /** The workspace folder: handouts are read from inside it only, as the build reads them. */
    root?: string;
    /** The site model of these documents and this coverage, when the caller keeps one between previews (it reads every handout). */
    site?: SiteModel;
}

const lineOf = (node: AstNode) => startOf(node).line;

/**
 * The page of the document at `uri` as the build publishes it, through the same page builders and the
 * same sanitising renderer: a guidance document's page; for a training module, the edition (trainer by
 * default) of the course pack that holds it, with that module alone; a course pack's edition; an action
 * plan's page. Drafts are shown (a writer previews what they are writing); the page says their status.
 */
export async function previewPage(input: PreviewInput, uri: string, edition: Edition = 'trainer'): Promise<Preview> {
    const document = input.documents.find(d => d.uri.toString() === uri);
    const elements = document && ast.isGdlFile(document.parseResult.value) ? document.parseResult.value.elements : [];
    const site = input.site ?? previewSite(input);
    const guidance = elements.find(ast.isGuidance);
    if (guidance) {
        const sections = guidanceSections(guidance.sections);
        return render(input, site, guidancePage(site, guidance, 'html'), guidance.title, 'guidance', sections);
    }
    const course = elements.find(ast.isCoursePack) ?? packOf(site, elements.find(ast.isTrainingModule));
    if (course) {
        const page = coursePage(site, course, edition, input.templates.editions[edition], { evaluation: input.templates.evaluation });
        const modules = course.modules.map(m => m.ref).filter((m): m is ast.TrainingModule => m !== undefined);
        const sections = modules.map(m => ({ id: m.name, line: lineOf(m) }));
        return { ...(await render(input, site, page, `${course.title}: ${edition} edition`, 'course', sections)), edition };
    }
    const plan = elements.find(ast.isActionPlan);
    if (plan) {
        const items = plan.items.map(item => ({ id: anchor.planItem(item), line: lineOf(item) }));
        return render(input, site, planPage(site, plan, 'html'), plan.title, 'plan', items);
    }
    return { html: '', title: '', kind: 'none', sections: [] };
}

/** The site model a preview shows: drafts included, as a writer previews what they are writing. */
export function previewSite(input: PreviewInput): SiteModel {
    return siteModel(input.documents, input.coverage, true, input.forces, { root: input.root });
}

/** Every section of a guidance document, nested ones too, in source order. */
function guidanceSections(sections: readonly ast.Section[]): PreviewSection[] {
    return sections.flatMap(s => [{ id: s.name, line: lineOf(s) }, ...guidanceSections(s.sections)]);
}

/**
 * The course pack a module is published in, narrowed to that module: the first pack that lists it, or
 * (a module no pack lists yet) a pack of its own, as it would be published once one does.
 */
function packOf(site: SiteModel, module: ast.TrainingModule | undefined): ast.CoursePack | undefined {
    if (!module) {
        return undefined;
    }
    const pack = site.courses.find(c => c.modules.some(m => m.ref === module));
    const only = (pack?.modules ?? []).filter(m => m.ref === module);
    const own = {
        $type: 'CoursePack',
        name: module.name,
        title: module.title,
        audiences: module.audiences,
        editions: [],
        owner: module.owner
    };
    return { ...(pack ?? own), modules: only.length > 0 ? only : [{ ref: module, $refText: module.name }] } as unknown as ast.CoursePack;
}

/** The page through the build's renderer (sanitised, GOV.UK classes, marking banners), then only its body's content. */
async function render(
    input: PreviewInput,
    site: SiteModel,
    tree: Root,
    title: string,
    kind: Preview['kind'],
    sections: PreviewSection[]
): Promise<Preview> {
    const shell = shellFor(input.templates.shell, site.force.title);
    const page = fromHtml(await renderHtml(tree, title, shell, 0, input.templates.classification));
    let content: ElementContent[] = [];
    visit(page, 'element', (node: Element) => {
        if (node.tagName === 'main') {
            content = node.children;
        }
    });
    const banners: ElementContent[] = [];
    visit(page, 'element', (node: Element) => {
        if (node.tagName === 'div' && String(node.properties.className ?? '').includes('gdl-classification')) {
            banners.push(node);
        }
    });
    const html = toHtml({ type: 'root', children: [banners[0], ...content, banners[1]].filter(n => n !== undefined) });
    return { html, title, kind, sections };
}
