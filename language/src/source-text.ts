import type { LangiumDocument, URI } from 'langium';
import { DiagnosticSeverity, type Diagnostic, type Position } from 'vscode-languageserver';
import { Codes } from './validation/diagnostic-codes.js';

/**
 * How a source's bytes become text, and what was wrong with its encoding: the one home of GDL0008.
 *
 * - UTF-8 is the encoding of GDL; a UTF-8 byte-order mark is dropped without comment.
 * - UTF-16 with a byte-order mark is read correctly, and reported as a **warning**: what is checked
 *   and published is exactly what the writer wrote, so nothing needs to stop, but git, grep, diff
 *   and most web tools treat UTF-16 as binary, so the writer is told to save it as UTF-8.
 * - UTF-16 without a byte-order mark, UTF-32, and binary content (any NUL byte) are **errors** and
 *   are not read as GDL at all: the text is taken as empty, so the one problem reported for the file
 *   is what it is, not thousands of "unexpected character" errors.
 * - Bytes that are not valid UTF-8 are decoded as U+FFFD (as every editor shows them) and each line
 *   holding one is an **error** at that line and column, at most {@link MAX_ENCODING_LINES} lines a
 *   file and then one more saying how many lines follow. This is found in the text itself, so an
 *   editor's buffer holding U+FFFD (the editor could not decode the file either) is reported alike.
 */

/** The text a document was last parsed from (Langium keeps it with the parse), if it has been parsed. */
export function parsedText(document: LangiumDocument): string | undefined {
    return document.parseResult.value.$cstNode?.root.fullText;
}

/**
 * Whether the editor's text of an open document (`open`) is not the text the document was last parsed from: an edit
 * whose build has not parsed it yet. What the document holds (its problems, its tree) is then of the text before.
 */
export function editedSinceParsed(document: LangiumDocument, open: { getText(): string } | undefined): boolean {
    const parsed = parsedText(document);
    return open !== undefined && parsed !== undefined && parsed !== open.getText();
}

/** How many lines with invalid UTF-8 are reported one by one in a file. */
export const MAX_ENCODING_LINES = 20;

/** What was wrong with a whole file's encoding. */
export interface EncodingProblem {
    readonly severity: 'error' | 'warning';
    readonly message: string;
}

/** A source's text, and what was wrong with its encoding, if anything. */
export interface DecodedSource {
    readonly text: string;
    readonly problem?: EncodingProblem;
}

const saveAsUtf8 = 'Save it as UTF-8 (VS Code: "Save with Encoding").';

/** Decodes a source file's bytes (see the module comment for the rules). */
export function decodeSource(bytes: Uint8Array): DecodedSource {
    const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
    if ((b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) || (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)) {
        return { text: '', problem: { severity: 'error', message: `This file is saved as UTF-32, so it was not read. ${saveAsUtf8}` } };
    }
    if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
        const order = b0 === 0xff ? 'little-endian' : 'big-endian';
        const text = new TextDecoder(b0 === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
        return {
            text,
            problem: {
                severity: 'warning',
                message: `This file is saved as UTF-16 (${order}). It was read correctly, but git, grep and most other tools see UTF-16 as binary. ${saveAsUtf8}`
            }
        };
    }
    const nul = bytes.indexOf(0);
    if (nul >= 0) {
        const utf16 = utf16WithoutMark(bytes);
        if (utf16) {
            return {
                text: '',
                problem: {
                    severity: 'error',
                    message: `This file looks like UTF-16 (${utf16}) without a byte-order mark, so it was not read. ${saveAsUtf8}`
                }
            };
        }
        const where = positionOfByte(bytes, nul);
        return {
            text: '',
            problem: {
                severity: 'error',
                message: `This file is not text: it holds a NUL byte (first at line ${where.line + 1}, column ${where.character + 1}), so it was not read as GDL.`
            }
        };
    }
    // The decoder drops a UTF-8 byte-order mark and turns every invalid sequence into U+FFFD.
    return { text: new TextDecoder('utf-8').decode(bytes) };
}

