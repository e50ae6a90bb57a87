import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04Import from 'ajv-draft-04';
import addFormats from 'ajv-formats';

// ajv-draft-04 is CommonJS: its default export is the class at run time, which TypeScript's view of the module does not show.
const AjvDraft04 = AjvDraft04Import as unknown as typeof AjvDraft04Import.default;
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { PATIENCE_MS } from './support/patience.js';
import { launchChromium } from './support/chromium.js';
import { TWO_FORCES_AS_OF, twoForces } from './support/two-forces.js';

/** The bundled workspace, judged for its fictional force (the real forces beside it have gaps). */
const EXAMPLE = ['guidance', '--force', 'Example Constabulary'];

const repo = path.resolve(import.meta.dirname, '..');
const gdl = path.join(repo, 'bin/gdl.js');
const GAPS = 'tests/fixtures/gaps';
const WAIVERS = 'tests/fixtures/waivers';

function coverage(args: string[], cwd = repo) {
    const result = spawnSync(process.execPath, [gdl, 'coverage', ...args], { cwd, encoding: 'utf8', timeout: PATIENCE_MS });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const json = (args: string[], cwd?: string) => JSON.parse(coverage([...args, '--format', 'json'], cwd).stdout);

const reportAjv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(reportAjv);
const validateReport = reportAjv.compile(JSON.parse(readFileSync(path.join(repo, 'schemas/coverage-report-1.2.schema.json'), 'utf8')));

describe('gdl coverage: formats', () => {
    test('JSON validates against the published schema 1.2, for the example and for a workspace with gaps', () => {
        const example = json(EXAMPLE);
        expect(validateReport(example), JSON.stringify(validateReport.errors)).toBe(true);
        expect(example.totals).toMatchObject({ requirements: 39, covered: 38, waived: 1, percent: 100 });
        expect(example.requirements.map((r: { id: string }) => r.id).slice(0, 4)).toEqual(['7.1', '7.2', '10.1', '10.2']);
        const gaps = json([GAPS, '--as-of', '2026-01-15']);
        expect(validateReport(gaps), JSON.stringify(validateReport.errors)).toBe(true);
        expect(gaps.requirements.map((r: { id: string; state: string }) => `${r.id} ${r.state}`)).toEqual([
            '12.1 uncovered',
            '12.2 covered',
            '12.3 wrong-kind',
            '14.1 uncovered',
            '14.2 uncovered'
        ]);
        const item = gaps.requirements[1].items.find((i: { kind: string }) => i.kind === 'guidance');
        expect(item).toMatchObject({ file: 'tests/fixtures/gaps/guidance.gdl', line: 7, counts: true, audiences: ['responders'] });
    });

    test('SARIF validates against the official 2.1.0 schema; each gap is a result at the requirement and the plan entry', () => {
        const sarifSchema = JSON.parse(readFileSync(path.join(repo, 'tests/schemas/sarif-2.1.0.json'), 'utf8'));
        const sarifAjv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
        addFormats.default(sarifAjv);
        const validate = sarifAjv.compile(sarifSchema);
        const result = coverage([GAPS, '--as-of', '2026-01-15', '--format', 'sarif']);
        expect(result.code).toBe(1);
        const log = JSON.parse(result.stdout);
        expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
        const results = log.runs[0].results;
        expect(results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['GDL0201', 'GDL0202', 'GDL0201', 'GDL0201']);
        const locations = results[0].locations.map(
            (l: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }) =>
                `${l.physicalLocation.artifactLocation.uri}:${l.physicalLocation.region.startLine}`
        );
        expect(locations).toEqual(['tests/fixtures/gaps/framework.gdl:8', 'tests/fixtures/gaps/plan.gdl:4']);
        expect(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['GDL0201', 'GDL0202', 'GDL0203', 'GDL0209']);
    });

    test('JUnit XML parses back with one test case per requirement, failing the gaps', () => {
        const xml = coverage([GAPS, '--as-of', '2026-01-15', '--format', 'junit']).stdout;
        const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
        expect(parsed.testsuites).toMatchObject({ tests: '5', failures: '4' });
        const cases = [parsed.testsuites.testsuite].flat().flatMap((s: { testcase: unknown }) => [s.testcase].flat()) as Array<{
            name: string;
            failure?: { type: string };
        }>;
        expect(cases.map(c => `${c.name}:${c.failure?.type ?? 'pass'}`)).toEqual([
            '12.1:uncovered',
            '12.2:pass',
            '12.3:wrong-kind',
            '14.1:uncovered',
            '14.2:uncovered'
        ]);
    });

    test('CSV parses back: a row per requirement with its state, deadline and covering items', () => {
        const rows = parseCsv(coverage([GAPS, '--as-of', '2026-01-15', '--format', 'csv']).stdout, { columns: true }) as Array<
            Record<string, string>
        >;
        expect(rows).toHaveLength(5);
        expect(rows[1]).toMatchObject({
            requirement: '12.2',
            state: 'covered',
            deadline: '2025-03-27',
            overdue: 'no',
            guidance: 'guidance §risk-policy (tests/fixtures/gaps/guidance.gdl:7)'
        });
        expect(rows[0]).toMatchObject({
            requirement: '12.1',
            state: 'uncovered',
            overdue: 'yes',
            text: 'Considering implementing the stalking screening tool.'
        });
    });

    test('Markdown and the terminal table list every requirement; colour only on a terminal', () => {
        const markdown = coverage([GAPS, '--as-of', '2026-01-15', '--format', 'markdown']).stdout;
        expect(markdown).toContain('| 12.3        | Wrong kind  | evidenced | 2025-03-27 | overdue    |');
        const table = coverage([GAPS, '--as-of', '2026-01-15']).stdout;
        expect(table).toMatch(/^12 +12\.1 +NOT COVERED +- +2025-03-27 +OVERDUE/m);
        expect(table).not.toMatch(/\u001b\[/);
    });

    test('the HTML report works offline in Chromium: filter by state, sort, heat-map', async () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'gdl-html-'));
        const file = path.join(folder, 'coverage.html');
        expect(coverage([GAPS, '--as-of', '2026-01-15', '--format', 'html', '--output', file]).code).toBe(1);
        const html = readFileSync(file, 'utf8');
        expect(html).not.toMatch(/<(script|link)[^>]+src=|<link[^>]+href=/);
        const browser = await launchChromium();
        try {
            const page = await browser.newPage();
            await page.route('**/*', route => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
            await page.goto(`file://${file}`);
            await expect.poll(() => page.locator('#shown').textContent()).toBe('5');
            await page.selectOption('#filter-state', 'uncovered');
            expect(await page.locator('#shown').textContent()).toBe('3');
            expect(await page.locator('#matrix tbody tr:not([hidden]) td:nth-child(2) strong').allTextContents()).toEqual([
                '12.1',
                '14.1',
                '14.2'
            ]);
            await page.selectOption('#filter-state', '');
            await page.locator('#matrix thead th:nth-child(2) button').click();
            await page.locator('#matrix thead th:nth-child(2) button').click();
            expect(await page.locator('#matrix tbody td:nth-child(2) strong').allTextContents()).toEqual([
                '14.2',
                '14.1',
                '12.3',
                '12.2',
                '12.1'
            ]);
            expect(await page.locator('#heatmap tbody tr').count()).toBe(2);
            await page.screenshot({ path: path.join(repo, 'test-output', 'coverage-report.png'), fullPage: true });
        } finally {
            await browser.close();
        }
    });

    test('every format is byte-identical from one run to the next', () => {
        for (const format of ['table', 'markdown', 'html', 'csv', 'json', 'sarif', 'junit']) {
            const first = coverage([...EXAMPLE, '--as-of', '2026-01-15', '--format', format]).stdout;
            expect(coverage([...EXAMPLE, '--as-of', '2026-01-15', '--format', format]).stdout, format).toBe(first);
        }
    });
});

