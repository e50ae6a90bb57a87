import { declares } from '../language/src/declarations.js';
import * as ast from '../language/src/generated/ast.js';
import { collectProblems, formatProblem, formatUnreadable } from './problem-lines.js';
import { formatCoverageSummary } from './coverage-summary.js';
import { formatWorkspaceSummary } from '../language/src/coverage/workspace-summary.js';
import { ExitCode } from './errors.js';
import { loadWorkspace, type LoadedWorkspace } from './workspace-loader.js';
import { count } from '../language/src/wording.js';
import { configProblemLines, proseSummaryLine } from './prose-summary.js';
import type { CheckRun } from './check-cache.js';
import { noFramework, type CheckOptions } from './check-command.js';

/** The check itself: loads and validates the workspace and prints its problems and coverage. */
export async function checkWorkspace(folder: string, options: CheckOptions, out: (line: string) => void): Promise<CheckRun> {
    const workspace = await loadWorkspace(folder, options);
    return { exitCode: await printCheck(folder, options, workspace, out), lookedAt: workspace.services.gdl.WorkspaceFiles.lookedAt };
}

/** Prints a built workspace's problems, coverage and reports as `gdl check` does; returns the exit code. */
export async function printCheck(
    folder: string,
    options: CheckOptions,
    workspace: LoadedWorkspace,
    out: (line: string) => void
): Promise<number> {
    const cwd = process.cwd();
    for (const failure of workspace.unreadable) {
        out(formatUnreadable(failure, cwd));
    }
    const facts = workspace.services.gdl.WorkspaceFacts;
    const forces = facts.workspaceCoverage().forces;
    const models = facts.judgedModels();
    // With --force, the problems of that force's files and of the shared ones (the framework, the common vocabulary).
    const chosen = options.force !== undefined ? forces.find(options.force) : undefined;
    const judged = chosen ? workspace.documents.filter(d => forces.judges(chosen, d.uri.toString())) : workspace.documents;
    const problems = collectProblems(judged, cwd);
    for (const problem of problems) {
        out(formatProblem(problem));
    }
    const configProblems = configProblemLines(workspace.services.gdl.Prose.workspaceConfiguration, cwd);
    for (const line of configProblems) {
        out(line);
    }
    if (options.prose) {
        out(proseSummaryLine(problems));
    }
    // An unreadable file is reported as a GDL0000 error above, so the count on the last line includes it.
    const errors = problems.filter(p => p.severity === 'error').length + workspace.unreadable.length;
    const warnings = problems.filter(p => p.severity === 'warning').length + configProblems.length;
    if (problems.length > 0 || workspace.unreadable.length > 0 || configProblems.length > 0 || options.prose) {
        out('');
    }
    for (const line of formatWorkspaceSummary(judged, models, workspace.services.gdl.Settings.effectiveAsOf())) {
        out(line);
    }
    if (forces.declared && !chosen) {
        out(`Forces: ${forces.forces.length} (${forces.forces.map(f => f.title).join(', ')}); each force's coverage is its own.`);
    }
    for (const model of models) {
        for (const line of formatCoverageSummary(model, forces.declared)) {
            out(line);
        }
    }
    const reports = options.report ?? [];
    if (reports.length > 0) {
        // `--report`: the coverage reports, from this build (gdl coverage would read and build it all again).
        const writer = await import('./coverage-command.js');
        const { checkReportNotNamed } = await import('./report/write-output.js');
        for (const request of reports) {
            await checkReportNotNamed(request.file, workspace.services.gdl.WorkspaceFiles.lookedAt.keys());
        }
        out('');
        const coverage = writer.reportOf(workspace, { force: options.force });
        for (const request of reports) {
            await writer.writeReport(coverage, request);
            out(`Coverage report (${request.format}) written to ${request.file}.`);
        }
    }
    out('');
    out(
        `${count(judged.length, 'file')} checked as of ${workspace.services.gdl.Settings.effectiveAsOf()}: ${count(errors, 'error')}, ${count(warnings, 'warning')}.`
    );
    if (workspace.unreadable.length > 0) {
        return ExitCode.usage;
    }
    // Nothing to cover is not full coverage: the framework is probably outside the folder checked.
    if (!workspace.documents.some(d => declares(d, ast.isFramework))) {
        out(noFramework(folder));
        return ExitCode.failed;
    }
    const short = models.some(model => model.covered + model.waived < model.total);
    return errors > 0 || short || (options.strict && warnings > 0) ? ExitCode.failed : ExitCode.ok;
}
