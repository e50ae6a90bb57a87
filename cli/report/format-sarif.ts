import type { Location, Log, ReportingDescriptor, Result } from 'sarif';
import { Codes } from '../../language/src/validation/diagnostic-codes.js';
import type { CoverageReport, ReportRequirement, SourceLocation } from '../../language/src/coverage/coverage-report.js';
import { assuranceText, shortfall, stateText } from '../../language/src/coverage/coverage-words.js';

const rules = [Codes['evidence-not-covered'], Codes['evidence-wrong-kind'], Codes['waiver-expired'], Codes['evidence-suspect']];
/** A suspect requirement would be covered once someone reviews its cover against the revised text: a warning, not an error. */
const levelOf = (rule: (typeof rules)[number]) => (rule === Codes['evidence-suspect'] ? 'warning' : 'error');

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
    if (r.state === 'suspect') {
        return Codes['evidence-suspect'];
    }
    return r.waiver?.expired ? Codes['waiver-expired'] : Codes['evidence-not-covered'];
}

/**
 * SARIF 2.1.0: each gap a result whose rule id is its GDL code, located at the requirement and at the plan entries;
 * a suspect requirement a warning. A requirement of a recommendation made to others (PCCs…) is no result: it is not
 * the force's to cover. Each result carries the requirement's level, timeliness and owner in its message and properties.
 */
export function formatSarif(report: CoverageReport, toolVersion: string): string {
    const results: Result[] = report.requirements
        .filter(r => r.state === 'uncovered' || r.state === 'wrong-kind' || r.state === 'suspect')
        .map(r => {
            const rule = ruleOf(r);
            const what =
                r.state === 'uncovered' && r.waiver?.expired
                    ? `${shortfall(r)} and its waiver expired on ${r.waiver.expires}`
                    : shortfall(r);
            return {
                ruleId: rule.code,
                ruleIndex: rules.indexOf(rule),
                level: levelOf(rule),
                message: {
                    text: `Evidence requirement ${r.id} (recommendation ${r.recommendation}) ${what} (${assuranceText(r)}; owner: ${r.owner ?? 'none named'}): ${r.text ?? r.untexted ?? ''}`
                },
                locations: [
                    location(r, `evidence requirement ${r.id}`),
                    ...r.planEntries.map(p => location(p, `plan entry for recommendation ${r.recommendation}`))
                ],
                partialFingerprints: { requirement: `${r.framework}/${r.id}` },
                properties: {
                    state: r.state,
                    assurance: r.level,
                    timeliness: r.timeliness,
                    firstMet: r.firstMet,
                    deadline: r.deadline,
                    owner: r.owner
                }
            };
        });
    const descriptors: ReportingDescriptor[] = rules.map(rule => ({
        id: rule.code,
        name: rule.name,
        shortDescription: { text: rule.name.charAt(0).toUpperCase() + rule.name.slice(1).replace(/-/g, ' ') },
        fullDescription: { text: rule.explanation },
        defaultConfiguration: { level: levelOf(rule) }
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
                    level: report.level,
                    force: report.force?.title ?? null,
                    covered: report.totals.covered,
                    waived: report.totals.waived,
                    requirements: report.totals.requirements,
                    suspect: report.totals.suspect,
                    metLate: report.totals.metLate,
                    forOthers: report.totals.forOthers,
                    // Not the force's to cover, so no result: listed here as a reader says them ("For PCCs").
                    listedNotCounted: report.requirements
                        .filter(r => r.state === 'for-others')
                        .map(r => ({ requirement: `${r.framework}/${r.id}`, state: stateText(r, true) }))
                }
            }
        ]
    };
    return JSON.stringify(log, null, 2) + '\n';
}