/** 'little-endian' or 'big-endian' when the NUL bytes fall on one side of each pair, as in UTF-16 text that is mostly ASCII. */
function utf16WithoutMark(bytes: Uint8Array): string | undefined {
    const length = Math.min(bytes.length, 8192) & ~1;
    let even = 0;
    let odd = 0;
    for (let i = 0; i < length; i += 2) {
        even += bytes[i] === 0 ? 1 : 0;
        odd += bytes[i + 1] === 0 ? 1 : 0;
    }
    // GDL is mostly ASCII: in UTF-16 at least half the pairs have a NUL high byte, and the low bytes are not NUL.
    const pairs = length / 2;
    if (pairs >= 8 && odd >= pairs / 2 && even * 10 <= odd) {
        return 'little-endian';
    }
    if (pairs >= 8 && even >= pairs / 2 && odd * 10 <= even) {
        return 'big-endian';
    }
    return undefined;
}

/** Zero-based line and column (in characters) of a byte offset in UTF-8 bytes. */
function positionOfByte(bytes: Uint8Array, offset: number): Position {
    let line = 0;
    let lineStart = 0;
    for (let i = bytes.indexOf(0x0a); i >= 0 && i < offset; i = bytes.indexOf(0x0a, i + 1)) {
        line++;
        lineStart = i + 1;
    }
    return { line, character: new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset)).length };
}

/** GDL0008 for every line holding U+FFFD (invalid UTF-8 as decoded), at most {@link MAX_ENCODING_LINES} and then one more. */
export function invalidUtf8Diagnostics(text: string): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    let found = text.indexOf('\uFFFD');
    let line = 0;
    let lineStart = 0;
    let counted = 0;
    let more = 0;
    let firstMore: Position | undefined;
    while (found >= 0) {
        for (let i = text.indexOf('\n', counted); i >= 0 && i < found; i = text.indexOf('\n', i + 1)) {
            line++;
            lineStart = i + 1;
        }
        const lineEnd = text.indexOf('\n', found);
        const end = lineEnd < 0 ? text.length : lineEnd;
        counted = end;
        const at: Position = { line, character: found - lineStart };
        if (diagnostics.length < MAX_ENCODING_LINES) {
            let count = 0;
            for (let i = found; i >= 0 && i < end; i = text.indexOf('\uFFFD', i + 1)) {
                count++;
            }
            const places = count > 1 ? ` (${count} places on this line)` : '';
            diagnostics.push(
                encodingDiagnostic(
                    'error',
                    at,
                    `Bytes that are not valid UTF-8 here${places}, shown as U+FFFD (\uFFFD): the file was saved in another encoding (Windows-1252 or Latin-1?) or damaged. ${saveAsUtf8}`
                )
            );
        } else {
            more++;
            firstMore ??= at;
        }
        found = lineEnd < 0 ? -1 : text.indexOf('\uFFFD', lineEnd);
    }
    if (firstMore) {
        diagnostics.push(
            encodingDiagnostic(
                'error',
                firstMore,
                `…and ${more} more ${more === 1 ? 'line holds' : 'lines hold'} bytes that are not valid UTF-8 from here on.`
            )
        );
    }
    return diagnostics;
}

function encodingDiagnostic(severity: 'error' | 'warning', at: Position, message: string): Diagnostic {
    return {
        severity: severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        range: { start: at, end: { line: at.line, character: at.character + 1 } },
        code: Codes['file-encoding'].code,
        message,
        source: 'gdl'
    };
}

/**
 * What was wrong with the encoding of the files read, by URI: filled as files are decoded (by the
 * command-line loader and the language server's file system), read by the document validator.
 */
export class SourceTexts {
    private readonly problems = new Map<string, { text: string; problem: EncodingProblem }>();

    /** Decodes a source file's bytes, remembering what was wrong with them; returns the text. */
    read(uri: URI, bytes: Uint8Array): string {
        const { text, problem } = decodeSource(bytes);
        if (problem) {
            this.problems.set(uri.toString(), { text, problem });
        } else {
            this.problems.delete(uri.toString());
        }
        return text;
    }

    /**
     * The GDL0008 diagnostics of a document: the file's encoding problem, when the document still
     * holds the text read from that file (an editor's buffer may have replaced it), then its lines
     * with invalid UTF-8.
     */
    diagnostics(document: LangiumDocument): Diagnostic[] {
        const text = parsedText(document) ?? document.textDocument.getText();
        const found = this.problems.get(document.uri.toString());
        const file =
            found && found.text === text
                ? [encodingDiagnostic(found.problem.severity, { line: 0, character: 0 }, found.problem.message)]
                : [];
        return [...file, ...invalidUtf8Diagnostics(text)];
    }
}
