// The shape of the server's `gdl/coverage` answer (language/src/coverage-json.ts), as the client reads it.
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

export interface RequirementData {
    id: string;
    recommendation: string;
    framework: string;
    text: string | null;
    untexted: string | null;
    deadlines: string[];
    required: string[];
    state: 'covered' | 'wrong-kind' | 'uncovered';
    uri: string;
    line: number;
    character: number;
    items: CoveringItemData[];
}

export interface CoverageData {
    covered: number;
    total: number;
    percent: number;
    requirements: RequirementData[];
}
