import * as junitModule from 'junit-report-builder';
import type { Builder } from 'junit-report-builder';
import { MultiMap } from 'langium';
import type { CoverageReport, ReportRequirement } from '../../language/src/coverage/coverage-report.js';
import {
    assuranceText,
    countedLabels,
    recipientsText,
    shortfall,
    stateText,
    waiverSummary
} from '../../language/src/coverage/coverage-words.js';

/**
 * JUnit XML: a suite per recommendation of the framework, in its order, a test case per evidence requirement,
 * failing when it is not covered, covered only by the wrong kind, or suspect. A requirement of a recommendation
 * made to others (PCCs…) is skipped: listed, with what the force did to support it, and not counted.
 * Every case carries its level, timeliness and owner as properties and in its message.
 */
export function formatJunit(report: CoverageReport): string {
    const builder = junitBuilder().newBuilder();
    builder.name(
        `GDL coverage${report.force ? ` of ${report.force.title}` : ''} as of ${report.asOf} at the ${report.level} level${report.recipient ? `, recommendations to ${report.recipient}` : ''}`
    );
    const rowsOf = new MultiMap<string, ReportRequirement>();
    for (const r of report.requirements) {
        rowsOf.add(`${r.framework}/${r.recommendation}`, r);
    }
    for (const recommendation of report.recommendations) {
        // A recommendation with no evidence requirements still gets its suite, with no test cases: a placeholder
        // passing case would count something never checked, and the tests would no longer equal the requirements.
        const suite = builder.testSuite().name(`${recommendation.framework} recommendation ${recommendation.id}`);
        suite.property('asOf', report.asOf).property('level', report.level);
        if (report.force) {
            suite.property('force', report.force.title);
        }
        if (recommendation.owner) {
            suite.property('owner', recommendation.owner);
        }
        if (recommendation.forOthers) {
            suite.property('for', recipientsText(recommendation.recipients));
        }
        for (const r of rowsOf.get(`${recommendation.framework}/${recommendation.id}`)) {
            const test = suite.testCase().className(`${r.framework}.${r.recommendation}`).name(r.id).file(r.file);
            test.property('state', stateText(r, true)).property('assurance', assuranceText(r));
            if (r.owner) {
                test.property('owner', r.owner);
            }
            const assurance = `${assuranceText(r)}; owner: ${r.owner ?? 'none named'}`;
            if (r.state === 'uncovered' || r.state === 'wrong-kind' || r.state === 'suspect') {
                test.failure(`${r.id} ${shortfall(r)} (${assurance}): ${r.text ?? r.untexted ?? ''}`, r.state);
            } else if (r.state === 'for-others') {
                const supported = countedLabels(r.items);
                test.skipped().standardOutput(
                    `${stateText(r)}: made to ${recipientsText(r.recipients)}, not the force; listed, not counted${supported ? `; supported by ${supported}` : ''}`
                );
            } else {
                test.standardOutput(
                    `${r.state === 'waived' && r.waiver ? waiverSummary(r.waiver) : `covered by ${countedLabels(r.items)}`} (${assurance})`
                );
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
