import { collectProblems, formatProblem, formatUnreadable } from './problem-lines.js';
import { formatCoverageSummary } from './coverage-summary.js';
import { formatWorkspaceSummary } from '../language/src/coverage/workspace-summary.js';
import { ExitCode } from './errors.js';
import { loadWorkspace } from './workspace-loader.js';
import { count } from '../language/src/wording.js';

export interface CheckOptions {
    readonly asOf?: string;
    readonly strict?: boolean;
}

/** `gdl check`: prints every problem, then the coverage summary; returns the exit code. */
export async function checkCommand(folder: string, options: CheckOptions, out: (line: string) => void): Promise<number> {
    const cwd = process.cwd();
    const workspace = await loadWorkspace(folder, options.asOf);
    for (const failure of workspace.unreadable) {
        out(formatUnreadable(failure, cwd));
    }
    const problems = collectProblems(workspace.documents, cwd);
    for (const problem of problems) {
        out(formatProblem(problem));
    }
    const model = workspace.services.gdl.WorkspaceFacts.coverageModel();
    // An unreadable file is reported as a GDL0000 error above, so the count on the last line includes it.
    const errors = problems.filter(p => p.severity === 'error').length + workspace.unreadable.length;
    const warnings = problems.filter(p => p.severity === 'warning').length;
    if (problems.length > 0 || workspace.unreadable.length > 0) {
        out('');
    }
    for (const line of formatWorkspaceSummary(workspace.documents, model, workspace.services.gdl.Settings.effectiveAsOf())) {
        out(line);
    }
    for (const line of formatCoverageSummary(model)) {
        out(line);
    }
    out('');
    out(
        `${count(workspace.documents.length, 'file')} checked as of ${workspace.services.gdl.Settings.effectiveAsOf()}: ${count(errors, 'error')}, ${count(warnings, 'warning')}.`
    );
    if (workspace.unreadable.length > 0) {
        return ExitCode.usage;
    }
    const short = model.covered + model.waived < model.total;
    return errors > 0 || short || (options.strict && warnings > 0) ? ExitCode.failed : ExitCode.ok;
}
