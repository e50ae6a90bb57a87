import type { Location, Log, ReportingDescriptor, Result } from 'sarif';
import { Codes } from '../../language/src/validation/diagnostic-codes.js';
import type { CoverageReport, ReportRequirement, SourceLocation } from '../../language/src/coverage/coverage-report.js';
import { shortfall } from '../../language/src/coverage/coverage-words.js';

const rules = [Codes['evidence-not-covered'], Codes['evidence-wrong-kind'], Codes['waiver-expired']];

function location(place: SourceLocation, message: string): Location {
    return {
        physicalLocation: {
            artifactLocation: { uri: place.file.split('\\').join('/') },
            region: { startLine: place.line, startColumn: place.column }
        },
        message: { text: message }
    };
}

function ruleOf(r: ReportRequirement) {
    if (r.state === 'wrong-kind') {
        return Codes['evidence-wrong-kind'];
    }
    return r.waiver?.expired ? Codes['waiver-expired'] : Codes['evidence-not-covered'];
}

/** SARIF 2.1.0: each gap a result whose rule id is its GDL code, located at the requirement and at the plan entries. */
export function formatSarif(report: CoverageReport, toolVersion: string): string {
    const results: Result[] = report.requirements
        .filter(r => r.state === 'uncovered' || r.state === 'wrong-kind')
        .map(r => {
            const rule = ruleOf(r);
            const what =
                r.state === 'uncovered' && r.waiver?.expired
                    ? `${shortfall(r)} and its waiver expired on ${r.waiver.expires}`
                    : shortfall(r);
            return {
                ruleId: rule.code,
                ruleIndex: rules.indexOf(rule),
                level: 'error',
                message: {
                    text: `Evidence requirement ${r.id} (recommendation ${r.recommendation}) ${what}${r.overdue ? `; due ${r.deadline}` : ''}: ${r.text ?? r.untexted ?? ''}`
                },
                locations: [
                    location(r, `evidence requirement ${r.id}`),
                    ...r.planEntries.map(p => location(p, `plan entry for recommendation ${r.recommendation}`))
                ],
                partialFingerprints: { requirement: `${r.framework}/${r.id}` }
            };
        });
    const descriptors: ReportingDescriptor[] = rules.map(rule => ({
        id: rule.code,
        name: rule.name,
        shortDescription: { text: rule.name.charAt(0).toUpperCase() + rule.name.slice(1).replace(/-/g, ' ') },
        fullDescription: { text: rule.explanation },
        defaultConfiguration: { level: 'error' }
    }));
    const log: Log = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: { driver: { name: 'gdl', fullName: 'GDL coverage check', version: toolVersion, rules: descriptors } },
                results,
                properties: {
                    asOf: report.asOf,
                    covered: report.totals.covered,
                    waived: report.totals.waived,
                    requirements: report.totals.requirements
                }
            }
        ]
    };
    return JSON.stringify(log, null, 2) + '\n';
}
