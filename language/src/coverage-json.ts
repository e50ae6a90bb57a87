import type { CoverageModel, CoverageState } from './coverage-model.js';

/** A covering item as plain data: where it is and whether it counts. */
export interface CoveringItemData {
    kind: string;
    id: string;
    label: string;
    counts: boolean;
    reason?: string;
    uri: string;
    line: number;
    character: number;
}

/** One requirement's coverage as plain data (for the editor's coverage view and machine-readable reports). */
export interface RequirementData {
    id: string;
    recommendation: string;
    framework: string;
    text: string | null;
    untexted: string | null;
    deadlines: string[];
    required: string[];
    state: CoverageState;
    uri: string;
    line: number;
    character: number;
    items: CoveringItemData[];
}

/** The workspace coverage as plain data. */
export interface CoverageData {
    covered: number;
    waived: number;
    total: number;
    percent: number;
    requirements: RequirementData[];
}

/** Converts the coverage model to plain, serialisable data, in framework order. */
export function coverageData(model: CoverageModel, uriOf: (node: import('langium').AstNode) => string): CoverageData {
    return {
        covered: model.covered,
        waived: model.waived,
        total: model.total,
        percent: model.total === 0 ? 100 : Math.round((1000 * (model.covered + model.waived)) / model.total) / 10,
        requirements: model.requirements.map(r => {
            const start = r.evidence.$cstNode?.range.start ?? { line: 0, character: 0 };
            return {
                id: r.id,
                recommendation: String(r.recommendation.name),
                framework: r.framework.name,
                text: r.evidence.text ?? null,
                untexted: r.evidence.untexted ?? null,
                deadlines: r.recommendation.deadlines.map(d => d.date),
                required: [...r.required],
                state: r.state,
                uri: uriOf(r.evidence),
                line: start.line,
                character: start.character,
                items: r.items.map(i => ({ kind: i.kind, id: i.id, label: i.label, counts: i.counts, reason: i.reason, uri: i.uri, line: i.line, character: i.character }))
            };
        })
    };
}
