/**
 * What must not reach a reader: notes an author left for authors (TODO, TBC, "[check]", "verify
 * before publishing") and paths to files on an author's machine or in the repository
 * (shared/reference/notes.md, ../x, C:\…, file://…, /home/…). Found in the text as written, so a
 * finding's offsets are offsets in that text. Low in false positives by design: ordinary English
 * ("officers verify the caller's identity", "a TODO-free page") and web addresses are not findings.
 */

import { blankWebAddresses } from './web-addresses.js';
import { TextMemo } from '../text-memo.js';

/** A drafting note or a file path in a text: where it starts and ends in the text, and the words as written. */
export interface TextFinding {
    readonly kind: 'drafting-note' | 'internal-path';
    readonly start: number;
    readonly end: number;
    readonly text: string;
}

// A word's edges: no letter, digit, underscore or hyphen either side ("TODO-free" is not a TODO).
const before = String.raw`(?<![\p{L}\p{N}_\-])`;
const after = String.raw`(?![\p{L}\p{N}_\-])`;
// The end of a clause: what a drafting phrase ends with ("to be confirmed." but not "to be confirmed in writing").
const clauseEnd = String.raw`(?=\s*(?:[.;!?)\]]|"|$))`;
// Within one sentence: any character but a full stop, question or exclamation mark that ends it, or a blank line
// ("legislation.gov.uk" does not end a sentence; a wrapped line of prose does not either).
const sameSentence = String.raw`(?:(?![.!?](?:\s|$))[^\n]|\n(?![ \t]*\n))`;

const draftingPatterns: readonly RegExp[] = [
    // Markers no finished text uses, in any case: TODO, FIXME, TBC, TBD, TBA.
    new RegExp(`${before}(?:todo|fixme|tbc|tbd|tba)${after}`, 'giu'),
    // Capitals only: XXX as a placeholder (not the Roman numeral of "Part XXX"), DRAFT as a label ("DRAFT:").
    new RegExp(`(?<!\\b(?:Part|Chapter|Schedule|Title|Article|Volume|Book)\\s)${before}XXX${after}|${before}DRAFT(?=\\s*:)`, 'gu'),
    // A bracketed note: [check], [check the date], [citation needed], [insert name], [draft], [?]; not a Markdown link ([check](…)).
    new RegExp(
        String.raw`\[\s*(?:(?:check|verify|confirm)(?:[\s:,][^\]\n]{0,80})?|(?:citation|source|reference|ref|date|link)s?\s+needed|` +
            String.raw`needs?\s+(?:checking|citation|a\s+source|source|reference|confirming|confirmation|verifying|verification)|` +
            String.raw`(?:insert|add)\s[^\]\n]{1,80}|placeholder|draft|\?+)\s*\](?![(\[:])`,
        'giu'
    ),
    // "(citation needed)" and the like, outside square brackets.
    new RegExp(`${before}(?:citation|source|reference)\\s+needed${after}`, 'giu'),
    // Checking verb … before publishing, in one sentence: "Verify the maximum penalty on legislation.gov.uk before publishing."
    new RegExp(
        `${before}(?:verify|verified|verifying|check|checked|checking|confirm|confirmed|confirming|review|reviewed|update|updated|` +
            `amend|amended|finalise|finalised|finalize|finalized)${after}${sameSentence}{0,160}?` +
            String.raw`\bbefore\s+(?:publishing|publication|(?:this\s+(?:page\s+|section\s+)?)?is\s+published|going\s+live)\b${clauseEnd}`,
        'giu'
    ),
    // "to be confirmed" ending its clause ("Date: to be confirmed."), not "to be confirmed in writing".
    new RegExp(`${before}to\\s+be\\s+(?:confirmed|decided|determined|added|inserted|finalised|finalized|announced)${clauseEnd}`, 'giu'),
    new RegExp(`${before}lorem\\s+ipsum${after}`, 'giu'),
    // A note in round brackets: "(check)", "(verify this)", "(to be checked)", "(needs checking)", "(source?)".
    new RegExp(
        String.raw`\(\s*(?:(?:check|verify|confirm)(?:\s+(?:this|that|these|it|date|dates|figure|figures|wording|penalty|source))?|` +
            String.raw`(?:still\s+)?to\s+be\s+(?:checked|verified|confirmed)|needs?\s+(?:checking|verifying|confirming|verification|confirmation|a\s+source|a\s+citation)|` +
            String.raw`(?:source|citation|ref|reference|date)\s*\?+|\?{2,})\s*[?!]*\s*\)`,
        'giu'
    ),
    // A sentence that is nothing but a note to an author: "Check this.", "Verify!", "Needs checking.", "To be verified."
    // Not an instruction with an object ("Check the address."), and not a sentence that goes on ("Check this against PNC.").
    new RegExp(
        String.raw`(?<=(?:^|["\n]|[.!?:;]\s)[ \t]{0,40})(?:(?:check|verify|confirm|double-check)(?:\s+(?:this|that|these))?|(?:still\s+)?to\s+be\s+(?:checked|verified)|` +
            String.raw`needs?\s+(?:checking|verifying|confirming|verification|a\s+source|a\s+citation|citing))\s*(?:[!?]+|\.(?=\s|"|$))`,
        'giu'
    ),
    // Capitals-only labels ending in a colon, as DRAFT: is: "CHECK:", "VERIFY:", "NOTE TO SELF:"; and "??" on its own.
    new RegExp(
        `${before}(?:CHECK|VERIFY|CONFIRM|NOTE\\s+TO\\s+SELF|PLACEHOLDER)(?=\\s*:)|(?<![\\p{L}\\p{N}?])\\?{2,}(?![\\p{L}\\p{N}?])`,
        'gu'
    )
];

