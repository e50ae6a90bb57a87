import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04Import from 'ajv-draft-04';
import addFormats from 'ajv-formats';

// ajv-draft-04 is CommonJS: its default export is the class at run time, which TypeScript's view of the module does not show.
const AjvDraft04 = AjvDraft04Import as unknown as typeof AjvDraft04Import.default;
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root as HastRoot } from 'hast';
import type { Table } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, test } from 'vitest';
import type { CoverageReport } from '../../language/src/coverage/coverage-report.js';
import { coverageCommand } from '../../cli/coverage-command.js';
import { csvColumns, formatCsv } from '../../cli/report/format-csv.js';
import { formatHtml } from '../../cli/report/format-html.js';
import { formatJson } from '../../cli/report/format-json.js';
import { formatJunit } from '../../cli/report/format-junit.js';
import { formatMarkdown } from '../../cli/report/format-markdown.js';
import { formatSarif } from '../../cli/report/format-sarif.js';
import { formatTable } from '../../cli/report/format-table.js';
import { terminalSafe } from '../../cli/terminal-text.js';
import { coverageReport, load, repo } from '../support/in-process.js';
import { expectSuitePerRecommendation, expectWholeLocations } from '../support/expectations.js';

// Every format of `gdl coverage` rendered in-process (cli/report/format-*.ts) from the report of the
// bundled guidance and of tests/fixtures/gaps, checked as an auditor would read it.
// tests/coverage-report.test.ts and tests/report-hardening.test.ts run `gdl coverage` itself, for
// its options, exit codes, --output and --since.

const AS_OF = '2026-01-15';
const GAPS = 'tests/fixtures/gaps';

interface Rendered {
    report: CoverageReport;
    json: { totals: CoverageReport['totals']; requirements: Array<{ id: string; state: string; items: Array<Record<string, unknown>> }> };
    csv: Array<Record<string, string>>;
    junit: {
        totals: { tests: string; failures: string };
        suites: Array<{ name: string; tests: string; testcase?: unknown }>;
        cases: Array<{ name: string; failure?: { type: string } }>;
    };
    sarif: {
        runs: Array<{
            results: Array<{
                ruleId: string;
                message: { text: string };
                locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
            }>;
        }>;
    };
    markdown: string;
    html: string;
    table: string;
}

function render(report: CoverageReport): Rendered {
    const parsedJunit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(formatJunit(report));
    const suites = [parsedJunit.testsuites.testsuite].flat();
    return {
        report,
        json: JSON.parse(formatJson(report)),
        csv: parseCsv(formatCsv(report), { columns: true }),
        junit: {
            totals: parsedJunit.testsuites,
            suites,
            cases: suites.flatMap((s: { testcase?: unknown }) =>
                s.testcase === undefined ? [] : [s.testcase].flat()
            ) as Rendered['junit']['cases']
        },
        sarif: JSON.parse(formatSarif(report, '0.1.0')),
        markdown: formatMarkdown(report),
        html: formatHtml(report),
        // As `gdl coverage` prints it to a file or a pipe: sources' control characters escaped, no colour.
        table: formatTable(terminalSafe(report), false)
    };
}

const unsatisfied = (state: string) => state === 'uncovered' || state === 'wrong-kind';

/** The rows of the HTML report's requirement matrix (`#matrix tbody tr`). */
function matrixRows(html: string): Element[] {
    const tree: HastRoot = fromHtml(html);
    let rows: Element[] = [];
    visit(tree, 'element', (node: Element) => {
        if (node.tagName === 'table' && node.properties.id === 'matrix') {
            const body = node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'tbody');
            rows = (body?.children ?? []).filter((c): c is Element => c.type === 'element' && c.tagName === 'tr');
        }
    });
    return rows;
}

/** The Markdown report's tables, re-parsed as GitHub-flavoured Markdown. */
function markdownTables(markdown: string): Table[] {
    return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }).children.filter(
        (n): n is Table => n.type === 'table'
    );
}

