import { displayFsPath } from './display-path.js';
import { URI, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';

export type SeverityName = 'error' | 'warning' | 'info' | 'hint';

/** One problem, located for a reader: path relative to the working folder, one-based line and column. */
export interface Problem {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly severity: SeverityName;
    readonly code: string;
    readonly message: string;
}

const severityNames: Record<number, SeverityName> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/** Every diagnostic of every document, sorted by file, line and column. */
export function collectProblems(documents: LangiumDocument[], cwd: string): Problem[] {
    const problems: Problem[] = [];
    for (const document of documents) {
        const file = displayPath(document.uri, cwd);
        for (const diagnostic of document.diagnostics ?? []) {
            problems.push(toProblem(file, diagnostic));
        }
    }
    return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}

/** `file:line:col severity code message`, the format editors and CI logs link from. */
export function formatProblem(problem: Problem): string {
    return `${problem.file}:${problem.line}:${problem.column} ${problem.severity} ${problem.code} ${problem.message}`;
}

/** A source file that could not be read, as a problem line (code GDL0000, counted as an error). */
export function formatUnreadable(failure: { readonly file: string; readonly reason: string }, cwd: string): string {
    return `${displayPath(failure.file, cwd)}:1:1 error GDL0000 cannot read file: ${failure.reason}`;
}

/** A path relative to `cwd` when the file is below it, absolute otherwise. */
export function displayPath(uri: URI | string, cwd: string): string {
    return displayFsPath(typeof uri === 'string' ? URI.parse(uri).fsPath : uri.fsPath, cwd);
}

function toProblem(file: string, diagnostic: Diagnostic): Problem {
    return {
        file,
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        severity: severityNames[diagnostic.severity ?? 1] ?? 'error',
        code: String(diagnostic.code ?? 'GDL0000'),
        message: diagnostic.message.replace(/\s*\n\s*/g, ' ')
    };
}
