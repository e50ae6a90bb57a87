import { AstUtils, type LangiumDocument } from 'langium';
import type { CoverageModel } from './coverage-model.js';
import { effectiveStatus } from '../inheritance.js';
import * as ast from '../generated/ast.js';
import { count } from '../wording.js';
import { planItemState } from './plan-history.js';

/**
 * What the check looked at, in a writer's and an auditor's terms: the frameworks, the material that
 * answers them, what covers the requirements by kind, and the next review that falls due.
 */
export function formatWorkspaceSummary(
    documents: LangiumDocument[],
    models: CoverageModel | readonly CoverageModel[],
    asOf: string
): string[] {
    const elements = documents.flatMap(d => (ast.isGdlFile(d.parseResult.value) ? d.parseResult.value.elements : []));
    const lines: string[] = [];
    for (const framework of elements.filter(ast.isFramework).sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''))) {
        const evidence = framework.recommendations.flatMap(r => r.evidence);
        const untexted = evidence.filter(e => e.text === undefined).length;
        lines.push(
            `Framework ${framework.name}: ${count(framework.recommendations.length, 'recommendation')}, ${count(evidence.length, 'evidence requirement')}${untexted > 0 ? ` (${untexted} without text in the source)` : ''}.`
        );
    }
    const guidance = elements.filter(ast.isGuidance);
    const sections = guidance.flatMap(g => AstUtils.streamAllContents(g).filter(ast.isSection).toArray());
    const modules = elements.filter(ast.isTrainingModule);
    const plans = elements.filter(ast.isActionPlan);
    const items = plans.flatMap(p => p.items);
    const parts = [
        `${count(guidance.length, 'guidance document')} (${count(sections.length, 'section')})`,
        count(modules.length, 'training module'),
        count(elements.filter(ast.isCoursePack).length, 'course pack'),
        `${count(plans.length, 'action plan')}${items.length > 0 ? ` (${items.filter(i => planItemState(i, asOf).status === 'complete').length} of ${items.length} ${items.length === 1 ? 'item' : 'items'} complete)` : ''}`
    ];
    lines.push(`Answered by ${parts.join(', ')}.`);
    const counted = [models].flat().flatMap(model => model.requirements.flatMap(r => r.items.filter(i => i.counts)));
    const byKind = (kind: string) => new Set(counted.filter(i => i.kind === kind).map(i => i.id)).size;
    if (counted.length > 0) {
        lines.push(
            `Covering items that count: ${count(byKind('guidance'), 'guidance section')}, ${count(byKind('training'), 'learning outcome')}, ${count(byKind('action'), 'completed plan item')}.`
        );
    }
    const reviews = [...guidance, ...sections, ...modules]
        .filter(n => n.reviewBy !== undefined && n.reviewBy >= asOf && effectiveStatus(n) === 'approved')
        .sort((a, b) => a.reviewBy!.localeCompare(b.reviewBy!) || (a.name ?? '').localeCompare(b.name ?? ''));
    const next = reviews[0];
    if (next) {
        const what = ast.isTrainingModule(next) ? 'module' : ast.isSection(next) ? 'section' : 'guidance';
        lines.push(
            `Next review due: ${next.reviewBy} (${what} ${next.name}${reviews.length > 1 ? `; ${reviews.filter(r => r.reviewBy === next.reviewBy).length - 1} more that day` : ''}).`
        );
    }
    return lines;
}
