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
