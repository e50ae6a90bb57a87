import { expect } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { buildWorkspace } from './workspace.js';
import { Codes } from '../../language/src/validation/diagnostic-codes.js';

// Checks that report a problem at words inside a string or prose block (GDL0311, GDL0312, GDL0313): what each
// finding covers, printed as `gdl check` prints a position, so a test reads as what a user sees.

/** Zero-based line and column of an offset, counted here rather than by the language's own helpers. */
function positionOf(text: string, offset: number): { line: number; character: number } {
    const before = text.slice(0, offset);
    return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}

function offsetOf(text: string, position: { line: number; character: number }): number {
    const lines = text.split('\n');
    return lines.slice(0, position.line).reduce((sum, line) => sum + line.length + 1, 0) + position.character;
}

/** Each problem with one of `codes` in a file as `code @line:col "the words under it"` (1-based, as `gdl check` prints them). */
export async function findings(files: Record<string, string>, file: string, codes: ReadonlySet<string>): Promise<string[]> {
    const workspace = await buildWorkspace(files);
    const text = files[file]!;
    // A fixture that does not parse would find nothing for the wrong reason.
    expect(workspace.codes(file)).not.toContain('GDL0001');
    return workspace
        .diagnostics(file)
        .filter((d: Diagnostic) => codes.has(String(d.code)))
        .map(d => {
            // At the catalogue's severity: GDL0311 and GDL0312 are errors (they block publishing), GDL0313 a warning.
            const severity = Object.values(Codes).find(c => c.code === d.code)?.severity;
            expect(d.severity, d.message).toBe({ error: 1, warning: 2, info: 3, hint: 4 }[severity ?? 'error']);
            const words = text.slice(offsetOf(text, d.range.start), offsetOf(text, d.range.end));
            return `${d.code} @${d.range.start.line + 1}:${d.range.start.character + 1} ${JSON.stringify(words)}`;
        });
}

/** What `findings` should print for these words of `text`, each found once in it. */
export function expected(text: string, words: Array<[code: string, words: string]>): string[] {
    return words.map(([code, w]) => {
        const offset = text.indexOf(w);
        expect(offset, w).toBeGreaterThanOrEqual(0);
        expect(text.indexOf(w, offset + 1), `${w} is not unique in the fixture`).toBe(-1);
        const at = positionOf(text, offset);
        return `${code} @${at.line + 1}:${at.character + 1} ${JSON.stringify(w)}`;
    });
}
