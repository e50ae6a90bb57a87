import type { CoverageModel, RequirementCoverage } from '../language/src/coverage/coverage-model.js';
import { kindsText } from '../language/src/coverage/coverage-words.js';

/** The coverage summary printed after the problems: the count, then every requirement that falls short. */
export function formatCoverageSummary(model: CoverageModel): string[] {
    const lines: string[] = [];
    const percent = model.total === 0 ? 100 : (100 * (model.covered + model.waived)) / model.total;
    const waived = model.waived > 0 ? `, ${model.waived} waived or not applicable` : '';
    lines.push(`Coverage: ${model.covered}/${model.total} evidence requirements covered${waived} (${percent.toFixed(1)}%)`);
    const uncovered = model.requirements.filter(r => r.state === 'uncovered');
    const wrongKind = model.requirements.filter(r => r.state === 'wrong-kind');
    if (uncovered.length > 0) {
        lines.push('', `Not covered (${uncovered.length}):`);
        for (const requirement of uncovered) {
            lines.push(...describe(requirement));
        }
    }
    if (wrongKind.length > 0) {
        lines.push('', `Covered by the wrong kind (${wrongKind.length}):`);
        for (const requirement of wrongKind) {
            lines.push(...describe(requirement));
            const kinds = [...new Set(requirement.items.filter(i => i.counts).map(i => i.kind))];
            lines.push(`      needs ${kindsText(requirement.required)}; covered only by ${kindsText(kinds)}`);
        }
    }
    return lines;
}

function describe(requirement: RequirementCoverage): string[] {
    const text = requirement.evidence.text ?? `[no text in the source: ${requirement.evidence.untexted ?? 'not recorded'}]`;
    const deadlines = requirement.recommendation.deadlines.map(d => d.date).join(', ');
    const lines = [
        `  ${requirement.id}  (recommendation ${requirement.recommendation.name}${deadlines ? `, due ${deadlines}` : ''}) ${oneLine(text)}`
    ];
    const pending = requirement.items.filter(i => !i.counts);
    if (pending.length > 0) {
        lines.push(`      addressed only by ${pending.map(i => `${i.label} (${i.reason})`).join(', ')}`);
    }
    return lines;
}

function oneLine(text: string): string {
    return text.replace(/\s*\n\s*/g, ' ');
}
