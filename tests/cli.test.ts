import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { PATIENCE_MS } from './support/patience.js';
import { referenceRecommendations } from './support/reference.js';

const repo = path.resolve(import.meta.dirname, '..');
const gdl = path.join(repo, 'bin/gdl.js');
const fixtures = path.join(repo, 'tests/fixtures');

function run(args: string[], cwd = repo, env: NodeJS.ProcessEnv = process.env) {
    const result = spawnSync(process.execPath, [gdl, ...args], { cwd, encoding: 'utf8', timeout: PATIENCE_MS, env });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr, lines: result.stdout.split('\n') };
}

const problemLine = /^(\S+):(\d+):(\d+) (error|warning|info|hint) (GDL\d{4}) (.+)$/;
const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

describe('gdl check (spawned as a user runs it)', () => {
    test('the bundled guidance, for the Example Constabulary: no errors, 38 requirements covered and one waived, two items overdue', () => {
        const result = run(['check', 'guidance', '--force', 'Example Constabulary']);
        expect(result.stdout).toContain(
            'Coverage for Example Constabulary: 38/39 evidence requirements covered, 1 waived or not applicable (100.0%) at the evidenced level (backed by approved guidance or training, or by an exhibit on file); 3 met late'
        );
        expect(result.stdout).toMatch(/files checked as of \d{4}-\d{2}-\d{2}: 0 errors, 2 warnings\.$/m);
        // The example is honest about progress: items 13 and 18 are still in progress, past their deadline.
        const overdue = result.lines.filter(l => problemLine.exec(l)?.[5] === 'GDL0502');
        expect(overdue.map(l => /Recommendation (\d+) /.exec(l)?.[1])).toEqual(['13', '18']);
        // What was checked, in a writer's and an auditor's terms.
        expect(result.stdout).toContain('Framework SC2024: 16 recommendations, 39 evidence requirements (4 without text in the source).');
        expect(result.stdout).toMatch(
            /^Answered by 7 guidance documents \(\d+ sections\), 5 training modules, 5 course packs, 1 action plan \(14 of 16 items complete\)\.$/m
        );
        expect(run(['check', 'guidance', '--force', 'Example Constabulary', '--as-of', '2026-01-15']).stdout).toContain(
            'Next review due: 2027-02-14 (module CH-1'
        );
        expect(result.code, result.stdout).toBe(0);
    });

    test('today is the date where the user is; with SOURCE_DATE_EPOCH, its day for every command; a malformed one is refused', () => {
        const { SOURCE_DATE_EPOCH: _set, ...clock } = process.env;
        const asOf = (result: { stdout: string }) => /files? checked as of (\d{4}-\d{2}-\d{2}):/.exec(result.stdout)?.[1];
        const pad = (n: number) => String(n).padStart(2, '0');
        const now = new Date();
        const local = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
        const unset = run(['check', 'guidance/framework', '--no-cache'], repo, clock);
        expect(asOf(unset), unset.stdout + unset.stderr).toBe(local);
        // 2027-06-01 12:00 UTC: the example's reviews are past and its waiver of 20.3 has lapsed, so it has a gap.
        const later = run(['check', 'guidance', '--force', 'Example Constabulary', '--no-cache'], repo, {
            ...clock,
            SOURCE_DATE_EPOCH: '1811851200'
        });
        expect(asOf(later)).toBe('2027-06-01');
        expect(later.stdout).toContain('20.3  (recommendation 20');
        expect(later.code).toBe(1);
        const site = path.join(mkdtempSync(path.join(tmpdir(), 'gdl-epoch-')), 'site');
        const built = run(['build', 'guidance', '--force', 'Example Constabulary', '--out', site, '--quiet', '--allow-gaps'], repo, {
            ...clock,
            SOURCE_DATE_EPOCH: '1811851200'
        });
        expect(built.code, built.stderr).toBe(0);
        expect(readFileSync(path.join(site, 'coverage.md'), 'utf8')).toContain('**As of:** 2027-06-01');
        for (const given of ['yesterday', '-1', '1.5e9', '99999999999999']) {
            const refused = run(['check', 'guidance/framework'], repo, { ...clock, SOURCE_DATE_EPOCH: given });
            expect(refused.code).toBe(2);
            expect(refused.stderr).toBe(
                `gdl: SOURCE_DATE_EPOCH is '${given}': it must be a time in seconds since 1970-01-01 UTC, a whole number from 0 to 253402300799 (9999-12-31), such as 1764158400; or unset, to take today's date\n`
            );
        }
        // Help, and a command told its date, do not need it.
        expect(run(['check', '--help'], repo, { ...clock, SOURCE_DATE_EPOCH: 'yesterday' }).code).toBe(0);
        const told = run(['check', 'guidance/framework', '--as-of', '2026-11-26', '--no-cache'], repo, {
            ...clock,
            SOURCE_DATE_EPOCH: 'x'
        });
        expect(asOf(told), told.stderr).toBe('2026-11-26');
    });

    test("the whole bundled guidance: no errors; the three real forces' transcribed plans cover nothing, so their gaps are listed and it exits 1", () => {
        const result = run(['check', 'guidance']);
        expect(result.stdout).toMatch(/files checked as of \d{4}-\d{2}-\d{2}: 0 errors, \d+ warnings\.$/m);
        expect(result.stdout).toContain(
            'Coverage for Example Constabulary: 38/39 evidence requirements covered, 1 waived or not applicable (100.0%)'
        );
        for (const force of ['Cambridgeshire Constabulary', 'Devon and Cornwall Police', 'Thames Valley Police']) {
            expect(result.stdout).toContain(`Coverage for ${force}: 0/39 evidence requirements covered (0.0%)`);
        }
        // Cambridgeshire's items 23 and 28 are in progress, as published: addressed, not counted, and said so on one line.
        expect(result.stdout).toContain('  23.1  (recommendation 23, due 2025-03-27; addressed, not counted, overdue)');
        expect(result.stdout).toContain('      addressed only by plan item 23 (plan item is in progress)');
        // The warnings are the true ones: requirements not covered (GDL0201) and recommendations overdue (GDL0502).
        const lines = result.stdout
            .split('\n')
            .map(line => problemLine.exec(line))
            .filter((m): m is RegExpExecArray => m !== null);
        const codes = new Set(lines.filter(m => m[4] === 'error' || m[4] === 'warning').map(m => m[5]));
        expect([...codes].sort()).toEqual(['GDL0201', 'GDL0502']);
        // Below them, information: provisions never verified against the official text (GDL0319), and Acts named
        // whose provisions here are not declared (GDL0316: MCA 1980 s63, SOA 2003 Part 2).
        const information = new Set(lines.filter(m => m[4] === 'info' || m[4] === 'hint').map(m => m[5]));
        expect([...information].sort()).toEqual(['GDL0316', 'GDL0319']);
        expect(result.code, result.stdout).toBe(1);
    });

    test('with guidance, training and plans removed, every requirement is listed as uncovered with its text (exit 1)', () => {
        const copy = mkdtempSync(path.join(tmpdir(), 'gdl-framework-only-'));
        cpSync(path.join(repo, 'guidance/framework'), path.join(copy, 'framework'), { recursive: true });
        cpSync(path.join(repo, 'guidance/common'), path.join(copy, 'common'), { recursive: true });
        const result = run(['check', copy]);
        expect(result.code).toBe(1);
        expect(result.stdout).toContain('Coverage: 0/39 evidence requirements covered (0.0%) at the evidenced level');
        expect(result.stdout).toContain('Not covered (39):');
        const reference = referenceRecommendations() as Array<{
            evidence: Array<{ id: string; text: string | null }>;
        }>;
        for (const evidence of reference.flatMap(r => r.evidence)) {
            const line = result.lines.find(l => l.startsWith(`  ${evidence.id}  (`));
            expect(line, evidence.id).toBeDefined();
            expect(line, evidence.id).toContain(
                evidence.text === null ? '[no text in the source' : evidence.text.replace(/\s*\n\s*/g, ' ')
            );
        }
    });

    test('a workspace with gaps: each problem as file:line:col severity code message, the gaps and exit 1', () => {
        const result = run(['check', 'tests/fixtures/gaps', '--as-of', '2026-01-15']);
        expect(result.code).toBe(1);
        const problems = result.lines.filter(l => problemLine.test(l));
        expect(problems).toContain(
            'tests/fixtures/gaps/framework.gdl:8:18 warning GDL0201 Evidence requirement 12.1 is not covered at the evidenced level; it is addressed only by guidance §risk-screening (section is draft). The requirement: "Considering implementing the stalking screening tool."'
        );
        expect(
            problems.some(p =>
                p.includes('GDL0202 Evidence requirement 12.3 needs guidance and training coverage but is covered only by guidance.')
            )
        ).toBe(true);
        expect(problems.some(p => /plan\.gdl:5:\d+ warning GDL0502 Recommendation 14 was due by 2025-03-27/.test(p))).toBe(true);
        expect(result.stdout).toContain('Coverage: 1/5 evidence requirements covered (20.0%) at the evidenced level');
        expect(result.stdout).toContain(
            '  14.2  (recommendation 14, due 2025-03-27; not addressed, overdue) [no text in the source: The fixture has no text for 14.2.]'
        );
        expect(result.stdout).toContain('      needs guidance and training; covered only by guidance');
    });

    test('two forces: each is judged on its own material, with --force for one of them', () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'gdl-two-forces-'));
        const write = (file: string, text: string) => {
            mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
            writeFileSync(path.join(folder, file), text);
        };
        write(
            'framework.gdl',
            `framework F "Framework" { recommendation 12 { to chief-constables deadline 2025-03-27 text "Take steps."
    evidence 12.1 { text "First." } evidence 12.3 { text "Third." } } }
audience responders "Responders"`
        );
        for (const [id, name, covers] of [
            ['kent', 'Kent Police', '12.1, 12.3'],
            ['essex', 'Essex Police', '12.1']
        ] as const) {
            write(`${id}/force.gdl`, `force ${id} "${name}"`);
            write(
                `${id}/plan.gdl`,
                `plan ${id}-plan "Plan" { force "${name}" responds-to F item 12 { status complete progress 100% updated 2025-03-01 lead "L" update "Done." } }`
            );
            write(
                `${id}/guidance.gdl`,
                `guidance ${id}-g "Guide" { owner "O" status approved approved 2025-01-10 review-by 2027-01-10 audience responders
    section ${id}-s "S" { addresses ${covers} "` +
                    `""Text.""` +
                    `" } }`
            );
        }
        const both = run(['check', folder, '--as-of', '2026-01-15']);
        expect(both.code).toBe(1);
        expect(both.stdout).toContain('Forces: 2 (Essex Police, Kent Police)');
        expect(both.stdout).toContain('Coverage for Essex Police: 1/2 evidence requirements covered (50.0%)');
        expect(both.stdout).toContain('Coverage for Kent Police: 2/2 evidence requirements covered (100.0%)');
        expect(both.lines.filter(l => problemLine.test(l))).toEqual([
            `${path.join(folder, 'framework.gdl')}:2:46 warning GDL0201 Evidence requirement 12.3 is not covered for 1 of 2 forces at the evidenced level: Essex Police (not covered). The requirement: "Third."`
        ]);
        const kent = run(['check', folder, '--as-of', '2026-01-15', '--force', 'kent']);
        expect(kent.code, kent.stdout).toBe(0);
        expect(kent.stdout).not.toContain('Essex');
        const essex = run(['check', folder, '--as-of', '2026-01-15', '--force', 'Essex Police']);
        expect(essex.code).toBe(1);
        expect(essex.stdout).toContain('Essex Police, not covered (1):');
        const unknown = run(['check', folder, '--force', 'Sussex']);
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toContain("no force 'Sussex'");
        expect(unknown.stderr).toContain('essex ("Essex Police"), kent ("Kent Police")');
    });

    test('a folder without a framework is not "100% covered": the check says so and fails', () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'gdl-no-framework-'));
        cpSync(path.join(repo, 'guidance/example-constabulary/guidance'), folder, { recursive: true });
        const check = run(['check', folder]);
        expect(check.code).toBe(1);
        expect(check.stdout).toContain(`No framework in '${folder}': there are no evidence requirements to judge coverage against`);
        const coverage = run(['coverage', folder]);
        expect(coverage.code).toBe(1);
        expect(coverage.stderr).toContain('No framework in');
    });

    test('--as-of decides what is overdue', () => {
        const before = run(['check', 'tests/fixtures/gaps', '--as-of', '2025-03-20']);
        expect(before.stdout).not.toContain('GDL0502');
        expect(before.stdout).toContain('as of 2025-03-20');
    });

    test('a syntax error gives file, line, column and a readable message, never a stack trace', () => {
        const result = run(['check', 'tests/fixtures/syntax-error']);
        expect(result.code).toBe(1);
        const first = result.lines.find(l => problemLine.test(l))!;
        expect(first).toMatch(/^tests\/fixtures\/syntax-error\/broken\.gdl:3:13 error GDL0001 /);
        noStackTrace(result.stdout + result.stderr);
    });

    test('a missing folder, a folder with no sources, a malformed date and an unknown command are usage errors (exit 2)', () => {
        const missing = run(['check', 'no/such/folder']);
        expect([missing.code, missing.stderr.trim()]).toEqual([2, "gdl: cannot read 'no/such/folder': no such file or folder"]);
        const empty = run(['check', mkdtempSync(path.join(tmpdir(), 'gdl-empty-'))]);
        expect(empty.code).toBe(2);
        expect(empty.stderr).toMatch(/no \.gdl sources found/);
        const date = run(['check', 'guidance', '--as-of', '2025-13-01']);
        expect(date.code).toBe(2);
        expect(date.stderr).toContain("'2025-13-01' is not a date; write YYYY-MM-DD.");
        const unknown = run(['inspect']);
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toContain("unknown command 'inspect'");
        for (const r of [missing, empty, date, unknown]) {
            noStackTrace(r.stderr);
        }
    });

    test('an unreadable file is reported, the rest is still checked, and the exit code is 2', () => {
        const copy = mkdtempSync(path.join(tmpdir(), 'gdl-unreadable-'));
        cpSync(path.join(fixtures, 'gaps'), copy, { recursive: true });
        symlinkSync(path.join(copy, 'does-not-exist.gdl'), path.join(copy, 'broken-link.gdl'));
        const result = run(['check', copy]);
        expect(result.code).toBe(2);
        expect(result.stdout).toMatch(/broken-link\.gdl:1:1 error GDL0000 cannot read file: the file does not exist/);
        expect(result.stdout).toContain('Coverage: 1/5');
    });

    test('binary and truncated input is reported as syntax errors, not a crash', () => {
        const copy = mkdtempSync(path.join(tmpdir(), 'gdl-binary-'));
        writeFileSync(path.join(copy, 'binary.gdl'), Buffer.from([0, 1, 2, 255, 254, 10, 34, 0]));
        writeFileSync(path.join(copy, 'truncated.gdl'), 'guidance g "G" {\n    section s "S" {\n        """unterminated');
        const result = run(['check', copy]);
        expect(result.code).toBe(1);
        expect(result.lines.filter(l => problemLine.test(l)).map(l => l.split(' ')[2])).toContain('GDL0001');
        expect(result.stdout).toMatch(/truncated\.gdl:\d+:\d+ error GDL0001/);
        noStackTrace(result.stdout + result.stderr);
    });

    test('piping into a reader that stops early (| head) ends quietly, without a stack trace', () => {
        // Worked out (--no-cache), not printed from the cache: check-cache.test.ts pipes an answer from the cache.
        const result = spawnSync('bash', ['-c', `set -o pipefail; node ${gdl} check guidance/framework --no-cache | head -1`], {
            cwd: repo,
            encoding: 'utf8'
        });
        expect(result.stdout.trim()).toMatch(/GDL0201/);
        expect(result.stderr).toBe('');
    });

    test('--help describes the command and exits 0', () => {
        const result = run(['check', '--help']);
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('--as-of <date>');
    });
});
