import { MultilineCommentHoverProvider } from 'langium/lsp';
import { CstUtils, GrammarAST, type AstNode, type LangiumDocument, type MaybePromise } from 'langium';
import type { Hover, HoverParams } from 'vscode-languageserver';
import type { GdlServices } from '../gdl-module.js';
import type { WorkspaceFacts } from '../coverage/workspace-facts.js';
import { assuranceText, coverageLine, recipientsText } from '../coverage/coverage-words.js';
import { effectiveStatus } from '../inheritance.js';
import * as ast from '../generated/ast.js';
import { assessmentLine, runningOrderLine, runningOrderTable } from '../training/module-summary.js';
import { coverageOf, documentCoverage, stateLine, stateWords, timelinessLine } from './gdl-force-coverage.js';
import { forceName } from '../coverage/forces.js';
import { durationText, minutesOf } from '../training/durations.js';
import { questionKind } from '../training/quiz.js';

/** Most forces a hover on shared material lists, one line each. */
const MAX_FORCES_LISTED = 12;

/**
 * Hover on any id: a requirement's full text, deadline and coverage (state, level, timeliness) for
 * the force of the file hovered in, or for every force in shared material; a section's title and
 * status; and so on.
 */
export class GdlHoverProvider extends MultilineCommentHoverProvider {
    private readonly facts: WorkspaceFacts;

    constructor(services: GdlServices) {
        super(services);
        this.facts = services.gdl.WorkspaceFacts;
    }

    // Langium's own, but telling the content which document is hovered in: coverage is per force.
    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const root = document.parseResult?.value?.$cstNode;
        if (!root) {
            return undefined;
        }
        const offset = document.textDocument.offsetAt(params.position);
        const cstNode = CstUtils.findDeclarationNodeAtOffset(root, offset, this.grammarConfig.nameRegexp);
        if (!cstNode || cstNode.offset + cstNode.length <= offset) {
            return undefined;
        }
        const contents: string[] = [];
        for (const target of this.references.findDeclarations(cstNode)) {
            const content = await this.getAstNodeHoverContent(target, document.uri.toString());
            if (typeof content === 'string') {
                contents.push(content);
            }
        }
        if (contents.length > 0) {
            return { contents: { kind: 'markdown', value: contents.join(' ') } };
        }
        return GrammarAST.isKeyword(cstNode.grammarSource) ? this.getKeywordHoverContent(cstNode.grammarSource) : undefined;
    }

    protected override getAstNodeHoverContent(node: AstNode, uri = ''): MaybePromise<string | undefined> {
        if (ast.isEvidence(node)) {
            const recommendation = node.$container;
            const deadlines = recommendation.deadlines.map(d => (d.label ? `${d.date} (${d.label})` : d.date)).join(', ');
            const text = node.text ?? `*No text in the source: ${node.untexted ?? 'not recorded'}*`;
            return [
                `**Evidence requirement ${node.name}** — recommendation ${recommendation.name} of ${recommendation.$container.name}${deadlines ? `, due ${deadlines}` : ''}${node.revised ? `; text revised ${node.revised}` : ''}`,
                quote(text),
                this.coverageText(node, uri)
            ]
                .filter(Boolean)
                .join('\n\n');
        }
        if (ast.isForce(node)) {
            const model = this.facts.workspaceCoverage().models.find(m => m.force.node === node);
            const figures = model
                ? `\n\nCoverage at the ${model.level} level: ${model.covered} of ${model.total} covered${model.suspect > 0 ? `, ${model.suspect} suspect` : ''}${model.forOthers > 0 ? `; ${model.forOthers} made to others` : ''}`
                : '';
            return `**Force ${node.name}** — ${node.title}${figures}`;
        }
        if (ast.isExhibit(node)) {
            const facts = [
                node.kind && `Kind: ${node.kind}`,
                node.dated && `dated ${node.dated}`,
                node.owner && `owner ${node.owner}`,
                node.verifiedBy && `verified by ${node.verifiedBy}${node.verified ? ` on ${node.verified}` : ''}`
            ].filter(Boolean);
            return `**Exhibit ${node.name}** — ${node.title}${facts.length > 0 ? `\n\n${facts.join('; ')}` : ''}`;
        }
        if (ast.isRecommendation(node)) {
            const deadlines = node.deadlines.map(d => d.date).join(', ');
            const to = node.recipients.length > 0 ? `, to ${recipientsText(node.recipients)}` : '';
            return `**Recommendation ${node.name}**${deadlines ? ` — due ${deadlines}` : ''}${to}\n\n${quote(node.text ?? '')}\n\nEvidence: ${node.evidence.map(e => e.name).join(', ') || 'none listed'}`;
        }
        if (ast.isGoverned(node)) {
            const kind = ast.isSection(node) ? 'Section' : ast.isGuidance(node) ? 'Guidance' : 'Training module';
            const addresses = ast.isSection(node) ? node.addresses.map(r => r.$refText) : [];
            const training = ast.isTrainingModule(node)
                ? `\n\n${runningOrderLine(node)}; ${assessmentLine(node)}${node.steps.length > 0 ? `\n\n${runningOrderTable(node)}` : ''}`
                : '';
            return `**${kind} ${node.name}** — ${node.title}\n\nStatus: ${effectiveStatus(node)}${addresses.length > 0 ? `\n\nAddresses: ${addresses.join(', ')}` : ''}${training}`;
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
        const training = trainingHover(node);
        if (training) {
            return training;
        }
        if (ast.isCoursePack(node) || ast.isFramework(node) || ast.isActionPlan(node) || ast.isCurriculum(node)) {
            return `**${node.name}** — ${node.title}`;
        }
        return super.getAstNodeHoverContent(node);
    }

    /**
     * A requirement's coverage for the force of the file hovered in: what covers it, its state, the
     * level it reaches and when it was met or is due; in shared material, one line per force.
     */
    private coverageText(evidence: ast.Evidence, uri: string): string {
        const shown = documentCoverage(this.facts, uri);
        const found = coverageOf(shown, evidence);
        if (found.length === 0) {
            return '';
        }
        if (found.length === 1) {
            const { model, coverage } = found[0]!;
            const timeliness = timelinessLine(coverage);
            return [
                `**Coverage${shown.named ? ` (${forceName(model.force)})` : ''}:** ${coverageLine(coverage)}`,
                [
                    `**State:** ${stateWords(coverage)}`,
                    `**Level:** ${assuranceText({ level: coverage.level })} (${model.level} counts)`,
                    ...(timeliness ? [`**Timeliness:** ${timeliness}`] : [])
                ].join(' · ')
            ].join('\n\n');
        }
        const levels = [...new Set(found.map(f => f.model.level))];
        const lines = found
            .slice(0, MAX_FORCES_LISTED)
            .map(
                ({ model, coverage }) =>
                    `- **${forceName(model.force)}**: ${stateLine(coverage)}${levels.length > 1 ? ` (${model.level} counts)` : ''}`
            );
        const more = found.length > MAX_FORCES_LISTED ? [`- and ${found.length - MAX_FORCES_LISTED} more forces`] : [];
        return [`**Coverage by force**${levels.length === 1 ? ` (${levels[0]} counts)` : ''}:`, ...lines, ...more].join('\n');
    }
}

