import type { CoverageModel, RequirementCoverage } from '../coverage/coverage-model.js';
import { assuranceText, stateText, timelinessNames } from '../coverage/coverage-words.js';
import type { WorkspaceFacts } from '../coverage/workspace-facts.js';
import type * as ast from '../generated/ast.js';

/** The coverage the editor shows in a document: its force's, or every judged force's for shared material (the framework). */
export interface DocumentCoverage {
    /** One model when the document belongs to a force (or the workspace declares none), else one per force judged. */
    readonly models: readonly CoverageModel[];
    /** Whether the workspace names its forces: then the editor names the force it speaks of. */
    readonly named: boolean;
}

/** The coverage to show in the document at `uri`. */
export function documentCoverage(facts: WorkspaceFacts, uri: string): DocumentCoverage {
    const all = facts.workspaceCoverage();
    const own = all.forces.of(uri);
    return { models: own ? [facts.coverageModel(uri)] : facts.judgedModels(), named: all.forces.declared };
}

/** The coverage of one requirement in each model, skipping models that do not list it. */
export function coverageOf(
    coverage: DocumentCoverage,
    evidence: ast.Evidence
): Array<{ model: CoverageModel; coverage: RequirementCoverage }> {
    return coverage.models.flatMap(model => {
        const found = model.of(evidence);
        return found ? [{ model, coverage: found }] : [];
    });
}

/** A requirement's state as a reader says it: "Covered", "For PCCs". */
export function stateWords(coverage: RequirementCoverage): string {
    return stateText({ state: coverage.state, recipients: coverage.recommendation.recipients });
}

/** A requirement's state, level and timeliness in one phrase: "Covered — evidenced, on time (2025-01-10, due 2025-03-27)". */
export function stateLine(coverage: RequirementCoverage): string {
    // The model's coverage is a class whose first-met date is a getter: named here, not spread (a spread drops getters).
    const timely = coverage.state === 'for-others' || coverage.state === 'waived' ? undefined : coverage.timeliness;
    return `${stateWords(coverage)} — ${assuranceText({ level: coverage.level, items: coverage.items, timeliness: timely, firstMet: coverage.firstMet, deadline: coverage.deadline })}`;
}

/** A requirement's timeliness with its dates: "on time: first met 2025-01-10, due 2025-03-27"; undefined when it has none. */
export function timelinessLine(coverage: RequirementCoverage): string | undefined {
    if (!coverage.timeliness) {
        return undefined;
    }
    const dates = [coverage.firstMet && `first met ${coverage.firstMet}`, coverage.deadline && `due ${coverage.deadline}`].filter(Boolean);
    return `${timelinessNames[coverage.timeliness]}${dates.length > 0 ? `: ${dates.join(', ')}` : ''}`;
}
