import { collectProblems, formatProblem, displayPath } from './report-problems.js';
import { formatCoverageSummary } from './coverage-summary.js';
import { formatWorkspaceSummary } from './workspace-summary.js';
import { loadWorkspace } from './workspace-loader.js';
import { count } from '../language/src/wording.js';

export interface CheckOptions {
    readonly asOf?: string;
    readonly strict?: boolean;
}

/** Exit codes, as documented in the README. */
export const ExitCode = { ok: 0, failed: 1, usage: 2 } as const;

/** `gdl check`: prints every problem, then the coverage summary; returns the exit code. */
export async function checkCommand(folder: string, options: CheckOptions, out: (line: string) => void): Promise<number> {
    const cwd = process.cwd();
    const workspace = await loadWorkspace(folder, options.asOf);
    for (const failure of workspace.unreadable) {
        out(`${displayPath(failure.file, cwd)}:1:1 error GDL0000 cannot read file: ${failure.reason}`);
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
    out(`${count(workspace.documents.length, 'file')} checked as of ${workspace.services.gdl.Settings.effectiveAsOf()}: ${count(errors, 'error')}, ${count(warnings, 'warning')}.`);
    if (workspace.unreadable.length > 0) {
        return ExitCode.usage;
    }
    const short = model.covered + model.waived < model.total;
    return errors > 0 || short || (options.strict && warnings > 0) ? ExitCode.failed : ExitCode.ok;
}
