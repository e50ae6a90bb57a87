import type { CoverageReport, ReportRequirement } from '../../language/src/coverage/coverage-report.js';
import { stateText } from '../../language/src/coverage/coverage-words.js';

/** A column group of the forces × requirements matrix: one recommendation's requirements. */
export interface MatrixGroup {
    key: string;
    /** The recommendation's id, with its framework's when the report has several. */
    label: string;
    /** "For PCCs" when the recommendation is made to others, else null. */
    forOthers: string | null;
    requirements: ReportRequirement[];
}

/** The columns of the forces × requirements matrix (terminal and HTML): the report's requirements, grouped under their recommendation. */
export function matrixColumns(report: CoverageReport): MatrixGroup[] {
    const several = new Set(report.requirements.map(r => r.framework)).size > 1;
    const groups: MatrixGroup[] = [];
    for (const r of report.requirements) {
        const key = `${r.framework}/${r.recommendation}`;
        if (groups.at(-1)?.key !== key) {
            groups.push({
                key,
                label: several ? `${r.framework} ${r.recommendation}` : r.recommendation,
                forOthers: r.state === 'for-others' ? stateText(r) : null,
                requirements: []
            });
        }
        groups.at(-1)!.requirements.push(r);
    }
    return groups;
}

/** A force's cells by `framework/requirement`. */
export function cellsOf<T extends { framework: string; id: string }>(cells: readonly T[]): Map<string, T> {
    return new Map(cells.map(cell => [`${cell.framework}/${cell.id}`, cell]));
}