const pathPatterns: readonly RegExp[] = [
    /\bfile:\/\/[^\s<>"]*/giu,
    // A Windows drive (C:\Users\…, C:/…) or share (\\server\share).
    /(?<![\p{L}\p{N}_])[A-Za-z]:[\\/][^\s<>"]*/gu,
    /(?<![^\s(["'`])\\\\[\w.$-]+\\[^\s<>"]*/gu,
    // Relative to here (./x, ../x) or to a home (~/x).
    /(?<![\w./~-])(?:\.{1,2}|~)\/[\w.~-][^\s<>"]*/gu,
    // An absolute path under a directory no published page lives in.
    /(?<![\w./:~-])\/(?:home|Users|tmp|work|etc|var|mnt|srv|opt|root|usr|private|Volumes)\/[^\s<>"]*/gu,
    // A relative path ending in a file name: shared/reference/notes.md, guidance/common/legislation.gdl.
    /(?<![\w./:@~-])(?:[\w-]+\/)+[\w-][\w.-]*\.(?:md|gdl|txt|docx?|pdf|xlsx?|csv|json|ya?ml|ts|js|html?|pptx?|odt|ods|rtf|xml|log|zip)(?![\w-])/giu
];

// A first look: most texts have none of the words a note needs and no slash, and are passed over at once.
const mayHaveNote = /todo|fixme|tb[acd]|xxx|draft|\[|needed|before|to\s+be|lorem|check|verif|confirm|needs?\s|\?\?|note\s+to|placeholder/i;
const mayHavePath = /[/\\]/;

/** The drafting notes and the file paths in a text, in text order; a finding inside another of its kind is not repeated. */
export function unpublishableText(text: string): readonly TextFinding[] {
    return findings.get(text);
}

// Remembered by text: most texts of a build were searched in the build before.
const findings = new TextMemo<readonly TextFinding[]>(text => searchText(text));

function searchText(text: string): TextFinding[] {
    const notes = mayHaveNote.test(text);
    const paths = mayHavePath.test(text);
    if (!notes && !paths) {
        return [];
    }
    // An address is blanked before the search, so neither a path nor a marker is found inside one.
    const searched = blankWebAddresses(text);
    const found = [
        ...(notes ? matches(searched, text, draftingPatterns, 'drafting-note') : []),
        ...(paths ? matches(searched, text, pathPatterns, 'internal-path').map(trimPath) : [])
    ].sort((a, b) => a.start - b.start || b.end - a.end);
    const kept: TextFinding[] = [];
    for (const finding of found) {
        if (!kept.some(k => k.kind === finding.kind && k.start <= finding.start && k.end >= finding.end)) {
            kept.push(finding);
        }
    }
    return kept;
}

function matches(searched: string, text: string, patterns: readonly RegExp[], kind: TextFinding['kind']): TextFinding[] {
    return patterns.flatMap(pattern =>
        [...searched.matchAll(pattern)].map(m => ({
            kind,
            start: m.index,
            end: m.index + m[0].length,
            text: text.slice(m.index, m.index + m[0].length)
        }))
    );
}

// A path's trailing punctuation belongs to the sentence: "see shared/notes.md." names shared/notes.md.
function trimPath(finding: TextFinding): TextFinding {
    const text = finding.text.replace(/[.,;:!?)\]'`\\]+$/u, '');
    return { ...finding, end: finding.start + text.length, text };
}

/** A finding's words for a message: on one line, and a long phrase shortened to its first word and its last two. */
export function findingWords(finding: TextFinding): string {
    const words = finding.text.replace(/\s+/g, ' ').trim();
    if (finding.kind === 'internal-path' || words.length <= 40) {
        return words;
    }
    const parts = words.split(' ');
    return `${parts[0]} … ${parts.slice(-2).join(' ')}`;
}
