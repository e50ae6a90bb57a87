import { toolVersion } from './tool-version.js';
import { AstUtils, type AstNode } from 'langium';
import { computeWorkspaceCoverage, type AssuranceLevel } from '../language/src/coverage/coverage-model.js';
import { buildCoverageReport, compareReports, forceRows, type CoverageReport } from '../language/src/coverage/coverage-report.js';
import { ExitCode, UsageError } from './errors.js';
import { noFramework } from './check-command.js';
import { declares } from '../language/src/declarations.js';
import * as ast from '../language/src/generated/ast.js';
import { earlierWorkspace } from './earlier-workspace.js';
import { formatCsv } from './report/format-csv.js';
import { formatHtml, htmlChunks } from './report/format-html.js';
import { formatJson } from './report/format-json.js';
import { formatJunit } from './report/format-junit.js';
import { formatMarkdown } from './report/format-markdown.js';
import { formatSarif } from './report/format-sarif.js';
import { formatTable } from './report/format-table.js';
import { checkReportFile, checkReportNotNamed, writeAtomically } from './report/write-output.js';
import { defaultTemplates } from './build/load-templates.js';
import { displayPath } from './problem-lines.js';
import { terminalSafe } from './terminal-text.js';
import { loadWorkspace, type LoadedWorkspace } from './workspace-loader.js';
import type { ReportFormat, ReportRequest } from './report/report-formats.js';

export { reportFormats, type ReportFormat } from './report/report-formats.js';

export interface CoverageCommandOptions {
    readonly format: ReportFormat;
    readonly output?: string;
    readonly failUnder?: number;
    readonly asOf?: string;
    readonly recipient?: string;
    readonly includeDrafts?: boolean;
    readonly since?: string;
    readonly level?: AssuranceLevel;
    readonly force?: string;
    readonly byForce?: boolean;
}

/** `gdl coverage`: the matrix in the chosen format; exit 1 when coverage is below --fail-under (default 100) or sources have errors. */
export async function coverageCommand(folder: string, options: CoverageCommandOptions, out: (text: string) => void): Promise<number> {
    if (options.output) {
        await checkReportFile(options.output, defaultTemplates());
    }
    if (options.byForce && !['table', 'html', 'csv', 'json'].includes(options.format)) {
        throw new UsageError(`--by-force gives a matrix in table, html, csv or json, not ${options.format}`);
    }
    const workspace = await loadWorkspace(folder, options);
    if (options.output) {
        await checkReportNotNamed(options.output, workspace.services.gdl.WorkspaceFiles.lookedAt.keys());
    }
    const report = reportOf(workspace, options);
    if (options.since) {
        const earlier = earlierWorkspace(folder, options.since);
        try {
            const before = reportOf(await loadWorkspace(earlier.folder, options), options);
            report.since = compareReports(before, report, options.since);
        } finally {
            earlier.dispose();
        }
    }
    if (options.output) {
        await writeAtomically(options.output, pieces(report, options));
    } else {
        out(render(report, options));
    }
    if (workspace.unreadable.length > 0) {
        return ExitCode.usage;
    }
    if (!workspace.documents.some(d => declares(d, ast.isFramework))) {
        process.stderr.write(`gdl: ${noFramework(folder)}\n`);
        return ExitCode.failed;
    }
    const errors = workspace.documents.some(d => (d.diagnostics ?? []).some(x => x.severity === 1));
    const short = [report.totals, ...(report.byForce ?? []).map(f => f.totals)].some(t => t.percent < (options.failUnder ?? 100));
    return errors || short ? ExitCode.failed : ExitCode.ok;
}

/**
 * Refuses a recipient no recommendation is made to: a mistyped one (`chief-constable`) selected nothing, and a report
 * of nothing read as 100% covered, exit 0 — a force at 0/39 passed CI. Nothing to judge is not a pass (exit 2).
 */
