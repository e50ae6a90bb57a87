import * as junitModule from 'junit-report-builder';
import type { Builder } from 'junit-report-builder';
import { MultiMap } from 'langium';
import type { CoverageReport, ReportRequirement } from '../../language/src/coverage/coverage-report.js';
import { countedLabels, shortfall, waiverSummary } from '../../language/src/coverage/coverage-words.js';

/** JUnit XML: a suite per recommendation of the framework, in its order, a test case per evidence requirement, failing when it is not covered. */
export function formatJunit(report: CoverageReport): string {
    const builder = junitBuilder().newBuilder();
    const rowsOf = new MultiMap<string, ReportRequirement>();
    for (const r of report.requirements) {
        rowsOf.add(`${r.framework}/${r.recommendation}`, r);
    }
    for (const recommendation of report.recommendations) {
        // A recommendation with no evidence requirements still gets its suite, with no test cases: a placeholder
        // passing case would count something never checked, and the tests would no longer equal the requirements.
        const suite = builder.testSuite().name(`${recommendation.framework} recommendation ${recommendation.id}`);
        for (const r of rowsOf.get(`${recommendation.framework}/${recommendation.id}`)) {
            const test = suite.testCase().className(`${r.framework}.${r.recommendation}`).name(r.id).file(r.file);
            if (r.state === 'uncovered' || r.state === 'wrong-kind') {
                test.failure(
                    `${r.id} ${shortfall(r)}${r.overdue ? ` and overdue (due ${r.deadline})` : ''}: ${r.text ?? r.untexted ?? ''}`,
                    r.state
                );
            } else {
                test.standardOutput(r.state === 'waived' && r.waiver ? waiverSummary(r.waiver) : `covered by ${countedLabels(r.items)}`);
            }
        }
    }
    return builder.build();
}

// The package is CommonJS compiled from ES modules: Node's ESM loader and esbuild unwrap its default export differently.
function junitBuilder(): Builder {
    const root = junitModule as unknown as { default: Builder & { default?: Builder } };
    return root.default.default ?? root.default;
}