describe('gdl coverage: options', () => {
    test('--fail-under sets the threshold (exit 1 below it); the example passes at 100', () => {
        expect(coverage([GAPS, '--fail-under', '20', '--format', 'json']).code).toBe(0);
        expect(coverage([GAPS, '--fail-under', '21', '--format', 'json']).code).toBe(1);
        expect(coverage([...EXAMPLE, '--format', 'json']).code).toBe(0);
    });

    test('--as-of decides what is overdue', () => {
        expect(json([GAPS, '--as-of', '2025-03-01']).totals.overdue).toBe(0);
        expect(json([GAPS, '--as-of', '2026-01-15']).totals.overdue).toBe(4);
    });

    test('a recommendation whose requirements are all met but whose plan item is late says so, beside "0 overdue" requirements', () => {
        // The example's plan items for 13 and 18 are in progress past their deadline; every requirement of both is covered.
        const args = [...EXAMPLE, '--as-of', '2026-01-15'];
        const table = coverage(args).stdout;
        expect(table).toMatch(/^ {2}SC2024 13 +2\/2 +100% {2}plan item overdue$/m);
        expect(table).toMatch(/^ {2}SC2024 18 +4\/4 +100% {2}plan item overdue$/m);
        expect(table).toMatch(/ 0 overdue, /);
        expect(table).not.toMatch(/100% {2}overdue/);
        expect(coverage([...args, '--format', 'html']).stdout).toContain('2/2 (100%) plan item overdue');
        // A requirement not met past the deadline: the recommendation is overdue, plainly.
        expect(coverage([GAPS, '--as-of', '2026-01-15']).stdout).toMatch(/^ {2}\S+ 12 .*% {2}overdue$/m);
    });

    test('--recipient keeps only recommendations made to that recipient', () => {
        const report = json([...EXAMPLE, '--recipient', 'pccs']);
        // Recommendation 15 (to PCCs) has no evidence requirements in the source: listed with none, and no rows.
        expect(report.recommendations.map((r: { id: string }) => r.id)).toEqual(['15', '16', '25', '27']);
        expect(report.recommendations.find((r: { id: string }) => r.id === '15').requirements).toBe(0);
        expect(report.requirements.every((r: { recipients: string[] }) => r.recipients.includes('pccs'))).toBe(true);
    });

    test('--include-drafts shows what coverage would be with the drafts approved', () => {
        expect(json([GAPS]).totals.covered).toBe(1);
        expect(json([GAPS, '--include-drafts']).totals.covered).toBe(2);
    });

    test('waivers: a current waiver and a not-applicable satisfy; an expired waiver is a gap again', () => {
        // The fixture's 7.1 is covered by a completed plan item alone, which addresses it: judged at that level.
        const report = json([WAIVERS, '--as-of', '2026-01-15', '--level', 'addressed']);
        expect(report.requirements.map((r: { id: string; state: string }) => `${r.id} ${r.state}`)).toEqual([
            '7.1 covered',
            '7.2 waived',
            '11.1 uncovered',
            '11.2 waived'
        ]);
        expect(report.requirements[2].waiver).toMatchObject({ kind: 'waive', expires: '2025-06-30', expired: true });
        expect(report.totals).toMatchObject({ covered: 1, waived: 2, uncovered: 1, percent: 75 });
        const sarif = JSON.parse(coverage([WAIVERS, '--as-of', '2026-01-15', '--level', 'addressed', '--format', 'sarif']).stdout);
        expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['GDL0203']);
        const later = json([WAIVERS, '--as-of', '2027-01-15', '--level', 'addressed']);
        expect(later.requirements[1].state).toBe('uncovered');
        const earlier = json([WAIVERS, '--as-of', '2025-06-01', '--level', 'addressed']);
        expect(earlier.totals.percent).toBe(100);
    });

    test('--since a folder lists the coverage gained', () => {
        const now = mkdtempSync(path.join(tmpdir(), 'gdl-since-now-'));
        cpSync(path.join(repo, GAPS), now, { recursive: true });
        const guidance = path.join(now, 'guidance.gdl');
        writeFileSync(guidance, readFileSync(guidance, 'utf8').replace('status draft\n', 'status approved\n'));
        const report = json([now, '--since', path.join(repo, GAPS)]);
        expect(report.since.gained).toEqual([{ id: '12.1', before: 'uncovered', after: 'covered' }]);
        expect(report.since.lost).toEqual([]);
        expect(coverage([now, '--since', path.join(repo, GAPS)]).stdout).toContain('+ 12.1: uncovered → covered');
    });

    test('--since a git revision lists the coverage lost since then', () => {
        const repoDir = mkdtempSync(path.join(tmpdir(), 'gdl-since-git-'));
        cpSync(path.join(repo, GAPS), path.join(repoDir, 'ws'), { recursive: true });
        const git = (...args: string[]) =>
            spawnSync('git', ['-C', repoDir, '-c', 'user.email=t@example.invalid', '-c', 'user.name=Test', ...args], { encoding: 'utf8' });
        git('init', '-q');
        git('add', '.');
        git('commit', '-qm', 'inspection baseline');
        const plan = path.join(repoDir, 'ws', 'plan.gdl');
        const guidance = path.join(repoDir, 'ws', 'guidance.gdl');
        writeFileSync(plan, readFileSync(plan, 'utf8').replace('addresses 12.2 }', '}'));
        writeFileSync(guidance, readFileSync(guidance, 'utf8').replace('addresses 12.2, 12.3', 'addresses 12.3'));
        const copies = () =>
            readdirSync(tmpdir())
                .filter(name => name.startsWith('gdl-since-') && !name.startsWith('gdl-since-git-'))
                .sort();
        const copiesBefore = copies();
        const report = json(['ws', '--since', 'HEAD'], repoDir);
        expect(report.since.ref).toBe('HEAD');
        expect(report.since.lost).toEqual([{ id: '12.2', before: 'covered', after: 'uncovered' }]);
        // The revision's copy taken out of git is removed once read.
        expect(copies()).toEqual(copiesBefore);

        // A value git would read as an option is not passed to it: git archive wrote over the file --output named.
        const victim = path.join(repoDir, 'ws', 'plan.gdl');
        const text = readFileSync(victim, 'utf8');
        for (const since of [`--output=${victim}`, '-o', `--remote=${repoDir}`]) {
            const attempt = coverage(['ws', `--since=${since}`], repoDir);
            expect(attempt.code, since).toBe(2);
            expect(attempt.stderr, since).toMatch(/^gdl: cannot read --since '.*': it is neither a folder nor a commit, branch or tag/);
            expect(readFileSync(victim, 'utf8'), since).toBe(text);
        }
    });

    test('--output writes the report atomically and nothing to standard output', () => {
        const file = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-out-')), 'matrix.md');
        const result = coverage([...EXAMPLE, '--format', 'markdown', '--output', file]);
        expect([result.code, result.stdout]).toEqual([0, '']);
        expect(readFileSync(file, 'utf8')).toContain('# Evidence requirement coverage');
        expect(existsSync(`${path.dirname(file)}/.matrix.md.${process.pid}.tmp`)).toBe(false);
    });

    test('an unknown format, a malformed date, an unreadable --since and an unwritable output are usage errors (exit 2)', () => {
        const format = coverage([...EXAMPLE, '--format', 'pdf']);
        expect(format.code).toBe(2);
        expect(format.stderr).toContain('Allowed choices are table, markdown, html, csv, json, sarif, junit');
        const date = coverage([...EXAMPLE, '--as-of', '27/03/2025']);
        expect([date.code, date.stderr.includes("'27/03/2025' is not a date")]).toEqual([2, true]);
        const since = coverage([...EXAMPLE, '--since', 'no-such-revision']);
        expect(since.code).toBe(2);
        expect(since.stderr).toMatch(/^gdl: cannot read --since 'no-such-revision'/);
        const output = coverage([...EXAMPLE, '--output', '/no/such/folder/report.txt']);
        expect([output.code, output.stderr.trim()]).toEqual([2, "gdl: cannot write '/no/such/folder/report.txt': no such folder"]);
        // A percentage as a person writes one: not a word, nor what Number() also reads (1e2, 0x10, ' 50'), nor over 100.
        for (const value of ['lots', '1e2', '0x10', ' 50', '101', '-1', '']) {
            const percent = coverage([...EXAMPLE, '--fail-under', value]);
            expect(percent.code, JSON.stringify(value)).toBe(2);
            expect(percent.stderr, JSON.stringify(value)).toContain('is not a percentage from 0 to 100');
        }
        expect(coverage([...EXAMPLE, '--fail-under', '99.5']).code).toBe(0);
        expect(coverage([...EXAMPLE, '--fail-under', '80%']).code).toBe(0);
    });
});