function mustBeARecipient(workspace: LoadedWorkspace, recipient: string): void {
    const known = new Set(
        workspace.documents.flatMap(document => {
            const root = document.parseResult.value;
            return ast.isGdlFile(root)
                ? root.elements.filter(ast.isFramework).flatMap(f => f.recommendations.flatMap(r => r.recipients))
                : [];
        })
    );
    if (!known.has(recipient as never)) {
        const listed = [...known].sort().join(', ');
        throw new UsageError(
            `--recipient '${recipient}': no recommendation in the framework is made to it${listed ? `; its recipients are ${listed}` : ''}`
        );
    }
}

/** The coverage report of a loaded workspace, for the options given (also `gdl check --report`, from the check's own build). */
export function reportOf(
    workspace: LoadedWorkspace,
    options: Pick<CoverageCommandOptions, 'force' | 'byForce' | 'includeDrafts' | 'recipient'>
): CoverageReport {
    const settings = workspace.services.gdl.Settings;
    const asOf = settings.effectiveAsOf();
    // The check already computed the coverage; only "what if the drafts were approved" needs another.
    const coverage = options.includeDrafts
        ? computeWorkspaceCoverage(workspace.documents, { asOf, includeDrafts: true, level: settings.assurance })
        : workspace.services.gdl.WorkspaceFacts.workspaceCoverage();
    const model = coverage.model(options.force !== undefined ? coverage.forces.find(options.force)?.id : undefined);
    if (options.recipient !== undefined) {
        mustBeARecipient(workspace, options.recipient);
    }
    const forces = coverage.forces.forces;
    if (coverage.forces.declared && forces.length > 1 && options.force === undefined && !options.byForce) {
        // One force's report from a workspace of several: say whose, so nobody reads it as the workspace's.
        process.stderr.write(
            `gdl: this workspace declares ${forces.length} forces (${forces.map(f => f.title).join(', ')}); this report is for ${model.force.title}, the first. Choose one with --force ID, or see every force with --by-force.\n`
        );
    }
    const cwd = process.cwd();
    const files = new Map<string, string>();
    const locate = (node: AstNode) => {
        const uri = AstUtils.getDocument(node).uri;
        const key = uri.toString();
        const file = files.get(key) ?? displayPath(uri, cwd);
        files.set(key, file);
        const start = node.$cstNode?.range.start ?? { line: 0, character: 0 };
        return { file, line: start.line + 1, column: start.character + 1 };
    };
    const report = buildCoverageReport(model, workspace.documents, { asOf, recipient: options.recipient, locate });
    if (options.byForce) {
        report.byForce = forceRows(coverage, report);
    }
    return report;
}

/** Refuses a report file over a source or in the templates before anything is read (`gdl check --report`). */
export async function checkReportFileOf(file: string): Promise<void> {
    await checkReportFile(file, defaultTemplates());
}

/** Writes one report of `gdl check --report` to its file, atomically. */
export async function writeReport(report: CoverageReport, request: ReportRequest): Promise<void> {
    await writeAtomically(request.file, pieces(report, { format: request.format, output: request.file }));
}

/** The report for a file, in pieces: the HTML report is written row by row as it is made (see {@link htmlChunks}). */
function pieces(report: CoverageReport, options: Pick<CoverageCommandOptions, 'format' | 'output'>): Iterable<string> {
    return options.format === 'html' ? htmlChunks(report) : [render(report, options)];
}

/** The report written in a format: for standard output (the table in colour on a terminal) or for a file. */
export function render(report: CoverageReport, options: Pick<CoverageCommandOptions, 'format' | 'output'>): string {
    switch (options.format) {
        case 'markdown':
            return formatMarkdown(report);
        case 'html':
            return formatHtml(report);
        case 'csv':
            return formatCsv(report);
        case 'json':
            return formatJson(report);
        case 'sarif':
            return formatSarif(report, toolVersion());
        case 'junit':
            return formatJunit(report);
        // The one human-readable format: text from the sources is escaped before the table adds its colours.
        default:
            return formatTable(terminalSafe(report), !options.output && process.stdout.isTTY === true && !process.env.NO_COLOR);
    }
}
