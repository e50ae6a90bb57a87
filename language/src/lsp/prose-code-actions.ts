import type { LangiumDocument } from 'langium';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import type { GdlServices } from '../gdl-module.js';
import type { ProseDiagnosticData } from '../prose/prose-checks.js';
import { proseRules } from '../prose/prose-options.js';
import { Codes } from '../validation/diagnostic-codes.js';

const proseCodes = new Set<string>(proseRules.map(rule => Codes[rule].code));
const MAX_REPLACEMENTS = 5;

/**
 * The code-action provider's actions with the plain-English quick fixes added: replace the words with what the rule
 * suggests ("Replace 'utilise' with 'use'", a spelling suggestion), or add an unknown word to the workspace word list
 * (gdl-words.txt). Answers at once when no plain-English finding is in the request (spelling suggestions take time).
 */
export function withProseActions(
    actions: CodeAction[],
    document: LangiumDocument,
    params: CodeActionParams,
    services: GdlServices
): CodeAction[] | Promise<CodeAction[]> {
    const prose = (params.context?.diagnostics ?? []).filter(d => proseCodes.has(String(d.code)) && isProseData(d.data));
    if (prose.length === 0) {
        return actions;
    }
    return Promise.all(prose.map(d => proseCodeActions(document, d, services))).then(more => [...actions, ...more.flat()]);
}

/** The quick fixes of one plain-English finding. */
export async function proseCodeActions(document: LangiumDocument, diagnostic: Diagnostic, services: GdlServices): Promise<CodeAction[]> {
    const data = diagnostic.data as ProseDiagnosticData;
    const spelling = data.code === Codes['prose-spelling'].code;
    const replacements = spelling
        ? await (await import('../prose/prose-processor.js')).spellingSuggestions(data.actual)
        : data.replacements;
    const actions = replacements.slice(0, MAX_REPLACEMENTS).map((replacement, index): CodeAction => ({
        title: `Replace '${data.actual}' with '${matchCase(data.actual, replacement)}'`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: index === 0 && replacements.length === 1,
        edit: { changes: { [document.uri.toString()]: [{ range: diagnostic.range, newText: matchCase(data.actual, replacement) }] } }
    }));
    if (spelling) {
        const edit = await addToWordList(data.actual, services);
        if (edit) {
            actions.push({
                title: `Add '${data.actual}' to the workspace word list`,
                kind: CodeActionKind.QuickFix,
                diagnostics: [diagnostic],
                edit
            });
        }
    }
    return actions;
}

/** A suggestion written as the words it replaces are: "Utilise" becomes "Use". */
export function matchCase(actual: string, replacement: string): string {
    return /^\p{Lu}/u.test(actual) && /^\p{Ll}/u.test(replacement) ? replacement[0]!.toUpperCase() + replacement.slice(1) : replacement;
}

// The word appended to gdl-words.txt at the workspace root, which is made when there is none.
async function addToWordList(word: string, services: GdlServices): Promise<WorkspaceEdit | undefined> {
    const uri = (await services.gdl.Prose.current()).wordsUri;
    if (!uri) {
        return undefined;
    }
    let existing: string | undefined;
    try {
        existing = await services.shared.workspace.FileSystemProvider.readFile(uri);
    } catch {
        existing = undefined;
    }
    const target = uri.toString();
    if (existing === undefined) {
        return {
            documentChanges: [
                { kind: 'create', uri: target, options: { ignoreIfExists: true } },
                { textDocument: { uri: target, version: null }, edits: [{ range: at(0, 0), newText: `${word}\n` }] }
            ]
        };
    }
    const lines = existing.split(/\r\n?|\n/);
    const last = lines.length - 1;
    const end = { line: last, character: lines[last]!.length };
    const newText = `${lines[last] === '' ? '' : '\n'}${word}\n`;
    return { changes: { [target]: [{ range: { start: end, end }, newText }] } };
}

function at(line: number, character: number) {
    return { start: { line, character }, end: { line, character } };
}

function isProseData(data: unknown): data is ProseDiagnosticData {
    return typeof data === 'object' && data !== null && 'actual' in data && 'replacements' in data;
}