describe('gdl coverage: timeliness and forces', () => {
    type Requirement = {
        id: string;
        state: string;
        level: string | null;
        timeliness: string | null;
        firstMet: string | null;
        owner: string | null;
    };
    const twentyFive = (report: { requirements: Requirement[] }) =>
        report.requirements.filter(r => r.id.startsWith('25.')).map(r => [r.id, r.state, r.level, r.timeliness, r.firstMet]);

    test("the example: 25.1–25.3 not covered as of 2025-03-27; today covered, met late, first met 2025-09-19 (the partnership guidance's approval)", () => {
        expect(twentyFive(json([...EXAMPLE, '--as-of', '2025-03-27']))).toEqual([
            ['25.1', 'uncovered', null, 'due', null],
            ['25.2', 'uncovered', null, 'due', null],
            ['25.3', 'uncovered', null, 'due', null]
        ]);
        const today = json(EXAMPLE);
        expect(twentyFive(today)).toEqual([
            ['25.1', 'covered', 'evidenced', 'met-late', '2025-09-19'],
            ['25.2', 'covered', 'evidenced', 'met-late', '2025-09-19'],
            ['25.3', 'covered', 'evidenced', 'met-late', '2025-09-19']
        ]);
        expect(today.totals).toMatchObject({ covered: 38, waived: 1, metLate: 3, percent: 100 });
        expect(coverage([...EXAMPLE, '--as-of', '2025-03-27', '--format', 'json']).code).toBe(1);
        expect(coverage(EXAMPLE).stdout).toMatch(/^25 +25\.1 +covered +evidenced +2025-03-27 +met late 2025-09-19 /m);
    });

    test('the bundled workspace of four forces without --force: the report names whose it is, on stderr, so JSON stays clean', () => {
        const plain = coverage(['guidance', '--format', 'json']);
        expect(plain.stderr).toContain(
            'gdl: this workspace declares 4 forces (Cambridgeshire Constabulary, Devon and Cornwall Police, Example Constabulary, Thames Valley Police); this report is for Cambridgeshire Constabulary, the first.'
        );
        expect(JSON.parse(plain.stdout).force).toMatchObject({ title: 'Cambridgeshire Constabulary' });
        expect(coverage(EXAMPLE).stderr).toBe('');
        const byForce = coverage(['guidance', '--by-force']);
        expect(byForce.stderr).toBe('');
        // The level is every force's, not the first force's.
        expect(byForce.stdout).toContain('Level of assurance: evidenced for every force;');
    });

    test('two forces, --by-force: 12.3 covered for Kent Police, not for Surrey Police, in table, CSV, JSON and HTML; exit 1', () => {
        const folder = twoForces();
        const run = (format: string) => coverage(['.', '--by-force', '--as-of', TWO_FORCES_AS_OF, '--format', format], folder);
        const table = run('table');
        expect(table.code).toBe(1);
        expect(table.stdout).toMatch(/^Kent Police +✓ {2}· {2}1\/1 +100%$/m);
        expect(table.stdout).toMatch(/^Surrey Police +✗ {2}· {2}0\/1 +0%, 1 overdue$/m);
        expect(table.stdout).toContain('Made to others, listed but not counted: 15 (For PCCs)');
        const csv = run('csv');
        expect(csv.code).toBe(1);
        const rows = parseCsv(csv.stdout, { columns: true }) as Array<Record<string, string>>;
        expect(rows.map(r => `${r.force} ${r.requirement} ${r.state} ${r.status}`)).toEqual([
            'kent 12.3 covered Covered',
            'kent 15.1 for-others For PCCs',
            'surrey 12.3 uncovered Not covered',
            'surrey 15.1 for-others For PCCs'
        ]);
        const report = JSON.parse(run('json').stdout) as {
            byForce: Array<{ id: string; totals: { percent: number }; cells: Array<{ id: string; state: string }> }>;
        };
        expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
        expect(report.byForce.map(f => `${f.id} ${f.totals.percent} ${f.cells.map(c => `${c.id}:${c.state}`).join(' ')}`)).toEqual([
            'kent 100 12.3:covered 15.1:for-others',
            'surrey 0 12.3:uncovered 15.1:for-others'
        ]);
        const html = run('html');
        expect(html.code).toBe(1);
        expect(html.stdout).toMatch(
            /<tr data-force="kent"><th scope="row">Kent Police<\/th><td class="state-covered" data-requirement="F\/12\.3" data-state="covered"/
        );
        expect(html.stdout).toMatch(
            /<tr data-force="surrey"><th scope="row">Surrey Police<\/th><td class="state-uncovered" data-requirement="F\/12\.3" data-state="uncovered"/
        );
        // Markdown, SARIF and JUnit have no matrix: a usage error.
        expect(run('sarif').code).toBe(2);
    });

    test('two forces: --force kent exits 0, --force surrey exits 1; recommendation 15 is "For PCCs" in every format and no gap', () => {
        const folder = twoForces();
        const run = (force: string, format: string) =>
            coverage(['.', '--force', force, '--as-of', TWO_FORCES_AS_OF, '--format', format], folder);
        for (const format of ['table', 'markdown', 'html', 'csv', 'json', 'sarif', 'junit']) {
            const kent = run('kent', format);
            expect([format, kent.code]).toEqual([format, 0]);
            expect([format, run('surrey', format).code]).toEqual([format, 1]);
            if (format === 'json') {
                expect(JSON.parse(kent.stdout).requirements[1]).toMatchObject({ id: '15.1', state: 'for-others', recipients: ['pccs'] });
            } else {
                expect(kent.stdout, format).toContain('For PCCs');
            }
        }
        const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(run('kent', 'junit').stdout);
        expect(junit.testsuites).toMatchObject({ tests: '2', failures: '0', skipped: '1' });
        expect(JSON.parse(run('kent', 'sarif').stdout).runs[0].results).toEqual([]);
    });

    test('the HTML heat-map of forces in Chromium: every cell named in words, not colour alone; the page runs without errors', async () => {
        const folder = twoForces();
        const file = path.join(folder, 'forces.html');
        expect(coverage(['.', '--by-force', '--as-of', TWO_FORCES_AS_OF, '--format', 'html', '--output', file], folder).code).toBe(1);
        const browser = await launchChromium();
        try {
            const page = await browser.newPage();
            const errors: string[] = [];
            page.on('pageerror', error => errors.push(error.message));
            await page.route('**/*', route => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
            await page.goto(`file://${file}`);
            expect(await page.locator('#forces tbody tr').count()).toBe(2);
            const surrey = page.locator('#forces tr[data-force="surrey"]');
            await expect
                .poll(() => surrey.getByRole('cell', { name: '12.3: Not covered; not addressed, overdue (due 2025-03-27)' }).count())
                .toBe(1);
            expect(await surrey.getByRole('cell', { name: '15.1: For PCCs, not counted; addressed' }).count()).toBe(1);
            expect(await page.locator('#forces tr[data-force="kent"] td[data-state="covered"]').getAttribute('title')).toBe(
                'Kent Police, 12.3: Covered; evidenced, on time (2025-02-01, due 2025-03-27)'
            );
            // The requirement matrix below still filters.
            await page.selectOption('#filter-state', 'for-others');
            expect(await page.locator('#shown').textContent()).toBe('1');
            expect(errors).toEqual([]);
            await page.screenshot({ path: path.join(repo, 'test-output', 'coverage-by-force.png'), fullPage: true });
        } finally {
            await browser.close();
        }
    });
});
