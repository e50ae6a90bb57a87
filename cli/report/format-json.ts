import type { CoverageReport } from '../../language/src/coverage/coverage-report.js';

/** The report as JSON, described by schemas/coverage-report-1.0.schema.json. */
export function formatJson(report: CoverageReport): string {
    return JSON.stringify({ $schema: `urn:gdl:schema:coverage-report:${report.schemaVersion}`, ...report }, null, 2) + '\n';
}
