import { MultilineCommentHoverProvider } from 'langium/lsp';
import type { AstNode, MaybePromise } from 'langium';
import type { GdlServices } from '../gdl-module.js';
import type { WorkspaceFacts } from '../coverage/workspace-facts.js';
import { coverageLine } from '../coverage/coverage-words.js';
import { effectiveStatus } from '../inheritance.js';
import * as ast from '../generated/ast.js';

/** Hover on any id: a requirement's full text, deadline and coverage; a section's title and status; and so on. */
export class GdlHoverProvider extends MultilineCommentHoverProvider {
    private readonly facts: WorkspaceFacts;

    constructor(services: GdlServices) {
        super(services);
        this.facts = services.gdl.WorkspaceFacts;
    }

    protected override getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        if (ast.isEvidence(node)) {
            const recommendation = node.$container;
            const deadlines = recommendation.deadlines.map(d => (d.label ? `${d.date} (${d.label})` : d.date)).join(', ');
            const text = node.text ?? `*No text in the source: ${node.untexted ?? 'not recorded'}*`;
            const coverage = this.facts.coverageModel().of(node);
            return [
                `**Evidence requirement ${node.name}** — recommendation ${recommendation.name} of ${recommendation.$container.name}${deadlines ? `, due ${deadlines}` : ''}`,
                quote(text),
                coverage ? `**Coverage:** ${coverageLine(coverage)}` : ''
            ]
                .filter(Boolean)
                .join('\n\n');
        }
        if (ast.isRecommendation(node)) {
            const deadlines = node.deadlines.map(d => d.date).join(', ');
            return `**Recommendation ${node.name}**${deadlines ? ` — due ${deadlines}` : ''}\n\n${quote(node.text ?? '')}\n\nEvidence: ${node.evidence.map(e => e.name).join(', ') || 'none listed'}`;
        }
        if (ast.isGoverned(node)) {
            const kind = ast.isSection(node) ? 'Section' : ast.isGuidance(node) ? 'Guidance' : 'Training module';
            const addresses = ast.isSection(node) ? node.addresses.map(r => r.$refText) : [];
            return `**${kind} ${node.name}** — ${node.title}\n\nStatus: ${effectiveStatus(node)}${addresses.length > 0 ? `\n\nAddresses: ${addresses.join(', ')}` : ''}`;
        }
        if (ast.isLearningOutcome(node)) {
            return `**Learning outcome ${node.name}** (module ${node.$container.name})\n\n${node.text}\n\nMaps: ${node.maps.map(m => m.$refText).join(', ') || 'nothing'}; addresses: ${node.addresses.map(r => r.$refText).join(', ') || 'nothing'}`;
        }
        if (ast.isCurriculumOutcome(node)) {
            return `**Curriculum outcome ${node.name}** (${node.$container.title})\n\n${quote(node.text)}`;
        }
        if (ast.isProvision(node)) {
            return `**${node.$container.title}, ${node.name}** — ${node.title}${node.summary ? `\n\n${node.summary}` : ''}${node.address ? `\n\n[legislation.gov.uk](${node.address})` : ''}`;
        }
        if (ast.isAudience(node)) {
            return `**Audience ${node.name}** — ${node.title}${node.description ? `\n\n${node.description}` : ''}`;
        }
        if (ast.isCoursePack(node) || ast.isFramework(node) || ast.isActionPlan(node) || ast.isCurriculum(node)) {
            return `**${node.name}** — ${node.title}`;
        }
        return super.getAstNodeHoverContent(node);
    }
}

function quote(text: string): string {
    return text
        .split('\n')
        .map(line => `> ${line}`)
        .join('\n');
}
