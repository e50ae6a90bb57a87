import type { CoverageModel, RequirementCoverage } from '../language/src/coverage/coverage-model.js';
import { kindsText, levelNames, levelText, timelinessNames } from '../language/src/coverage/coverage-words.js';
import { forceName } from '../language/src/coverage/forces.js';
import { count } from '../language/src/wording.js';
import { append } from '../language/src/arrays.js';

/**
 * The coverage summary printed after the problems: the count at the level asked for, then every
 * requirement that falls short. `named`: the workspace has several forces, so each summary says whose it is.
 */
export function formatCoverageSummary(model: CoverageModel, named = false): string[] {
    const lines: string[] = [];
    const percent = model.total === 0 ? 100 : (100 * (model.covered + model.waived)) / model.total;
    const waived = model.waived > 0 ? `, ${model.waived} waived or not applicable` : '';
    const whose = named ? ` for ${forceName(model.force)}` : '';
    const late = model.requirements.filter(r => r.timeliness === 'met-late').length;
    lines.push(
        `Coverage${whose}: ${model.covered}/${model.total} evidence requirements covered${waived} (${percent.toFixed(1)}%) at the ${model.level} level (${levelNames[model.level].meaning})${late > 0 ? `; ${late} met late` : ''}`
    );
    const others = model.requirements.filter(r => r.state === 'for-others');
    if (others.length > 0) {
        lines.push(`  and ${count(others.length, 'evidence requirement')} of recommendations made to others, listed but not counted`);
    }
    const groups: Array<[string, RequirementCoverage[]]> = [
        ['Not covered', model.requirements.filter(r => r.state === 'uncovered')],
        [
            'Suspect: covered only by cover approved before the requirement was revised',
            model.requirements.filter(r => r.state === 'suspect')
        ],
        ['Covered by the wrong kind', model.requirements.filter(r => r.state === 'wrong-kind')]
    ];
    for (const [title, requirements] of groups) {
        if (requirements.length === 0) {
            continue;
        }
        lines.push(
            '',
            `${named ? `${forceName(model.force)}, ${title.charAt(0).toLowerCase()}${title.slice(1)}` : title} (${requirements.length}):`
        );
        for (const requirement of requirements) {
            append(lines, describe(requirement));
            if (requirement.state === 'wrong-kind') {
                const kinds = [...new Set(requirement.items.filter(i => i.counts).map(i => i.kind))];
                lines.push(`      needs ${kindsText(requirement.required)}; covered only by ${kindsText(kinds)}`);
            }
        }
    }
    return lines;
}

function describe(requirement: RequirementCoverage): string[] {
    const text = requirement.evidence.text ?? `[no text in the source: ${requirement.evidence.untexted ?? 'not recorded'}]`;
    const deadlines = requirement.recommendation.deadlines.map(d => d.date).join(', ');
    const lines = [
        `  ${requirement.id}  (recommendation ${requirement.recommendation.name}${deadlines ? `, due ${deadlines}` : ''}; ${levelText(requirement)}${requirement.timeliness ? `, ${timelinessNames[requirement.timeliness]}` : ''}) ${oneLine(text)}`
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
