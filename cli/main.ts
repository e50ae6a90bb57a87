import { fstatSync, writeSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isCalendarDate, sourceDateEpochProblem } from '../language/src/dates.js';
import { checkCommand, type CheckOptions } from './check-command.js';
import { assuranceLevels } from '../language/src/coverage/assurance-levels.js';
import { ExitCode, UsageError } from './errors.js';
import { ImportError } from '../language/src/onboarding/import-report.js';
import type { BuildOptions } from './build/build-command.js';
import { parseLmsKinds } from './build/lms-kinds.js';
import { buildOutput } from './build/progress-line.js';
import type { CoverageCommandOptions } from './coverage-command.js';
import { parseReportRequest, reportFormats, type ReportRequest } from './report/report-formats.js';
import { terminalText } from './terminal-text.js';
import { describeFileError } from '../language/src/file-errors.js';
import { writeAll } from './write-all.js';
import type { InitOptions } from './init-command.js';
import type { ImportOptions } from './import-command.js';

// Each command's module is loaded when the command runs: a check does not load the Word, zip and Markdown libraries
// that publishing and importing need, and a check answered from its cache (check-cache.ts) loads neither the language
// nor the publishing code.

function parsePercent(value: string): number {
    const number = Number(value.replace(/%$/, ''));
    // Written as a person writes a percentage (80, 99.5, 80%): Number() also takes 1e2, 0x10 and ' 50', which no one means.
    if (!/^\d{1,3}(\.\d+)?%?$/.test(value) || number > 100) {
        throw new InvalidArgumentError(`'${value}' is not a percentage from 0 to 100.`);
    }
    return number;
}

/** `--level`: the level of assurance that counts as covered, overriding the plans' `assurance`. */
function levelOption(): Option {
    return new Option(
        '--level <level>',
        "the level of assurance that counts as covered (default: the plan's `assurance`, else evidenced)"
    ).choices([...assuranceLevels]);
}

/** `--report FORMAT:FILE` (repeatable): each report the check writes. */
function parseReport(value: string, previous: ReportRequest[] = []): ReportRequest[] {
    const request = parseReportRequest(value);
    if (typeof request === 'string') {
        throw new InvalidArgumentError(request);
    }
    return [...previous, request];
}

function parseDate(value: string): string {
    if (!isCalendarDate(value)) {
        throw new InvalidArgumentError(`'${value}' is not a date; write YYYY-MM-DD.`);
    }
    return value;
}

/**
 * A reader piping into `head` closes the pipe early: that ends the output, it is not an error. Any other failure to
 * write the output (a full disk, /dev/full) is said in words, exit 2, not as a stack trace.
 */
export function exitQuietlyOnClosedPipe(): void {
    for (const stream of [process.stdout, process.stderr]) {
        stream.on('error', (error: NodeJS.ErrnoException) => {
            if (error.code === 'EPIPE') {
                process.exit(process.exitCode ?? 0);
            }
            outputFailed(error);
        });
    }
}

function outputFailed(error: unknown): never {
    try {
        writeSync(2, `gdl: cannot write the output: ${describeFileError(error, 'write')}\n`);
    } catch {
        // nowhere left to say it
    }
    process.exit(2);
}

let outputIsFile: boolean | undefined;

/**
 * Writes to the standard output. Redirected to a file (`gdl coverage --format sarif > results.sarif`), Node writes it
 * with one write call per piece and takes no notice of a write that wrote less: on a filling disk the report was cut
 * off and the command exited 0. Every byte is written here ({@link writeAll}), or the disk is full (exit 2).
 */
export function writeOut(text: string): void {
    outputIsFile ??= (() => {
        try {
            return fstatSync(1).isFile();
        } catch {
            return false;
        }
    })();
    if (!outputIsFile) {
        process.stdout.write(text);
        return;
    }
    try {
        writeAll((bytes, offset, length) => writeSync(1, bytes, offset, length), text);
    } catch (error) {
        outputFailed(error);
    }
}

/** The options that may be given more than once, each time adding to what they ask for. */
const REPEATABLE_OPTIONS: ReadonlySet<string> = new Set(['--report']);

