import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { URI } from 'langium';
import { createGdlServices } from '../../language/src/gdl-module.js';
import { EmptyFileSystem } from 'langium';
import * as ast from '../../language/src/generated/ast.js';
import { readMarkdownDocument } from '../../language/src/onboarding/document-reader.js';
import { dedentProse } from '../../language/src/gdl-value-converter.js';
import { gdlProse, gdlString, visible } from '../../language/src/onboarding/gdl-text.js';
import { writeGuidance } from '../../language/src/onboarding/guidance-writer.js';
import { ImportError } from '../../language/src/onboarding/import-report.js';
import { readPlanPage, writePlan } from '../../language/src/onboarding/plan-page-reader.js';

// Hostile text in every position an import writes (titles, prose, owner, plan updates, leads): what
// is written always reads back as one clean GDL file with the same text, or the file is refused
// with an ImportError. Property-based, with fast-check.

const services = createGdlServices(EmptyFileSystem).Gdl;
const PROVENANCE = { fileName: 'f.md', kind: 'Markdown file', sha256: '0'.repeat(64), date: '2026-11-26' };

/** Characters that end strings, blocks and comments, escape, or are not text at all. */
const hostile = fc.constantFrom(
    'a',
    'Z',
    ' ',
    ' ',
    '"',
    '\\',
    '{',
    '}',
    '/',
    '*',
    '#',
    '`',
    '<',
    '>',
    '[',
    ']',
    '(',
    ')',
    '|',
    '-',
    '=',
    '\t',
    '\u0000',
    '\u0007',
    '\u007f',
    '\u2028',
    'é',
    '𝕏',
    '﻿',
    'section',
    'status',
    '"""',
    '//',
    '/*',
    '*/',
    '12.3'
);
const text = fc.string({ unit: hostile, minLength: 0, maxLength: 40 });

function parse(source: string): { errors: string[]; root: ast.GdlFile } {
    const lexer = services.parser.Lexer.tokenize(source).errors.map(e => e.message);
    const document = services.shared.workspace.LangiumDocumentFactory.fromString(source, URI.file('/fuzz.gdl'));
    const root = document.parseResult.value as ast.GdlFile;
    const errors = [...lexer, ...document.parseResult.parserErrors.map(e => e.message)];
    if (/[\u0000\uFFFD]/.test(source)) {
        errors.push('a NUL or U+FFFD was written: the check would not read the file as clean text');
    }
    return { errors, root };
}

describe('imports hold up against hostile text in every position', () => {
    test('strings and prose blocks read back as the text written (control characters shown as their symbols)', () => {
        fc.assert(
            fc.property(text, text, (title, body) => {
                // The one sequence prose cannot tell from its own escape: a writer's literal backslash between "" and ".
                fc.pre(!body.includes('""\\"'));
                const source = `guidance g ${gdlString(title)} {\n${gdlProse(body, 4)}\n}\n`;
                const { errors, root } = parse(source);
                expect(errors).toEqual([]);
                const guidance = root.elements[0] as ast.Guidance;

                const shown = visible;
                expect(guidance.title).toBe(
                    shown(title)
                        .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
                        .replace(/ {2,}/g, ' ')
                        .trim()
                );
                // Read back as the language reads any prose (dedented, blank edges dropped), with the text's own quotes.
                const expected = dedentProse(shown(body.replace(/[\u2028\u2029]/g, '\n')));
                expect(guidance.summary ?? '').toBe(expected);
            }),
            { numRuns: 400, seed: 20261126 }
        );
    });

    test('a Markdown document of hostile headings and paragraphs imports to a clean file, or is refused', () => {
        const section = fc.record({ level: fc.integer({ min: 1, max: 6 }), title: text, body: text });
        fc.assert(
            fc.property(fc.array(section, { maxLength: 8 }), text, (sections, intro) => {
                const markdown = [intro, ...sections.map(s => `${'#'.repeat(s.level)} ${s.title}\n\n${s.body}`)].join('\n\n');
                let written;
                try {
                    written = writeGuidance(readMarkdownDocument(markdown, 'f.md'), { ids: [], provisions: [] }, PROVENANCE);
                } catch (error) {
                    expect(error).toBeInstanceOf(ImportError);
                    return;
                }
                const { errors, root } = parse(written.text);
                expect(errors, written.text).toEqual([]);
                expect(root.elements.filter(ast.isGuidance)).toHaveLength(1);
            }),
            { numRuns: 300, seed: 20261126 }
        );
    });

    test('a plan page with hostile updates, dates, statuses and leads imports to a clean file, or is refused', () => {
        const block = fc.record({ update: text, date: fc.oneof(text, fc.constant('31/02/2025'), fc.constant('11/11/2024')), status: text });
        fc.assert(
            fc.property(text, fc.array(block, { maxLength: 4 }), (lead, blocks) => {
                const page = [
                    `Executive Lead: ${lead}`,
                    ...blocks.flatMap(b => [
                        'By 27 March 2025, implement a mechanism for early screening of crimes to improve the identification, recording and management of all stalking cases.',
                        '23.1 - Evidence requirements of progress/completion: Forces should consider screening crimes.',
                        'Recommendation Owner: Chief Constables',
                        `Force Update: ${b.update}`,
                        `Date: ${b.date}`,
                        `Status: ${b.status}`
                    ])
                ].join('\n');
                let plan;
                try {
                    plan = readPlanPage(page, 'p.txt', undefined);
                } catch (error) {
                    expect(error).toBeInstanceOf(ImportError);
                    return;
                }
                const source = writePlan(plan, { id: 'p', title: `Plan ${lead}`, forceName: lead || 'Force', sourceLine: `from ${lead}` });
                expect(parse(source).errors, source).toEqual([]);
            }),
            { numRuns: 300, seed: 20261126 }
        );
    });
});
