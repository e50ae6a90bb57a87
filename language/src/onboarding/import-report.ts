// What an import could not carry, and what it suggests: the import report. Nothing the importer meets
// is dropped without a line here.

export type ImportNoteKind =
    /** Content the language cannot hold (an image, a comment, a tracked change…): listed so a writer can carry it by hand. */
    | 'not-carried'
    /** Content kept, but changed in form (a text box's text placed in the flow, a heading level skipped). */
    | 'changed'
    /** Page furniture left out on purpose (a cookie banner, a table of contents the publisher rebuilds). */
    | 'left-out'
    /** A suggested edit the writer decides on: `addresses 12.3` where the text names 12.3. */
    | 'suggestion';

export interface ImportNote {
    kind: ImportNoteKind;
    /** What it is, in a writer's words: "image", "comment", "tracked change", "text box", "mention of 12.3". */
    what: string;
    /** Where in the source: "paragraph 14", "line 30", "under the heading 'Risk'". */
    where: string;
    /** The text concerned, or what to do about it. */
    detail: string;
}

/** A user's file the importer cannot read (corrupt, encrypted, empty, no headings): a clear message, exit 2, nothing written. */
export class ImportError extends Error {}

export const noteKindTitles: Record<ImportNoteKind, string> = {
    'not-carried': 'Not carried: add these by hand if they matter',
    changed: 'Kept, but changed in form',
    'left-out': 'Left out on purpose',
    suggestion: 'Suggestions (not applied)'
};

export interface ImportSummary {
    /** The file imported, as the user named it. */
    source: string;
    /** The file written, relative to the workspace. */
    written: string;
    /** What was made: "guidance stalking-guidance with 12 sections", "plan kent-police-published-plan with 15 items". */
    made: string;
    date: string;
    notes: ImportNote[];
}

/**
 * The import report, in Markdown: what was made and, by kind, everything not carried, changed, left
 * out or suggested. For the terminal (`plain`), the same lines without Markdown escapes.
 */
export function renderImportReport(summary: ImportSummary, plain = false): string {
    const escapeMarkdown = plain ? (text: string) => text.replace(/[\r\n]+/g, ' ') : escapeForMarkdown;
    const lines = [
        `# Import report: ${summary.source}`,
        '',
        `Imported on ${summary.date} into \`${summary.written}\`: ${summary.made}. Everything imported is a draft.`,
        ''
    ];
    if (summary.notes.length === 0) {
        lines.push('Everything in the file was carried over. There are no suggestions.', '');
    }
    for (const kind of Object.keys(noteKindTitles) as ImportNoteKind[]) {
        const notes = summary.notes.filter(n => n.kind === kind);
        if (notes.length === 0) {
            continue;
        }
        lines.push(`## ${noteKindTitles[kind]} (${notes.length})`, '');
        for (const note of notes) {
            lines.push(`- **${escapeMarkdown(note.what)}**, ${escapeMarkdown(note.where)}: ${escapeMarkdown(note.detail)}`);
        }
        lines.push('');
    }
    return lines.join('\n');
}

/** Text from a user's document, shown literally in the report's Markdown; the report's own `code` stays code. */
function escapeForMarkdown(text: string): string {
    return text.replace(/[\r\n]+/g, ' ').replace(/([\\*_[\]<>#|])/g, '\\$1');
}

/** One line per kind for the terminal: "2 not carried, 5 suggestions". */
export function noteCounts(notes: readonly ImportNote[]): string {
    const words: Record<ImportNoteKind, [string, string]> = {
        'not-carried': ['not carried', 'not carried'],
        changed: ['changed in form', 'changed in form'],
        'left-out': ['left out', 'left out'],
        suggestion: ['suggestion', 'suggestions']
    };
    const parts = (Object.keys(words) as ImportNoteKind[])
        .map(kind => [kind, notes.filter(n => n.kind === kind).length] as const)
        .filter(([, n]) => n > 0)
        .map(([kind, n]) => `${n} ${words[kind][n === 1 ? 0 : 1]}`);
    return parts.length > 0 ? parts.join(', ') : 'nothing left behind';
}