/** The options whose one value is a list separated by commas (`--lms scorm12,cmi5`). */
const LIST_OPTIONS: ReadonlySet<string> = new Set(['--lms']);

/**
 * Refuses an option that takes one value given twice with different values (`--force kent --force sussex`): the
 * parser would keep the last in silence, and a user who meant both would read one force's answer as the two's. The
 * same value twice is harmless and accepted; flags (`--strict`) and the repeatable options are not values of one.
 */
function refuseRepeatedValues(command: Command, repeatable: ReadonlySet<string>): void {
    for (const option of command.options) {
        if ((!option.required && !option.optional) || option.long === undefined || repeatable.has(option.long)) {
            continue;
        }
        const long = option.long;
        let first: string | undefined;
        command.on(`option:${option.name()}`, (value: string) => {
            if (first !== undefined && value !== first) {
                throw new UsageError(
                    `${long} was given more than once, as '${first}' and '${value}': ${
                        LIST_OPTIONS.has(long)
                            ? `give them in one, separated by commas (${long} ${first},${value})`
                            : 'it takes one value; give it once'
                    }`
                );
            }
            first = value;
        });
    }
}

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export async function run(argv: string[]): Promise<number> {
    const program = new Command('gdl')
        .description('Check stalking guidance, training and action plans against the evidence requirements they answer.')
        .exitOverride()
        .configureOutput({ writeErr: text => process.stderr.write(text) });
    let exitCode: number = ExitCode.ok;
    program
        .command('check')
        .description('check every .gdl file in a folder and report the workspace coverage')
        .argument('[folder]', 'the workspace folder', '.')
        .option('--as-of <date>', 'judge deadlines and review dates as of this date (YYYY-MM-DD; default today)', parseDate)
        .option('--strict', 'also fail (exit 1) on warnings')
        .addOption(levelOption())
        .option(
            '--force <force>',
            'judge one force of a workspace of several (its id or name): its files, the shared ones and its coverage'
        )
        .option('--prose', 'also check the guidance and training prose for plain English (GDL0701–GDL0707), with a count by code')
        .option(
            '--report <format:file>',
            `also write the coverage report to a file, from the same check (repeatable; ${reportFormats.join(', ')}; e.g. html:coverage.html, or a file whose extension says the format)`,
            parseReport
        )
        .option(
            '--no-cache',
            'check afresh, without reading or writing the cache of answers (.gdl-cache/ in the workspace folder; an answer is reused only when the sources, configuration, options, date and gdl are unchanged)'
        )
        .option('--cache-dir <folder>', 'keep the cache of answers in this folder instead of .gdl-cache/ in the workspace folder')
        .option(
            '--watch',
            'keep checking: check again after every change to the workspace, reading again only the files that changed (Ctrl+C to stop)'
        )
        .action(async (folder: string, options: CheckOptions) => {
            exitCode = await checkCommand(
                folder,
                options,
                line => writeOut(terminalText(line) + '\n'),
                text => process.stderr.write(`gdl: note: ${terminalText(text)}\n`)
            );
        });
    program
        .command('coverage')
        .description('print the coverage matrix: recommendation × evidence requirement × what covers it, state and deadline')
        .argument('[folder]', 'the workspace folder', '.')
        .addOption(new Option('--format <format>', 'output format').choices([...reportFormats]).default('table'))
        .option('--output <file>', 'write the report to a file (atomically) instead of standard output')
        .option('--fail-under <percent>', 'exit 1 when coverage (covered + waived) is below this percentage (default 100)', parsePercent)
        .option('--as-of <date>', 'judge deadlines and waivers as of this date (YYYY-MM-DD; default today)', parseDate)
        .option(
            '--recipient <recipient>',
            'only recommendations made to this recipient, one the framework names (chief-constables, pccs, …)'
        )
        .option('--include-drafts', 'count draft sections and modules as if approved (what coverage would be)')
        .option('--since <ref>', 'compare with an earlier state: a git revision or a folder; lists coverage gained and lost')
        .addOption(levelOption())
        .option('--force <force>', 'report one force of a workspace of several (its id or name)')
        .option('--by-force', 'the matrix of forces × requirements (table, html, csv, json)')
        .action(async (folder: string, options: CoverageCommandOptions) => {
            const { coverageCommand } = await import('./coverage-command.js');
            exitCode = await coverageCommand(folder, options, text => writeOut(text));
        });
    program
        .command('build')
        .description(
            'publish the guidance site, course packs (trainer and learner, Markdown, HTML and Word), the action plan and the coverage page'
        )
        .argument('[folder]', 'the workspace folder', '.')
        .requiredOption('--out <folder>', 'the output folder (replaced atomically)')
        .option('--allow-gaps', 'publish even when requirements are uncovered; every page says which')
        .option('--include-drafts', 'publish draft sections and modules too')
        .option('--as-of <date>', 'judge deadlines and waivers as of this date (YYYY-MM-DD; default today)', parseDate)
        .option('--templates <folder>', 'use these templates instead of the bundled out-templates/')
        .addOption(levelOption())
        .option('--force <force>', 'publish one force of a workspace of several (its id or name)')
        .option(
            '--lms <platforms>',
            'also package each course pack for learning platforms: scorm12, scorm2004, cmi5 (comma-separated for several)',
            parseLmsKinds
        )
        .option('--quiet', 'no progress or summary (for CI)')
        .action(async (folder: string, options: BuildOptions) => {
            const { buildCommand } = await import('./build/build-command.js');
            const output = buildOutput(process);
            try {
                exitCode = await buildCommand(folder, options, output.line, output.progress);
            } finally {
                output.end();
            }
        });
    program
        .command('init')
        .description(
            "start a force's workspace: the framework, the common vocabulary, a plan with an item per recommendation, editor settings and a README"
        )
        .argument('[folder]', 'the folder to create the workspace in (new or empty, or with --add an existing workspace)', '.')
        .requiredOption('--force <name>', 'the force\'s name, for example "Kent Police"')
        .option('--add', 'add the force beside those already in the workspace in the folder (never overwrites a file)')
        .action(async (folder: string, options: InitOptions) => {
            const { initCommand } = await import('./init-command.js');
            exitCode = await initCommand(folder, options, line => writeOut(terminalText(line) + '\n'));
        });
    program
        .command('import')
        .description(
            "bring existing material in as drafts: a Word (.docx) or Markdown (.md) document as guidance, a force's published action plan page (.txt, .html, .md) as a plan"
        )
        .argument('<file>', 'the document or saved page to import')
        .requiredOption('--into <folder>', 'the folder inside the workspace to write the new .gdl file and its import report to')
        .addOption(
            new Option('--as <kind>', 'what the file is, when it should not be guessed: guidance, or a published action plan page').choices(
                ['guidance', 'plan']
            )
        )
        .option(
            '--workspace <folder>',
            'the workspace the folder belongs to (default: the nearest folder at or above it holding the framework, in its own .gdl files or a framework/ folder)'
        )
        .action(async (file: string, options: ImportOptions) => {
            const { importCommand } = await import('./import-command.js');
            exitCode = await importCommand(file, options, line => writeOut(terminalText(line) + '\n'));
        });
    program.commands.forEach(command => refuseRepeatedValues(command, REPEATABLE_OPTIONS));
    // A command that will take today's date refuses a SOURCE_DATE_EPOCH it cannot read; help, and a command given
    // --as-of, do not need it.
    program.hook('preAction', (_program, command) => {
        const problem = command.opts()['asOf'] === undefined ? sourceDateEpochProblem() : undefined;
        if (problem !== undefined) {
            throw new UsageError(problem);
        }
    });
    try {
        await program.parseAsync(argv, { from: 'user' });
        return exitCode;
    } catch (error) {
        if (error instanceof CommanderError) {
            // Help and version exit 0; every other parse failure is a usage error.
            return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
        }
        if (error instanceof UsageError || error instanceof ImportError) {
            process.stderr.write(`gdl: ${terminalText(error.message)}\n`);
            return ExitCode.usage;
        }
        throw error;
    }
}
