import { expect } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { Codes, type CodeName } from '../../language/src/validation/diagnostic-codes.js';
import { cleanBase } from './fixtures-base.js';
import { buildWorkspace } from './workspace.js';

/**
 * A module that passes every training check: a running order of 60 minutes in a one-hour module,
 * every outcome practised and assessed, a handout on file that a step uses, a pass mark, a pool.
 */
export const goodModule = `
module X "Module X" {
    audience responders
    duration 1 hour
    pass-mark 75%
    outcome X-LO1 "Do the first thing." { maps PP-1 }
    outcome X-LO2 "Do the second thing." { maps PP-1 }
    introduction { duration 10 minutes }
    content "Why it matters" { duration 15 minutes uses X-H2 """Text.""" }
    activity X-A1 "Practise" { duration 25 minutes supports X-LO1, X-LO2 uses X-H1 }
    plenary "Close" { duration 10 minutes }
    handout X-H1 "Worksheet" { file "handouts/worksheet.gdl" for learner }
    handout X-H2 "Answer key" { file "handouts/worksheet.gdl" }
    check X-Q1 { question "First?" assesses X-LO1 option "a" option "b" correct }
    check X-Q2 true-false { question "Second?" assesses X-LO2 answer false }
    check X-Q3 multiple-answer { question "Third?" assesses X-LO2 option "a" correct option "b" correct option "c" }
    pool X-P1 "Either" draw 1 from X-Q2, X-Q3
}`;

/** The clean base with the module file, the handout on file, and any other files. */
export const files = (module: string, extra: Record<string, string> = {}) => ({
    ...cleanBase,
    'x.gdl': module,
    'handouts/worksheet.gdl': '// stands in for a handout file: the workspace here holds .gdl files only\n',
    ...extra
});

/** The good module with each pair's first occurrence replaced. */
export const edited = (...edits: Array<[from: string, to: string]>) =>
    edits.reduce((text, [from, to]) => {
        if (!text.includes(from)) {
            throw new Error(`test fixture: '${from}' not in the module`);
        }
        return text.replace(from, to);
    }, goodModule);

/** Where `marker` (its `nth` occurrence) starts in `text`, as an editor position. */
export function positionOf(text: string, marker: string, nth = 0): { line: number; character: number } {
    let offset = -1;
    for (let i = 0; i <= nth; i++) {
        offset = text.indexOf(marker, offset + 1);
        expect(offset, `'${marker}' in the fixture`).toBeGreaterThanOrEqual(0);
    }
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before.at(-1)!.length };
}

export async function diagnosticsOf(module: string, extra: Record<string, string> = {}): Promise<Diagnostic[]> {
    const workspace = await buildWorkspace(files(module, extra));
    return workspace.diagnostics('x.gdl');
}

/** The module's diagnostics of one code; the severity must be the catalogue's. */
export async function found(module: string, name: CodeName, extra: Record<string, string> = {}): Promise<Diagnostic[]> {
    const all = await diagnosticsOf(module, extra);
    const matching = all.filter(d => d.code === Codes[name].code);
    const severity = { error: 1, warning: 2, info: 3, hint: 4 }[Codes[name].severity];
    matching.forEach(d => expect(d.severity).toBe(severity));
    return matching;
}

/** Expects exactly one diagnostic of the code, at `marker` in the module, saying `says`. */
export async function expectOne(module: string, name: CodeName, marker: string, says: string, nth = 0): Promise<void> {
    const matching = await found(module, name);
    expect(
        matching.map(d => d.message),
        name
    ).toHaveLength(1);
    expect(matching[0]!.message).toContain(says);
    expect(matching[0]!.range.start).toEqual(positionOf(module, marker, nth));
}
