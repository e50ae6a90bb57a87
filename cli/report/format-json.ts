import type { CoverageReport } from '../../language/src/coverage/coverage-report.js';

/**
 * The report as JSON, described by schemas/coverage-report-1.2.schema.json (1.0 and 1.1 are kept for their readers:
 * 1.1 only adds fields, among them `byForce`, the forces × requirements matrix, with --by-force; 1.2 adds the plan
 * status `unstated`).
 */
export function formatJson(report: CoverageReport): string {
    return JSON.stringify({ $schema: `urn:gdl:schema:coverage-report:${report.schemaVersion}`, ...report }, null, 2) + '\n';
}