/** Hover on the parts of a module a trainer names: a handout, a question pool, a knowledge check, an activity. */
function trainingHover(node: AstNode): string | undefined {
    if (ast.isHandout(node)) {
        const editions = node.editions.length > 0 ? node.editions : ['trainer'];
        const facts = [`File: ${node.file ?? 'none given'}`, `in the ${editions.join(' and ')} edition${editions.length > 1 ? 's' : ''}`];
        return `**Handout ${node.name}** — ${node.title}\n\n${facts.join('; ')}${node.description ? `\n\n${node.description}` : ''}`;
    }
    if (ast.isQuestionPool(node)) {
        const checks = node.checks.map(c => c.$refText);
        return `**Question pool ${node.name}**${node.title ? ` — ${node.title}` : ''}\n\nDraws ${node.draw} of ${checks.length} at each attempt: ${checks.join(', ')}`;
    }
    if (ast.isKnowledgeCheck(node)) {
        return `**Knowledge check ${node.name}** (${questionKind(node)}, module ${node.$container.name})${node.question ? `\n\n${node.question}` : ''}`;
    }
    if (ast.isActivity(node)) {
        const minutes = minutesOf(node.duration);
        return `**Activity ${node.name}** — ${node.title}${minutes === undefined ? '' : ` (${durationText(minutes)})`}\n\nSupports: ${node.supports.map(s => s.$refText).join(', ') || 'nothing'}`;
    }
    return undefined;
}

function quote(text: string): string {
    return text
        .split('\n')
        .map(line => `> ${line}`)
        .join('\n');
}
