import type { Problem } from './problem-lines.js';
import { displayPath, formatProblem } from './problem-lines.js';
import { Codes, message } from '../language/src/validation/diagnostic-codes.js';
import { proseRules } from '../language/src/prose/prose-options.js';
import type { ConfigProblem, WorkspaceConfiguration } from '../language/src/prose/workspace-config.js';
import { WORDS_FILE } from '../language/src/prose/config-files.js';
import { count } from '../language/src/wording.js';

/** The workspace config files' problems (GDL0708), as problem lines: the file, line and column in it. */
export function configProblemLines(configuration: WorkspaceConfiguration, cwd: string): string[] {
    const fileOf = (problem: ConfigProblem) => {
        const uri = problem.file === WORDS_FILE ? configuration.wordsUri : configuration.configUri;
        return uri ? displayPath(uri, cwd) : problem.file;
    };
    return configuration.problems.map(problem =>
        formatProblem({
            file: fileOf(problem),
            line: problem.line,
            column: problem.column,
            severity: 'warning',
            code: Codes['workspace-config-invalid'].code,
            message: message('workspace-config-invalid', { problem: problem.problem })
        })
    );
}

/**
 * `Plain English: 12 findings (GDL0702 simpler word 7, GDL0707 spelling 5).` after `gdl check --prose`, and how many
 * texts were too long to check (GDL0709), so that the count is not read as covering them.
 */
export function proseSummaryLine(problems: readonly Problem[]): string {
    const codes = proseRules.map(rule => Codes[rule]);
    const counts = codes
        .map(info => [info, problems.filter(p => p.code === info.code).length] as const)
        .filter(([, n]) => n > 0)
        .map(([info, n]) => `${info.code} ${info.name.replace(/^prose-/, '').replace(/-/g, ' ')} ${n}`);
    const total = problems.filter(p => codes.some(c => c.code === p.code)).length;
    const tooLong = Codes['prose-too-long'].code;
    const unchecked = problems.filter(p => p.code === tooLong).length;
    const uncheckedNote = unchecked > 0 ? `; ${count(unchecked, 'text')} too long to check (${tooLong})` : '';
    return `Plain English: ${count(total, 'finding')}${counts.length > 0 ? ` (${counts.join(', ')})` : ''}${uncheckedNote}.`;
}
