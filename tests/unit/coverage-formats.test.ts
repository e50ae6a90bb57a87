import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04Import from 'ajv-draft-04';
import addFormats from 'ajv-formats';

// ajv-draft-04 is CommonJS: its default export is the class at run time, which TypeScript's view of the module does not show.
const AjvDraft04 = AjvDraft04Import as unknown as typeof AjvDraft04Import.default;
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { fromHtml } from 'hast-util-from-html';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Table } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, test } from 'vitest';
import type { CoverageReport } from '../../language/src/coverage/coverage-report.js';
import { coverageCommand, type CoverageCommandOptions } from '../../cli/coverage-command.js';
import { csvColumns, csvForceColumns, formatCsv } from '../../cli/report/format-csv.js';
import { formatHtml } from '../../cli/report/format-html.js';
import { formatJson } from '../../cli/report/format-json.js';
import { formatJunit } from '../../cli/report/format-junit.js';
import { formatMarkdown } from '../../cli/report/format-markdown.js';
import { formatSarif } from '../../cli/report/format-sarif.js';
import { formatTable } from '../../cli/report/format-table.js';
import { terminalSafe } from '../../cli/terminal-text.js';
import { coverageReport, load, loadExample, publish, repo, site } from '../support/in-process.js';
import { expectSuitePerRecommendation, expectWholeLocations } from '../support/expectations.js';
import { TWO_FORCES_AS_OF, twoForces } from '../support/two-forces.js';

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

const unsatisfied = (state: string) => state === 'uncovered' || state === 'wrong-kind' || state === 'suspect';

