import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { csvColumns, csvForceColumns, neutraliseCell } from '../cli/report/format-csv.js';
import { PATIENCE_MS } from './support/patience.js';
import { expectSuitePerRecommendation, expectWholeLocations } from './support/expectations.js';
import { fixtureCopy, sourceOutside } from './support/files.js';

/** The bundled workspace, judged for its fictional force (the real forces beside it have gaps). */
const EXAMPLE = ['guidance', '--force', 'Example Constabulary'];

// Issue 10, items 7 and 8: what an adversarial review found in the reports and in the check's summary.

const repo = path.resolve(import.meta.dirname, '..');
const gdl = path.join(repo, 'bin/gdl.js');
const AS_OF = '2026-01-15';

function run(args: string[], cwd = repo) {
    const result = spawnSync(process.execPath, [gdl, ...args], { cwd, encoding: 'utf8', timeout: PATIENCE_MS });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Formula payloads as a spreadsheet would run them; each is the start of a cell in the CSV unless neutralised.
const HYPERLINK = '=HYPERLINK("http://x","y")';
const dangerous = /^[=+\-@\t\r]/;
const gdlString = (text: string) => JSON.stringify(text); // GDL strings escape like JSON's: \" \t \r

/** A workspace whose texts, titles, reasons and file names begin with formula payloads. */
function hostileWorkspace(): string {
    const folder = mkdtempSync(path.join(tmpdir(), 'gdl-csv-injection-'));
    // The framework's file name is what every row's `file` cell holds: a value we write ourselves that looks negative.
    writeFileSync(
        path.join(folder, '-2.gdl'),
        `
framework HOSTILE ${gdlString(HYPERLINK)} {
    recommendation 1 {
        to chief-constables
        deadline 2025-03-27
        text ${gdlString('+1')}
        evidence 1.1 { text ${gdlString(HYPERLINK)} }
        evidence 1.2 { text ${gdlString('+1')} }
        evidence 1.3 { text ${gdlString('-2')} }
        evidence 1.4 { text ${gdlString('@SUM(A1)')} }
        evidence 1.5 { text ${gdlString('\tTAB')} }
        evidence 1.6 { text ${gdlString('\rCR')} }
    }
}
audience responders ${gdlString('-2')}
`
    );
    writeFileSync(
        path.join(folder, '@SUM(A1).gdl'),
        `
guidance g ${gdlString('+1')} {
    owner ${gdlString('@SUM(A1)')}
    status approved
    approved 2025-02-01
    review-by 2027-02-01
    audience responders
    section s ${gdlString(HYPERLINK)} {
        addresses 1.1, 1.2
        """
        =HYPERLINK("http://x","y")
        """
    }
}
`
    );
    writeFileSync(
        path.join(folder, '+1.gdl'),
        `
plan p ${gdlString(HYPERLINK)} {
    force ${gdlString('-2')}
    responds-to HOSTILE
    item 1 { status complete progress 100% updated 2025-03-01 addresses 1.4 }
    waive 1.3 {
        reason ${gdlString(HYPERLINK)}
        approved-by ${gdlString('@SUM(A1)')}
        expires 2026-12-31
    }
    not-applicable 1.5 { reason ${gdlString('+1')} approved-by ${gdlString('-2')} }
}
`
    );
    return folder;
}

describe('CSV: no cell a spreadsheet would run (OWASP CSV injection)', () => {
    test('every cell starting with = + - @ tab or CR gets a leading apostrophe; the columns are unchanged', () => {
        const folder = hostileWorkspace();
        // At the addressed level, so that the completed plan item (no exhibit) covers 1.4 and fills the action column.
        const result = run(['coverage', '.', '--format', 'csv', '--as-of', AS_OF, '--level', 'addressed'], folder);
        expect(result.stderr).toBe('');
        const records = parseCsv(result.stdout, { relax_column_count: false }) as string[][];
        expect(records[0]).toEqual([...csvColumns]);
        const cells = records.flat();
        expect(cells.filter(cell => dangerous.test(cell))).toEqual([]);
        const rows = parseCsv(result.stdout, { columns: true }) as Array<Record<string, string>>;
        expect(rows.map(r => `${r.requirement} ${r.state}`)).toEqual([
            '1.1 covered',
            '1.2 covered',
            '1.3 waived',
            '1.4 covered',
            '1.5 waived',
            '1.6 uncovered'
        ]);
        expect(rows.map(r => r.text)).toEqual([`'${HYPERLINK}`, "'+1", "'-2", "'@SUM(A1)", "'\tTAB", "'\rCR"]);
        // The file name is ours to write, and it is treated like any other cell.
        expect(new Set(rows.map(r => r.file))).toEqual(new Set(["'-2.gdl"]));
        // A payload inside a cell is harmless and left alone; so is every cell that starts safely.
        expect(rows[0]!.guidance).toBe('guidance §s (@SUM(A1).gdl:8)');
        expect(rows[3]!.action).toBe('plan item 1 (+1.gdl:5)');
        expect(rows[0]).toMatchObject({ framework: 'HOSTILE', recommendation: '1', state: 'covered', deadline: '2025-03-27', line: '7' });
    });

    test('--by-force: a force named with a formula payload is neutralised too, in every row of the forces × requirements CSV', () => {
        const folder = hostileWorkspace();
        // Two forces, in folders of their own, their names formula payloads; the sources above are shared material.
        for (const [id, title] of [
            ['hyperlink', HYPERLINK],
            ['sum', '@SUM(A1)']
        ] as const) {
            mkdirSync(path.join(folder, id));
            writeFileSync(path.join(folder, id, 'force.gdl'), `force ${id} ${gdlString(title)}\n`);
        }
        const result = run(['coverage', '.', '--format', 'csv', '--by-force', '--as-of', AS_OF], folder);
        const records = parseCsv(result.stdout, { relax_column_count: false }) as string[][];
        expect(records[0]).toEqual([...csvForceColumns]);
        expect(records.flat().filter(cell => dangerous.test(cell))).toEqual([]);
        const rows = parseCsv(result.stdout, { columns: true }) as Array<Record<string, string>>;
        expect(new Set(rows.map(r => `${r.force} ${r.forceName}`))).toEqual(new Set(["hyperlink '" + HYPERLINK, "sum '@SUM(A1)"]));
        expect(rows).toHaveLength(12);
    });

    test('one rule for every value: a negative-looking number is neutralised exactly like the same text', () => {
        expect(neutraliseCell(-2)).toBe("'-2");
        expect(neutraliseCell('-2')).toBe("'-2");
        expect(neutraliseCell(HYPERLINK)).toBe(`'${HYPERLINK}`);
        for (const safe of [7, '7.1', 'covered', '', "'already quoted", ' =leading space', 'a=b']) {
            expect(neutraliseCell(safe)).toBe(String(safe));
        }
    });
});

describe('the terminal table: locations are never cut', () => {
    test('every counted covering item of the bundled guidance shows its whole file:line, on its own line', () => {
        const report = JSON.parse(run(['coverage', ...EXAMPLE, '--format', 'json', '--as-of', AS_OF]).stdout) as {
            requirements: Array<{ id: string; items: Array<{ kind: string; id: string; file: string; line: number; counts: boolean }> }>;
        };
        const table = run(['coverage', ...EXAMPLE, '--format', 'table', '--as-of', AS_OF]).stdout;
        expectWholeLocations(report, table);
    });
});

describe('JUnit: a suite for every recommendation of the framework', () => {
    const suitesOf = (xml: string) => {
        const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
        return {
            totals: parsed.testsuites,
            suites: [parsed.testsuites.testsuite].flat() as Array<{ name: string; tests: string; testcase?: unknown }>
        };
    };

    test('the bundled framework: 16 suites in framework order; recommendation 15 (no evidence requirements) has one with no test cases', () => {
        expectSuitePerRecommendation(suitesOf(run(['coverage', ...EXAMPLE, '--format', 'junit', '--as-of', AS_OF]).stdout));
    });

    test('--recipient pccs keeps recommendation 15 too, in every format that lists recommendations', () => {
        const { suites } = suitesOf(run(['coverage', ...EXAMPLE, '--format', 'junit', '--recipient', 'pccs']).stdout);
        expect(suites.map(s => s.name)).toEqual(['15', '16', '25', '27'].map(id => `SC2024 recommendation ${id}`));
        const report = JSON.parse(run(['coverage', ...EXAMPLE, '--format', 'json', '--recipient', 'pccs']).stdout);
        expect(report.recommendations.map((r: { id: string; requirements: number }) => `${r.id}:${r.requirements}`)).toEqual([
            '15:0',
            '16:1',
            '25:3',
            '27:1'
        ]);
        // Made to PCCs only: listed as theirs, not as a 0/0 of the force's.
        expect(run(['coverage', ...EXAMPLE, '--recipient', 'pccs']).stdout).toMatch(/^ {2}SC2024 15 +For PCCs: listed, not counted$/m);
        expect(run(['coverage', ...EXAMPLE, '--format', 'markdown', '--recipient', 'pccs']).stdout).toMatch(/^\| SC2024 15 +\|/m);
    });
});

describe('gdl check: the summary counts unreadable files as errors', () => {
    test('a broken link and a link outside the folder are two GDL0000 errors, and the last line says so', () => {
        const elsewhere = sourceOutside('elsewhere.gdl');
        const copy = fixtureCopy('gaps', 'unreadable-count');
        symlinkSync(path.join(copy, 'does-not-exist.gdl'), path.join(copy, 'broken-link.gdl'));
        symlinkSync(elsewhere, path.join(copy, 'escape.gdl'));
        const result = run(['check', copy, '--as-of', AS_OF]);
        expect(result.code).toBe(2);
        const errorLines = result.stdout.split('\n').filter(line => /^\S+:\d+:\d+ error GDL\d{4} /.test(line));
        expect(errorLines.filter(line => line.includes(' GDL0000 '))).toHaveLength(2);
        const last = result.stdout.trimEnd().split('\n').at(-1)!;
        expect(last).toMatch(new RegExp(`^3 files checked as of ${AS_OF}: ${errorLines.length} errors, \\d+ warnings\\.$`));
        expect(errorLines.length).toBe(2);
    });
});

describe('what a mistyped or odd argument gets: a clear refusal, exit 2, nothing touched', () => {
    test('--recipient no recommendation is made to is refused with the recipients there are, not reported as 100%', () => {
        // Before: `--recipient chief-constable` (no s) selected nothing, and the report of nothing said 100%, exit 0.
        const result = run(['coverage', ...EXAMPLE, '--recipient', 'chief-constable']);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(
            "--recipient 'chief-constable': no recommendation in the framework is made to it; its recipients are chief-constables, pccs"
        );
        expect(result.stdout).toBe('');
        expect(run(['coverage', ...EXAMPLE, '--recipient', 'chief-constables']).code).toBe(0);
    });

    test('an option of one value given twice with different values is refused, not the last kept in silence', () => {
        // Before: `--force kent --force sussex` reported Sussex alone, exit 0, for a user who meant both.
        const twice = run(['coverage', 'guidance', '--force', 'example-constabulary', '--force', 'thames-valley-police']);
        expect(twice.code).toBe(2);
        expect(twice.stderr).toBe(
            "gdl: --force was given more than once, as 'example-constabulary' and 'thames-valley-police': it takes one value; give it once\n"
        );
        expect(twice.stdout).toBe('');
        const date = run(['check', 'guidance', '--as-of=2026-01-15', '--as-of', '2026-02-01', '--no-cache']);
        expect(date.code).toBe(2);
        expect(date.stderr).toContain("--as-of was given more than once, as '2026-01-15' and '2026-02-01'");
        const lms = run([
            'build',
            ...EXAMPLE,
            '--out',
            path.join(mkdtempSync(path.join(tmpdir(), 'gdl-lms-')), 'site'),
            '--lms',
            'scorm12',
            '--lms',
            'cmi5'
        ]);
        expect(lms.code).toBe(2);
        expect(lms.stderr).toContain(
            "--lms was given more than once, as 'scorm12' and 'cmi5': give them in one, separated by commas (--lms scorm12,cmi5)"
        );
        // The same value twice changes nothing; --report adds a report each time.
        expect(run(['coverage', ...EXAMPLE, '--as-of', '2026-01-15', '--as-of', '2026-01-15']).code).toBe(0);
        const folder = mkdtempSync(path.join(tmpdir(), 'gdl-twice-'));
        const both = run(['check', ...EXAMPLE, '--no-cache', '--report', `html:${folder}/a.html`, '--report', `json:${folder}/a.json`]);
        expect(both.code, both.stderr).toBe(0);
        expect(readdirSync(folder).sort()).toEqual(['a.html', 'a.json']);
    });

    test('a file that is not a GDL source, given as the workspace, is refused by name, not an internal error', () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'gdl-not-source-'));
        writeFileSync(path.join(folder, 'README.md'), '# Notes\n');
        for (const command of ['check', 'coverage']) {
            const result = run([command, path.join(folder, 'README.md')]);
            expect(result.code, command).toBe(2);
            expect(result.stderr, command).toContain("README.md' is not a folder or a GDL source (.gdl)");
            expect(result.stderr, command).not.toContain('internal error');
        }
    });

    test('the standard output that cannot be written (a full disk, /dev/full) is said in words, exit 2, no stack trace', () => {
        // Before: a raw "Error: ENOSPC" stack trace after a line of the minified bundle (and, redirected to a file on a
        // full disk, a report cut short with exit 0: writeOut writes every byte, checked by hand on a 64 KB tmpfs).
        for (const args of [
            ['coverage', ...EXAMPLE, '--format', 'html'],
            ['check', ...EXAMPLE, '--no-cache']
        ]) {
            const result = spawnSync('bash', ['-c', `"${process.execPath}" "${gdl}" ${args.map(a => `'${a}'`).join(' ')} > /dev/full`], {
                cwd: repo,
                encoding: 'utf8',
                timeout: PATIENCE_MS
            });
            expect(result.status, args.join(' ')).toBe(2);
            expect(result.stderr, args.join(' ')).toBe('gdl: cannot write the output: the disk is full\n');
        }
    });

    test('a report onto a named pipe or a device is refused before anything is read or written', () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'gdl-special-'));
        const pipe = path.join(folder, 'report.html');
        expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
        // Before: reading the pipe to see whether it held an earlier report waited for ever (a device was replaced).
        for (const args of [
            ['check', ...EXAMPLE, '--report', `html:${pipe}`],
            ['coverage', ...EXAMPLE, '--format', 'html', '--output', pipe],
            ['coverage', ...EXAMPLE, '--format', 'json', '--output', '/dev/null']
        ]) {
            const result = run(args);
            expect(result.code, args.join(' ')).toBe(2);
            expect(result.stderr, args.join(' ')).toContain('it is not a file but a device, a pipe or a socket. Nothing was written');
        }
        expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    });
});