describe('coverage report formats, in-process', () => {
    const workspaces: { guidance?: Rendered; gaps?: Rendered } = {};
    beforeAll(async () => {
        workspaces.guidance = render(coverageReport(await load('guidance', AS_OF)));
        workspaces.gaps = render(coverageReport(await load(GAPS, AS_OF)));
    });

    test('the report rendered here is the one `gdl coverage` writes', async () => {
        let written = '';
        const code = await coverageCommand(path.join(repo, GAPS), { format: 'json', asOf: AS_OF }, text => {
            written += text;
        });
        expect(written).toBe(formatJson(workspaces.gaps!.report));
        expect(code).toBe(1);
    });

    test('JSON validates against the published schema, for the bundled guidance and for a workspace with gaps', () => {
        const ajv = new Ajv2020({ allErrors: true, strict: false });
        addFormats.default(ajv);
        const validate = ajv.compile(JSON.parse(readFileSync(path.join(repo, 'schemas/coverage-report-1.0.schema.json'), 'utf8')));
        const { guidance, gaps } = workspaces as Required<typeof workspaces>;
        expect(validate(guidance.json), JSON.stringify(validate.errors)).toBe(true);
        expect(guidance.json.totals).toMatchObject({ requirements: 39, covered: 39, percent: 100 });
        expect(guidance.json.requirements.map(r => r.id).slice(0, 4)).toEqual(['7.1', '7.2', '10.1', '10.2']);
        expect(validate(gaps.json), JSON.stringify(validate.errors)).toBe(true);
        expect(gaps.json.requirements.map(r => `${r.id} ${r.state}`)).toEqual([
            '12.1 uncovered',
            '12.2 covered',
            '12.3 wrong-kind',
            '14.1 uncovered',
            '14.2 uncovered'
        ]);
        expect(gaps.json.requirements[1]!.items.find(i => i.kind === 'guidance')).toMatchObject({
            file: 'tests/fixtures/gaps/guidance.gdl',
            line: 7,
            counts: true,
            audiences: ['responders']
        });
    });

    test.each(['guidance', 'gaps'] as const)(
        '%s: every format counts the same requirements, in the same order, with the same states',
        name => {
            const { json, csv, junit, sarif, markdown, html, table } = workspaces[name]!;
            const ids = json.requirements.map(r => r.id);
            const failing = json.requirements.filter(r => unsatisfied(r.state)).map(r => r.id);
            expect(ids).toHaveLength(json.totals.requirements);
            expect(failing).toHaveLength(json.totals.uncovered + json.totals.wrongKind);
            // CSV: one row per requirement.
            expect(csv.map(r => `${r.requirement} ${r.state}`)).toEqual(json.requirements.map(r => `${r.id} ${r.state}`));
            // JUnit: one test case per requirement, failing exactly the gaps.
            expect(junit.totals).toMatchObject({ tests: String(ids.length), failures: String(failing.length) });
            expect(junit.cases.map(c => c.name)).toEqual(ids);
            expect(junit.cases.filter(c => c.failure).map(c => c.name)).toEqual(failing);
            // SARIF: one result per gap.
            expect(sarif.runs[0]!.results).toHaveLength(failing.length);
            // Markdown: the summary's figures and a table row per requirement.
            const t = json.totals;
            expect(markdown).toContain(
                `${t.covered} covered, ${t.waived} waived, ${t.wrongKind} covered by the wrong kind, ${t.uncovered} not covered, of ${t.requirements} (${t.percent}%)`
            );
            const byRequirement = markdownTables(markdown)[1]!;
            expect(byRequirement.children.slice(1).map(row => (row.children[0]!.children[0] as { value: string }).value)).toEqual(ids);
            // HTML: a matrix row per requirement.
            expect(matrixRows(html)).toHaveLength(ids.length);
            expect(html).toContain(`<span id="shown">${ids.length}</span> of ${ids.length} requirements.`);
            // The terminal table: a row per requirement and the same overall figures.
            const rows = table.split('\n').filter(line => /^\S+ +\d+\.\d+ +(covered|wrong kind|waived|NOT COVERED) /.test(line));
            expect(rows.map(line => line.split(/ +/)[1])).toEqual(ids);
            expect(table).toContain(
                `Overall: ${t.covered} covered, ${t.waived} waived, ${t.wrongKind} wrong kind, ${t.uncovered} not covered of ${t.requirements} (${t.percent}%)`
            );
        }
    );

    test('an uncovered requirement is a JUnit failure and a SARIF result at the requirement and the plan entry', () => {
        const { junit, sarif } = workspaces.gaps!;
        expect(junit.cases.map(c => `${c.name}:${c.failure?.type ?? 'pass'}`)).toEqual([
            '12.1:uncovered',
            '12.2:pass',
            '12.3:wrong-kind',
            '14.1:uncovered',
            '14.2:uncovered'
        ]);
        const results = sarif.runs[0]!.results;
        expect(results.map(r => r.ruleId)).toEqual(['GDL0201', 'GDL0202', 'GDL0201', 'GDL0201']);
        expect(results[0]!.message.text).toContain('12.1');
        expect(results[0]!.locations.map(l => `${l.physicalLocation.artifactLocation.uri}:${l.physicalLocation.region.startLine}`)).toEqual(
            ['tests/fixtures/gaps/framework.gdl:8', 'tests/fixtures/gaps/plan.gdl:4']
        );
        expect(workspaces.guidance!.sarif.runs[0]!.results).toEqual([]);
    });

    test('SARIF validates against the official 2.1.0 schema', () => {
        const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
        addFormats.default(ajv);
        const validate = ajv.compile(JSON.parse(readFileSync(path.join(repo, 'tests/schemas/sarif-2.1.0.json'), 'utf8')));
        for (const name of ['guidance', 'gaps'] as const) {
            expect(validate(workspaces[name]!.sarif), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
        }
    });

    test('CSV parses back with the documented columns: state, deadline, overdue and covering items', () => {
        const { csv, report } = workspaces.gaps!;
        expect(Object.keys(csv[0]!)).toEqual([...csvColumns]);
        expect(csv[1]).toMatchObject({
            requirement: '12.2',
            state: 'covered',
            deadline: '2025-03-27',
            overdue: 'no',
            guidance: 'guidance §risk-policy (tests/fixtures/gaps/guidance.gdl:7)'
        });
        expect(csv[0]).toMatchObject({
            requirement: '12.1',
            state: 'uncovered',
            overdue: 'yes',
            text: 'Considering implementing the stalking screening tool.'
        });
        expect(parseCsv(formatCsv(report), { relax_column_count: false })).toHaveLength(report.requirements.length + 1);
    });

    test('Markdown and the terminal table show each gap with its deadline; colour only when asked for', () => {
        const { markdown, table, report } = workspaces.gaps!;
        expect(markdown).toContain('| 12.3        | wrong-kind | 2025-03-27 | yes     |');
        expect(table).toMatch(/^12 +12\.1 +NOT COVERED +2025-03-27 OVERDUE/m);
        expect(table).not.toMatch(/\u001b\[/);
        expect(formatTable(report, true)).toMatch(/\u001b\[/);
    });

    test('the terminal table never cuts a location: every counted covering item of the bundled guidance has its whole file:line on a line of its own', () => {
        const { report, table } = workspaces.guidance!;
        expectWholeLocations(report, table);
    });

    test('JUnit has a suite for every recommendation of the framework, in its order, even one without evidence requirements', () => {
        expectSuitePerRecommendation(workspaces.guidance!.junit);
    });
});
