import { describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { GdlHoverProvider } from '../../language/src/lsp/gdl-hover.js';
import { GdlSemanticTokenProvider } from '../../language/src/lsp/gdl-semantic-tokens.js';
import { cleanBase } from '../support/fixtures-base.js';
import { goodModule, positionOf } from '../support/training-module.js';
import { buildWorkspace } from '../support/workspace.js';

describe('the editor on the new training grammar', () => {
    const cramped =
        'module X "X" { duration 1 hour pass-mark 75 % kit "Pens" outcome X-LO1 "x" introduction { duration 10 minutes } break "Tea" { duration 15 minute } ' +
        'activity X-A1 "A" { duration 25 minutes supports X-LO1 uses X-H1 ,X-H2 criteria "Names the pattern" } plenary { duration 10 minutes } ' +
        'handout X-H1 "Sheet" { file "a.pdf" for learner , trainer } handout X-H2 "Key" { file "k.pdf" } check X-Q1 true-false { question "Q?" answer true } ' +
        'check X-Q2 { question "Q?" option "a" option "b" correct } pool X-P1 "Either" draw 1 from X-Q1 ,X-Q2 }';

    async function formatted(text: string): Promise<string> {
        const workspace = await buildWorkspace({ 'a.gdl': text });
        const document = workspace.documents.get('a.gdl')!;
        const edits = await workspace.services.lsp.Formatter!.formatDocument(document, {
            textDocument: { uri: document.uri.toString() },
            options: { tabSize: 4, insertSpaces: true }
        });
        return TextDocument.applyEdits(document.textDocument, edits);
    }

    test('the formatter lays out interludes, handouts, kinds of question and a pool one clause a line, and again changes nothing', async () => {
        const out = await formatted(cramped);
        expect(out).toBe(
            [
                'module X "X" {',
                '    duration 1 hour',
                '    pass-mark 75%',
                '    kit "Pens"',
                '    outcome X-LO1 "x"',
                '    introduction {',
                '        duration 10 minutes',
                '    }',
                '    break "Tea" {',
                '        duration 15 minute',
                '    }',
                '    activity X-A1 "A" {',
                '        duration 25 minutes',
                '        supports X-LO1',
                '        uses X-H1, X-H2',
                '        criteria "Names the pattern"',
                '    }',
                '    plenary {',
                '        duration 10 minutes',
                '    }',
                '    handout X-H1 "Sheet" {',
                '        file "a.pdf"',
                '        for learner, trainer',
                '    }',
                '    handout X-H2 "Key" {',
                '        file "k.pdf"',
                '    }',
                '    check X-Q1 true-false {',
                '        question "Q?"',
                '        answer true',
                '    }',
                '    check X-Q2 {',
                '        question "Q?"',
                '        option "a"',
                '        option "b" correct',
                '    }',
                '    pool X-P1 "Either" draw 1 from X-Q1, X-Q2',
                '}'
            ].join('\n')
        );
        expect(await formatted(out)).toBe(out);
    });

    test('hover answers on every word of the module and semantic tokens colour its references, without throwing', async () => {
        const workspace = await buildWorkspace({ ...cleanBase, 'x.gdl': goodModule });
        const document = workspace.documents.get('x.gdl')!;
        // The providers themselves, not the server's wrapped ones, which would swallow an exception.
        const hover = new GdlHoverProvider(workspace.services);
        const hovers: string[] = [];
        for (const match of goodModule.matchAll(/[\w-]+/g)) {
            const result = await hover.getHoverContent(document, {
                textDocument: { uri: document.uri.toString() },
                position: document.textDocument.positionAt(match.index)
            });
            const value = result && typeof result.contents === 'object' && 'value' in result.contents ? result.contents.value : '';
            hovers.push(value);
        }
        expect(hovers).toContain('**Handout X-H1** — Worksheet\n\nFile: handouts/worksheet.gdl; in the learner edition');
        expect(hovers).toContain('**Handout X-H2** — Answer key\n\nFile: handouts/worksheet.gdl; in the trainer edition');
        expect(hovers).toContain('**Question pool X-P1** — Either\n\nDraws 1 of 2 at each attempt: X-Q2, X-Q3');
        expect(hovers).toContain('**Knowledge check X-Q2** (true-false, module X)\n\nSecond?');
        const tokens = await new GdlSemanticTokenProvider(workspace.services).semanticHighlight(document, {
            textDocument: { uri: document.uri.toString() }
        });
        // Five integers a token, each starting at a delta from the last: decode to absolute line and column.
        const starts: string[] = [];
        let line = 0;
        let character = 0;
        for (let i = 0; i < tokens.data.length; i += 5) {
            line += tokens.data[i]!;
            character = tokens.data[i]! === 0 ? character + tokens.data[i + 1]! : tokens.data[i + 1]!;
            starts.push(`${line}:${character}`);
        }
        for (const reference of ['uses X-H1', 'from X-Q2', 'X-Q2, X-Q3']) {
            const at = positionOf(goodModule, reference);
            const word = reference.split(' ').at(-1)!;
            const offset = reference.lastIndexOf(word);
            expect(starts, reference).toContain(`${at.line}:${at.character + offset}`);
        }
    });
});