/** A validator of the report's JSON against schemas/coverage-report-1.2.schema.json. */
function reportValidator() {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    return ajv.compile(JSON.parse(readFileSync(path.join(repo, 'schemas/coverage-report-1.2.schema.json'), 'utf8')));
}

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
        workspaces.guidance = render(coverageReport(await loadExample(AS_OF)));
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

    test('JSON validates against the published schema 1.1, for the bundled guidance and for a workspace with gaps', () => {
        const validate = reportValidator();
        const { guidance, gaps } = workspaces as Required<typeof workspaces>;
        expect(validate(guidance.json), JSON.stringify(validate.errors)).toBe(true);
        expect(guidance.json.totals).toMatchObject({ requirements: 39, covered: 38, waived: 1, percent: 100 });
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
            const { report, json, csv, junit, sarif, markdown, html, table } = workspaces[name]!;
            const ids = json.requirements.map(r => r.id);
            const failing = json.requirements.filter(r => unsatisfied(r.state)).map(r => r.id);
            expect(ids).toHaveLength(json.totals.requirements);
            expect(failing).toHaveLength(json.totals.uncovered + json.totals.wrongKind + json.totals.suspect);
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
            const sentence = `at the evidenced level: ${t.covered} covered, ${t.waived} waived, ${t.suspect} suspect, ${t.wrongKind} covered by the wrong kind, ${t.uncovered} not covered, of ${t.requirements} (${t.percent}%). ${t.overdue} overdue, ${t.metLate} met late.`;
            expect(markdown).toContain(sentence);
            const byRequirement = markdownTables(markdown)[1]!;
            expect(byRequirement.children.slice(1).map(row => (row.children[0]!.children[0] as { value: string }).value)).toEqual(ids);
            // HTML: a matrix row per requirement.
            expect(matrixRows(html)).toHaveLength(ids.length);
            expect(html).toContain(`<span id="shown">${ids.length}</span> of ${ids.length} requirements.`);
            // The terminal table: a row per requirement and the same overall figures.
            const rows = table.split('\n').filter(line => /^\S+ +\d+\.\d+ +(covered|wrong kind|waived|suspect|NOT COVERED) /.test(line));
            expect(rows.map(line => line.split(/ +/)[1])).toEqual(ids);
            expect(table).toContain(`Overall\nAs of ${AS_OF}${report.force ? ` for ${report.force.title}` : ''}, ${sentence}`);
            expect(html).toContain(sentence);
        }
    );

    test('every requirement covered, yet two recommendations past their deadline with their plan items in progress: the totals say both', async () => {
        // The check warns of items 13 and 18 (GDL0502) while "0 overdue" counts requirements: an auditor reading the
        // totals alone saw no overdue work. Every format a person reads, and the published coverage page, name them.
        const { report, table, markdown, html } = workspaces.guidance!;
        expect(report.totals.overdue).toBe(0);
        expect(report.recommendations.filter(r => r.overdue).map(r => `${r.id} ${r.planStatus} ${r.planProgress}`)).toEqual([
            '13 in-progress 85',
            '18 in-progress 85'
        ]);
        const sentence = 'Past their deadline and not yet met: recommendations 13 and 18 (plan item in progress, 85%).';
        for (const [format, text] of [
            ['table', table],
            ['markdown', markdown],
            ['html', html]
        ] as const) {
            expect(text, format).toContain(`0 overdue, 3 met late. ${sentence}`);
        }
        const page = (await publish(site(await loadExample(AS_OF)))).get('coverage.md')!.toString();
        expect(page).toContain(`3 met late, 0 overdue. ${sentence}`);
        // The day after the deadline, each is named with its plan item as it stood then (its dated history), 25 among
        // them; the check's warnings (GDL0502) name the same items in the same state. They read the latest update before.
        const workspace = await loadExample('2025-03-28');
        const then = render(coverageReport(workspace)).table;
        expect(then).toContain(
            'Past their deadline and not yet met: recommendations 13 (plan item in progress, 70%); 18 (plan item in progress, 50%); 25 (plan item in progress, 60%).'
        );
        const warned = workspace.documents
            .filter(d => d.uri.path.endsWith('example-constabulary/action-plan.gdl'))
            .flatMap(d => d.diagnostics ?? [])
            .filter(d => d.code === 'GDL0502')
            .map(d => /Recommendation (\d+) .* is (.+) \(as of/.exec(d.message)!.slice(1, 3).join(' '));
        expect(warned.sort()).toEqual(['13 in progress (70%)', '18 in progress (50%)', '25 in progress (60%)']);
    });

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
        expect(results[0]!.message.text).toContain(
            '12.1 (recommendation 12) is not covered (addressed, not counted, overdue (due 2025-03-27); owner: none named)'
        );
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

    test('CSV parses back with the documented columns: state, deadline, overdue, covering items, level, timeliness and owner', () => {
        const { csv, report } = workspaces.gaps!;
        expect(Object.keys(csv[0]!)).toEqual([...csvColumns]);
        // The 1.0 columns first, in their order: a reader by position still reads them.
        expect(csvColumns.slice(0, 14)).toEqual([
            'framework',
            'recommendation',
            'requirement',
            'state',
            'required',
            'deadline',
            'overdue',
            'guidance',
            'training',
            'action',
            'waiver',
            'file',
            'line',
            'text'
        ]);
        expect(csv[1]).toMatchObject({
            requirement: '12.2',
            state: 'covered',
            status: 'Covered',
            deadline: '2025-03-27',
            overdue: 'no',
            guidance: 'guidance §risk-policy (tests/fixtures/gaps/guidance.gdl:7)',
            level: 'evidenced',
            timeliness: 'on-time',
            firstMet: '2025-02-01',
            force: '',
            judgedLevel: 'evidenced'
        });
        expect(csv[0]).toMatchObject({
            requirement: '12.1',
            state: 'uncovered',
            status: 'Not covered',
            overdue: 'yes',
            level: '',
            timeliness: 'overdue',
            firstMet: '',
            text: 'Considering implementing the stalking screening tool.'
        });
        expect(parseCsv(formatCsv(report), { relax_column_count: false })).toHaveLength(report.requirements.length + 1);
    });

    test('Markdown and the terminal table show each gap with its deadline; colour only when asked for', () => {
        const { markdown, table, report } = workspaces.gaps!;
        expect(markdown).toContain('| 12.3        | Wrong kind  | evidenced | 2025-03-27 | overdue    |');
        expect(table).toMatch(/^12 +12\.1 +NOT COVERED +- +2025-03-27 +OVERDUE/m);
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

/** `gdl coverage` run in-process: its exit code and what it wrote, without colour. */
async function coverage(folder: string, options: Omit<CoverageCommandOptions, 'format'> & { format?: CoverageCommandOptions['format'] }) {
    let text = '';
    const code = await coverageCommand(folder, { format: 'table', ...options }, written => {
        text += written;
    });
    return { code, text: text.replace(/\u001b\[[0-9;]*m/g, '') };
}

/** The HTML heat-map of forces (`#forces`): for each force, its cells' `data-requirement` → [state, text a screen reader reads, title]. */
function forceCells(html: string): Map<string, Map<string, { state: string; words: string; title: string; symbol: string }>> {
    const forces = new Map<string, Map<string, { state: string; words: string; title: string; symbol: string }>>();
    const text = (node: Element | ElementContent): string =>
        node.type === 'text' ? node.value : node.type === 'element' ? node.children.map(text).join('') : '';
    visit(fromHtml(html), 'element', (node: Element) => {
        if (node.tagName !== 'tr' || node.properties.dataForce === undefined) {
            return;
        }
        const cells = node.children.filter((c): c is Element => c.type === 'element');
        const row = new Map<string, { state: string; words: string; title: string; symbol: string }>();
        for (const cell of cells.filter(c => c.tagName === 'td' && c.properties.dataRequirement !== undefined)) {
            const [symbol, hidden] = cell.children.filter((c): c is Element => c.type === 'element');
            row.set(String(cell.properties.dataRequirement), {
                state: String(cell.properties.dataState),
                words: text(hidden!),
                title: String(cell.properties.title),
                symbol: text(symbol!)
            });
        }
        forces.set(text(cells.find(c => c.tagName === 'th')!), row);
    });
    return forces;
}

describe('coverage report formats: levels of assurance, timeliness, owners, forces', () => {
    test.each([
        ['1.0', '1.1'],
        ['1.1', '1.2']
    ])("the %s schema's fields, required fields and values are all in %s: a reader of the older still reads a newer report", (from, to) => {
        const read = (version: string) =>
            JSON.parse(readFileSync(path.join(repo, `schemas/coverage-report-${version}.schema.json`), 'utf8'));
        const [old, now] = [read(from), read(to)];
        expect(now.$id).toBe(`urn:gdl:schema:coverage-report:${to}`);
        type Shape = { properties?: Record<string, unknown>; required?: string[]; enum?: unknown[]; $ref?: string };
        type Schema = Shape & { properties: { totals: Shape }; $defs: Record<string, Shape> };
        const shapes = (schema: Schema): Record<string, Shape> => ({ report: schema, totals: schema.properties.totals, ...schema.$defs });
        const [before, after] = [shapes(old as Schema), shapes(now as Schema)];
        const resolve = (schema: Schema, shape: Shape): Shape => (shape.$ref ? schema.$defs[shape.$ref.replace('#/$defs/', '')]! : shape);
        for (const [name, shape] of Object.entries(before)) {
            const successor = resolve(now as Schema, after[name]!);
            for (const field of Object.keys(shape.properties ?? {})) {
                expect(successor.properties, `${name}.${field}`).toHaveProperty([field]);
            }
            for (const field of shape.required ?? []) {
                expect(successor.required, `${name} requires ${field}`).toContain(field);
            }
            for (const value of shape.enum ?? []) {
                expect(successor.enum, `${name}: ${value}`).toContain(value);
            }
        }
        // And the older file stays, for its readers.
        expect(old.$id).toBe(`urn:gdl:schema:coverage-report:${from}`);
    });

    test('1.2 adds the plan status `unstated` to 1.1', () => {
        const planStatus = (version: string) =>
            JSON.parse(readFileSync(path.join(repo, `schemas/coverage-report-${version}.schema.json`), 'utf8')).$defs.recommendation
                .properties.planStatus.enum;
        expect(planStatus('1.1')).not.toContain('unstated');
        expect(planStatus('1.2')).toContain('unstated');
    });

    test('the bundled guidance: 25.1–25.3 not covered as of 2025-03-27 (due that day); now covered, met late, first met 2025-09-19, in every format', async () => {
        const then = render(coverageReport(await loadExample('2025-03-27')));
        const now = render(coverageReport(await loadExample(AS_OF)));
        const ids = ['25.1', '25.2', '25.3'];
        const rowsOf = (r: Rendered) => r.report.requirements.filter(x => ids.includes(x.id));
        expect(rowsOf(then).map(r => [r.id, r.state, r.level, r.timeliness, r.firstMet])).toEqual(
            ids.map(id => [id, 'uncovered', null, 'due', null])
        );
        expect(rowsOf(now).map(r => [r.id, r.state, r.level, r.timeliness, r.firstMet, r.deadline])).toEqual(
            ids.map(id => [id, 'covered', 'evidenced', 'met-late', '2025-09-19', '2025-03-27'])
        );
        expect(now.report.totals).toMatchObject({ covered: 38, waived: 1, metLate: 3, suspect: 0, forOthers: 0 });
        expect(then.report.totals).toMatchObject({ uncovered: 4, metLate: 0 });
        const owner = 'Detective Superintendent, Public Protection';
        expect(rowsOf(now).map(r => r.owner)).toEqual([owner, owner, owner]);
        // Every format says it, for each of the three.
        for (const id of ids) {
            expect(now.table).toMatch(
                new RegExp(`^25 +${id.replace('.', '\\.')} +covered +evidenced +2025-03-27 +met late 2025-09-19 `, 'm')
            );
            expect(then.table).toMatch(new RegExp(`^25 +${id.replace('.', '\\.')} +NOT COVERED +- +2025-03-27 +due `, 'm'));
            expect(now.csv.find(r => r.requirement === id)).toMatchObject({
                level: 'evidenced',
                timeliness: 'met-late',
                firstMet: '2025-09-19',
                owner
            });
            const markdownRow = markdownTables(now.markdown)[1]!.children.find(
                row => (row.children[0]!.children[0] as { value: string }).value === id
            )!;
            expect(markdownRow.children.slice(1, 7).map(cell => (cell.children[0] as { value: string }).value)).toEqual([
                'Covered',
                'evidenced',
                '2025-03-27',
                'met late',
                '2025-09-19',
                owner
            ]);
            const htmlRow = matrixRows(now.html).find(row => JSON.stringify(row).includes(`"value":"${id}"`))!;
            const cells = htmlRow.children.filter((c): c is Element => c.type === 'element');
            const words = (cell: Element) =>
                JSON.stringify(cell)
                    .match(/"value":"([^"]*)"/g)!
                    .map(v => v.slice(9, -1));
            expect([words(cells[2]!), words(cells[3]!), words(cells[4]!), words(cells[5]!)]).toEqual([
                ['Covered'],
                ['evidenced'],
                ['2025-03-27', 'met late (2025-09-19)'],
                [owner]
            ]);
            const junitCase = now.junit.cases.find(c => c.name === id) as unknown as {
                properties: { property: Array<{ name: string; value: string }> };
            };
            expect(junitCase.properties.property).toEqual([
                { name: 'state', value: 'Covered' },
                { name: 'assurance', value: 'evidenced, met late (2025-09-19, due 2025-03-27)' },
                { name: 'owner', value: owner }
            ]);
        }
        // The report's level (and force) in the formats a person reads.
        expect(now.markdown).toContain(`As of ${AS_OF} for Example Constabulary, at the evidenced level: 38 covered, 1 waived, 0 suspect`);
        expect(now.markdown).toContain('Level of assurance counted as covered: evidenced (');
        expect(now.html).toContain('Level of assurance counted as covered: evidenced (');
        expect(now.sarif.runs[0]).toMatchObject({ properties: { level: 'evidenced', force: 'Example Constabulary', metLate: 3 } });
        // As of 2025-03-27, 25.x are due that day: gaps in JUnit and SARIF, not yet overdue.
        expect(then.junit.cases.filter(c => c.failure).map(c => c.name)).toEqual(['22.1', ...ids]);
        expect(
            then.sarif.runs[0]!.results.filter(r => r.message.text.includes('recommendation 25')).map(r => r.message.text.split(' (')[0])
        ).toEqual(ids.map(id => `Evidence requirement ${id}`));
    });

    test('two forces, --by-force: 12.3 covered for Kent Police and not for Surrey Police in the table, CSV, JSON and HTML; exit 1', async () => {
        const folder = twoForces();
        const run = (format: CoverageCommandOptions['format']) => coverage(folder, { format, asOf: TWO_FORCES_AS_OF, byForce: true });
        // Table: a row per force, a column per requirement.
        const table = await run('table');
        expect(table.code).toBe(1);
        expect(table.text).toMatch(/^Recommendation +12 15$/m);
        expect(table.text).toMatch(/^Force +3 {2}1 {2}Covered$/m);
        expect(table.text).toMatch(/^Kent Police +✓ {2}· {2}1\/1 +100%$/m);
        expect(table.text).toMatch(/^Surrey Police +✗ {2}· {2}0\/1 +0%, 1 overdue$/m);
        expect(table.text).toContain('Key: ✓ covered   w waived   ? suspect   ~ wrong kind   ✗ not covered   · for others, not counted');
        expect(table.text).toContain('Made to others, listed but not counted: 15 (For PCCs)');
        // CSV: a row per force × requirement.
        const csv = await run('csv');
        expect(csv.code).toBe(1);
        const rows = parseCsv(csv.text, { columns: true }) as Array<Record<string, string>>;
        expect(Object.keys(rows[0]!)).toEqual([...csvForceColumns]);
        expect(rows.map(r => Object.values(r).join('|'))).toEqual([
            'kent|Kent Police|F|12|12.3|covered|Covered|evidenced|on-time',
            'kent|Kent Police|F|15|15.1|for-others|For PCCs|addressed|',
            'surrey|Surrey Police|F|12|12.3|uncovered|Not covered||overdue',
            'surrey|Surrey Police|F|15|15.1|for-others|For PCCs|addressed|'
        ]);
        // JSON: the byForce array, valid against the 1.1 schema.
        const json = await run('json');
        expect(json.code).toBe(1);
        const report = JSON.parse(json.text) as CoverageReport;
        const validate = reportValidator();
        expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
        expect(
            report.byForce!.map(f => [f.id, f.title, f.totals.percent, f.totals.forOthers, ...f.cells.map(c => `${c.id} ${c.state}`)])
        ).toEqual([
            ['kent', 'Kent Police', 100, 1, '12.3 covered', '15.1 for-others'],
            ['surrey', 'Surrey Police', 0, 1, '12.3 uncovered', '15.1 for-others']
        ]);
        // HTML: the heat-map, each cell's state in words as well as colour.
        const html = await run('html');
        expect(html.code).toBe(1);
        const cells = forceCells(html.text);
        expect([...cells.keys()]).toEqual(['Kent Police', 'Surrey Police']);
        expect(cells.get('Kent Police')!.get('F/12.3')).toEqual({
            state: 'covered',
            symbol: '✓',
            words: '12.3: Covered; evidenced, on time (2025-02-01, due 2025-03-27)',
            title: 'Kent Police, 12.3: Covered; evidenced, on time (2025-02-01, due 2025-03-27)'
        });
        expect(cells.get('Surrey Police')!.get('F/12.3')).toMatchObject({
            state: 'uncovered',
            symbol: '✗',
            words: '12.3: Not covered; not addressed, overdue (due 2025-03-27)'
        });
        expect(cells.get('Surrey Police')!.get('F/15.1')).toMatchObject({
            state: 'for-others',
            words: '15.1: For PCCs, not counted; addressed'
        });
        expect(html.text).toContain('class="state-uncovered"');
    });

    test('two forces: --force kent exits 0 and --force surrey exits 1; each report names its force and its owners', async () => {
        const folder = twoForces();
        const kent = await coverage(folder, { format: 'json', asOf: TWO_FORCES_AS_OF, force: 'kent' });
        const surrey = await coverage(folder, { format: 'json', asOf: TWO_FORCES_AS_OF, force: 'Surrey Police' });
        expect([kent.code, surrey.code]).toEqual([0, 1]);
        const [k, s] = [JSON.parse(kent.text) as CoverageReport, JSON.parse(surrey.text) as CoverageReport];
        expect([k.force, s.force]).toEqual([
            { id: 'kent', title: 'Kent Police' },
            { id: 'surrey', title: 'Surrey Police' }
        ]);
        expect(k.requirements.map(r => `${r.id} ${r.state} ${r.owner}`)).toEqual([
            '12.3 covered Head of Public Protection, Kent Police',
            '15.1 for-others Force stalking lead'
        ]);
        expect(s.requirements[0]).toMatchObject({
            id: '12.3',
            state: 'uncovered',
            timeliness: 'overdue',
            owner: 'Head of Public Protection, Surrey Police'
        });
        expect(s.totals).toMatchObject({ requirements: 1, uncovered: 1, forOthers: 1, percent: 0 });
        const table = await coverage(folder, { asOf: TWO_FORCES_AS_OF, force: 'surrey' });
        expect(table.text).toContain(`As of ${TWO_FORCES_AS_OF} for Surrey Police, at the evidenced level: 0 covered`);
        expect(table.text).toContain('Recommendation 12 · owner: Head of Public Protection, Surrey Police');
        const markdown = await coverage(folder, { format: 'markdown', asOf: TWO_FORCES_AS_OF, force: 'kent' });
        expect(markdown.text).toContain('# Evidence requirement coverage: Kent Police');
    });

    test('a recommendation made to PCCs is "For PCCs" in every format and never a gap: a skipped JUnit case, no SARIF result', async () => {
        const folder = twoForces();
        const run = async (format: CoverageCommandOptions['format']) =>
            (await coverage(folder, { format, asOf: TWO_FORCES_AS_OF, force: 'kent' })).text;
        const [table, markdown, html, csv, json, junit, sarif] = [
            await run('table'),
            await run('markdown'),
            await run('html'),
            await run('csv'),
            await run('json'),
            await run('junit'),
            await run('sarif')
        ];
        expect(table).toMatch(/^15 +15\.1 +For PCCs +addressed +2025-03-27 +- /m);
        expect(table).toContain('Recommendation 15 · For PCCs: listed, not counted · owner: Force stalking lead');
        expect(table).toMatch(/^ {2}F 15 +For PCCs: listed, not counted$/m);
        expect(table).toContain('1 more of recommendations made to others: listed, not counted.');
        expect(markdown).toMatch(/^\| 15\.1 +\| For PCCs +\|/m);
        expect(markdown).toMatch(/^\| F 15 +\| 2025-03-27 \| For PCCs: not counted +\|/m);
        const htmlRow = matrixRows(html).find(row => JSON.stringify(row).includes('"value":"15.1"'))!;
        expect(htmlRow.properties.dataState).toBe('for-others');
        expect(JSON.stringify(htmlRow.children[2])).toContain('For PCCs: not counted');
        expect((parseCsv(csv, { columns: true }) as Array<Record<string, string>>)[1]).toMatchObject({
            requirement: '15.1',
            state: 'for-others',
            status: 'For PCCs',
            owner: 'Force stalking lead',
            force: 'Kent Police',
            judgedLevel: 'evidenced'
        });
        expect((JSON.parse(json) as CoverageReport).requirements[1]).toMatchObject({
            id: '15.1',
            state: 'for-others',
            recipients: ['pccs']
        });
        expect((JSON.parse(json) as CoverageReport).recommendations[1]).toMatchObject({
            id: '15',
            forOthers: true,
            owner: 'Force stalking lead'
        });
        const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(junit);
        expect(parsed.testsuites).toMatchObject({ tests: '2', failures: '0', skipped: '1' });
        const fifteen = [parsed.testsuites.testsuite].flat()[1];
        expect(fifteen.testcase).toMatchObject({
            name: '15.1',
            skipped: '',
            'system-out': expect.stringMatching(/^For PCCs: made to PCCs, not the force; listed, not counted/)
        });
        const log = JSON.parse(sarif);
        expect(log.runs[0].results).toEqual([]);
        expect(log.runs[0].properties.listedNotCounted).toEqual([{ requirement: 'F/15.1', state: 'For PCCs' }]);
    });

    test('a requirement revised after its cover was approved is suspect: a JUnit failure, a SARIF warning (GDL0209), a gap in every format', async () => {
        const folder = twoForces();
        const file = path.join(folder, 'framework/framework.gdl');
        writeFileSync(file, readFileSync(file, 'utf8').replace('protective orders." }', 'protective orders." revised 2025-06-01 }'));
        const run = async (format: CoverageCommandOptions['format']) => coverage(folder, { format, asOf: TWO_FORCES_AS_OF, force: 'kent' });
        const table = await run('table');
        expect(table.code).toBe(1);
        expect(table.text).toMatch(
            /^12 +12\.3 +suspect +- +2025-03-27 +OVERDUE +guidance {2}breaches \(.*kent\/guidance\.gdl:\d+\) — suspect$/m
        );
        expect(table.text).toContain(': 0 covered, 0 waived, 1 suspect, 0 covered by the wrong kind, 0 not covered, of 1 (0%). 1 overdue');
        const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse((await run('junit')).text);
        const cases = [junit.testsuites.testsuite].flat().flatMap((s: { testcase?: unknown }) => [s.testcase ?? []].flat()) as Array<{
            name: string;
            failure?: { type: string; message: string };
        }>;
        expect(cases[0]!.failure).toMatchObject({
            type: 'suspect',
            message: expect.stringContaining('12.3 is covered only by cover approved before its text was revised')
        });
        const sarif = JSON.parse((await run('sarif')).text);
        expect(sarif.runs[0].results.map((r: { ruleId: string; level: string }) => `${r.ruleId} ${r.level}`)).toEqual(['GDL0209 warning']);
        const json = JSON.parse((await run('json')).text) as CoverageReport;
        expect(json.requirements[0]!.items[0]).toMatchObject({ suspect: true, counts: false, since: '2025-02-01' });
        expect(json.totals.suspect).toBe(1);
        expect((await run('markdown')).text).toMatch(/^\| 12\.3 +\| Suspect +\|/m);
        expect(matrixRows((await run('html')).text)[0]!.properties.dataState).toBe('suspect');
    });

    test('43 forces × 39 requirements: the terminal matrix fits 140 columns, one line per force; the HTML heat-map escapes force names', async () => {
        const report = coverageReport(await loadExample(AS_OF));
        const states = ['covered', 'covered', 'covered', 'uncovered', 'waived', 'suspect', 'wrong-kind'] as const;
        const names = [...ENGLAND_AND_WALES, '<img src=x onerror=alert(1)>Hostile'];
        report.byForce = names.map((title, f) => {
            const cells = report.requirements.map((r, i) => ({
                id: r.id,
                framework: r.framework,
                state: states[(f + i) % states.length]!,
                level: null,
                timeliness: null,
                firstMet: null
            }));
            return {
                id: `force-${f}`,
                title,
                level: 'evidenced' as const,
                totals: { ...report.totals, requirements: 39, covered: 30, waived: 0, percent: 76.9, overdue: 9, metLate: 3 },
                cells
            };
        });
        expect(report.byForce).toHaveLength(44);
        const table = formatTable(terminalSafe(report), false);
        const lines = table.trimEnd().split('\n');
        expect(lines.filter(line => line.length > 140)).toEqual([]);
        for (const title of ENGLAND_AND_WALES) {
            expect(lines.filter(line => line.startsWith(`${title} `))).toHaveLength(1);
        }
        const hampshire = lines.find(line => line.startsWith('Hampshire and Isle of Wight Constabulary'))!;
        expect(hampshire).toMatch(/ 30\/39 +76\.9%, 9 overdue, 3 met late$/);
        // 39 symbols, one per requirement.
        expect([...hampshire.slice(41)].filter(ch => '✓w?~·✗'.includes(ch))).toHaveLength(39);
        const html = formatHtml(report);
        // The name is text (and an attribute value), never an element.
        const elements = new Set<string>();
        visit(fromHtml(html), 'element', (node: Element) => {
            elements.add(node.tagName);
        });
        expect(elements.has('img')).toBe(false);
        expect(html.includes('<th scope="row">&#x3C;img src=x onerror=alert(1)>Hostile</th>')).toBe(true);
        expect([...forceCells(html).keys()]).toContain('<img src=x onerror=alert(1)>Hostile');
        for (const row of forceCells(html).values()) {
            expect(row.size).toBe(39);
            for (const cell of row.values()) {
                expect(cell.words).toMatch(/^\d+\.\d+: (Covered|Not covered|Waived|Suspect|Wrong kind); /);
            }
        }
    });
});

/** The 43 territorial police forces of England and Wales. */
const ENGLAND_AND_WALES = [
    'Avon and Somerset Constabulary',
    'Bedfordshire Police',
    'Cambridgeshire Constabulary',
    'Cheshire Constabulary',
    'City of London Police',
    'Cleveland Police',
    'Cumbria Constabulary',
    'Derbyshire Constabulary',
    'Devon and Cornwall Police',
    'Dorset Police',
    'Durham Constabulary',
    'Dyfed-Powys Police',
    'Essex Police',
    'Gloucestershire Constabulary',
    'Greater Manchester Police',
    'Gwent Police',
    'Hampshire and Isle of Wight Constabulary',
    'Hertfordshire Constabulary',
    'Humberside Police',
    'Kent Police',
    'Lancashire Constabulary',
    'Leicestershire Police',
    'Lincolnshire Police',
    'Merseyside Police',
    'Metropolitan Police Service',
    'Norfolk Constabulary',
    'North Wales Police',
    'North Yorkshire Police',
    'Northamptonshire Police',
    'Northumbria Police',
    'Nottinghamshire Police',
    'South Wales Police',
    'South Yorkshire Police',
    'Staffordshire Police',
    'Suffolk Constabulary',
    'Surrey Police',
    'Sussex Police',
    'Thames Valley Police',
    'Warwickshire Police',
    'West Mercia Police',
    'West Midlands Police',
    'West Yorkshire Police',
    'Wiltshire Police'
];
