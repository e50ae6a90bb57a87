import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot } from './repository.js';

/** One recommendation of the 2024 report as the vendored reference data records it (tests/reference/README.md). */
export interface ReferenceRecommendation {
    id: string;
    recipient: string;
    deadline: string;
    text: string;
    evidence: Array<{ id: string; text: string | null }>;
    source: string;
    notes?: string;
}

/** The report's recommendations and evidence requirements, from `tests/reference/recommendations.json`. */
export function referenceRecommendations(): ReferenceRecommendation[] {
    return JSON.parse(
        readFileSync(path.join(repositoryRoot(), 'tests/reference/recommendations.json'), 'utf8')
    ) as ReferenceRecommendation[];
}
