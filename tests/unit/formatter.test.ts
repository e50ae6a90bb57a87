import * as path from 'node:path';
import { AstUtils, CstUtils, EmptyFileSystem, GrammarAST, isLeafCstNode, type AstNode, type LangiumDocument } from 'langium';
import { createLangiumGrammarServices } from 'langium/grammar';
import { parseHelper } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, test } from 'vitest';
import { collectLineStarts, GdlFormatter, lineStartKeywords } from '../../language/src/lsp/gdl-formatter.js';
import { resilient } from '../../language/src/lsp/resilient.js';
import { buildWorkspace, readFolder } from '../support/workspace.js';

const repo = path.resolve(import.meta.dirname, '../..');

/** Everything a file means, without positions: the AST as plain values. */
function meaning(root: AstNode): unknown {
    return JSON.parse(
        JSON.stringify(root, (key, value: unknown) => {
            if ((key.startsWith('$') && key !== '$type') || key === '_ref' || key === '_nodeDescription') {
                return undefined;
            }
            if (value && typeof value === 'object' && '$refText' in value) {
                return (value as { $refText: string }).$refText;
            }
            return value;
        })
    );
}

async function format(files: Record<string, string>) {
    const workspace = await buildWorkspace(files);
    const formatter = workspace.services.lsp.Formatter!;
    const out: Record<string, string> = {};
    for (const [name, document] of workspace.documents) {
        const edits = await formatter.formatDocument(document, {
            textDocument: { uri: document.uri.toString() },
            options: { tabSize: 4, insertSpaces: true }
        });
        out[name] = TextDocument.applyEdits(document.textDocument, edits);
    }
    return { workspace, out };
}

describe('formatting', () => {
    test('formatting the whole bundled workspace changes no meaning and is idempotent', async () => {
        const files = readFolder(path.join(repo, 'guidance'));
        const { workspace, out } = await format(files);
        const reformatted = await buildWorkspace(out);
        for (const name of Object.keys(files)) {
            const before = workspace.documents.get(name)!.parseResult.value;
            const after = reformatted.documents.get(name)!.parseResult.value;
            expect(reformatted.documents.get(name)!.parseResult.parserErrors, name).toEqual([]);
            expect(meaning(after), name).toEqual(meaning(before));
        }
        const again = await format(out);
        expect(again.out).toEqual(out);
    });

    test('a cramped block is laid out one property per line, indented by four spaces, prose untouched', async () => {
        const { out } = await format({
            'a.gdl': 'guidance g "G" { owner "O"   status draft section s "S" { addresses 12.1 ,12.2 """\n  keep   this\n""" } }'
        });
        expect(out['a.gdl']).toBe(
            [
                'guidance g "G" {',
                '    owner "O"',
                '    status draft',
                '    section s "S" {',
                '        addresses 12.1, 12.2',
                '        """',
                '  keep   this',
                '"""',
                '    }',
                '}'
            ].join('\n')
        );
    });
});

describe('formatting the bundled guidance', () => {
    const files = readFolder(path.join(repo, 'guidance'));

    test('every file under guidance/ is already formatted: formatting it changes nothing', async () => {
        expect(Object.keys(files).length).toBeGreaterThan(10);
        const { out } = await format(files);
        for (const [name, text] of Object.entries(files)) {
            expect(out[name], name).toBe(text);
        }
    });

    test('every file under guidance/ with its indentation, blank lines and spacing undone is laid out again as written (blank lines aside)', async () => {
        const original = await buildWorkspace(files);
        const undone: Record<string, string> = {};
        const expected: Record<string, string> = {};
        for (const [name, document] of original.documents) {
            // A line break between tokens (and comments) stays one line break, unindented; spaces become three.
            undone[name] = replaceGaps(document, gap => (gap.includes('\n') ? '\n' : '   '));
            expected[name] = replaceGaps(document, gap => gap.replace(/\n[ \t]*(?=\n)/g, ''));
            expect(undone[name], name).not.toBe(expected[name]);
        }
        const { out } = await format(undone);
        expect(out).toEqual(expected);
    });
});

/** The document's text with the whitespace between each two tokens or comments replaced. */
function replaceGaps(document: LangiumDocument, replace: (gap: string) => string): string {
    const text = document.textDocument.getText();
    const leaves = CstUtils.streamCst(document.parseResult.value.$cstNode!).filter(isLeafCstNode).toArray();
    return (
        text.slice(0, leaves[0]!.offset) +
        leaves.map((leaf, i) => (i === 0 ? '' : replace(text.slice(leaves[i - 1]!.end, leaf.offset))) + leaf.text).join('') +
        text.slice(leaves.at(-1)!.end)
    );
}

describe('what the formatter lays out is read from the grammar', () => {
    test('its property keywords are exactly those of the grammar: a keyword added to the grammar is laid out too', async () => {
        const workspace = await buildWorkspace({});
        const grammar = workspace.services.Grammar;
        // Independently of how the formatter reads the grammar: every word keyword that opens a
        // parenthesised group followed by an assignment, `('owner' owner=STRING)`, in any rule or fragment.
        const expected = new Set(
            AstUtils.streamAst(grammar)
                .filter(GrammarAST.isKeyword)
                .filter(keyword => {
                    const group = keyword.$container as AstNode;
                    return (
                        /^[a-z]/.test(keyword.value) &&
                        GrammarAST.isGroup(group) &&
                        group.elements[0] === keyword &&
                        GrammarAST.isAssignment(group.elements[1]) &&
                        !(GrammarAST.isParserRule(group.$container) && !group.$container.fragment)
                    );
                })
                .map(keyword => keyword.value)
        );
        expect([...expected]).toEqual(
            expect.arrayContaining(['owner', 'status', 'approved', 'review-by', 'addresses', 'progress', 'approved-by', 'expires'])
        );
        const formatter = new GdlFormatter(workspace.services);
        expect([...formatter.propertyKeywords].sort()).toEqual([...expected].sort());
    });

    test('keywords inside a fragment called in a block are found as if written in place', async () => {
        const grammarServices = createLangiumGrammarServices(EmptyFileSystem).grammar;
        const document = await parseHelper<GrammarAST.Grammar>(grammarServices)(
            [
                'grammar T',
                "entry Model: 'model' name=ID '{' (Governance | ('source' source=STRING) | parts+=Part)* '}';",
                "Part: 'part' name=ID ('{' Dates '}')?;",
                "fragment Governance: ('owner' owner=STRING) | ('status' status=ID);",
                "fragment Dates: ('approved' approved=ID)? ('review-by' reviewBy=ID)? Governance;",
                'hidden terminal WS: /\\s+/;',
                'terminal ID: /[a-z]+/;',
                'terminal STRING: /"[^"]*"/;'
            ].join('\n')
        );
        expect(document.parseResult.parserErrors).toEqual([]);
        const starts = collectLineStarts(document.parseResult.value);
        expect([...lineStartKeywords(starts)].sort()).toEqual(['approved', 'owner', 'review-by', 'source', 'status']);
        // The nested element starts a line too; the keywords that begin a rule ('model', 'part') do not.
        expect([...starts].filter(GrammarAST.isAssignment).map(a => a.feature)).toEqual(['parts']);
    });
});

describe('a failing editor feature', () => {
    test('is logged and answered with an empty result instead of an exception', async () => {
        const logged: string[] = [];
        const broken = resilient(
            {
                hover: () => {
                    throw new Error('boom');
                },
                later: async () => {
                    throw new Error('late boom');
                },
                fine: () => 42
            },
            'test',
            m => logged.push(m)
        );
        expect(broken.hover()).toBeUndefined();
        await expect(broken.later()).resolves.toBeUndefined();
        expect(broken.fine()).toBe(42);
        expect(logged.map(l => l.split(':')[0])).toEqual([
            'GDL test.hover failed and answered with an empty result',
            'GDL test.later failed and answered with an empty result'
        ]);
    });

    test('the language services are wrapped: a hover that throws inside answers nothing', async () => {
        const workspace = await buildWorkspace({ 'a.gdl': 'audience a "A"' });
        const document = workspace.documents.get('a.gdl')!;
        // A document without its text makes Langium's hover throw (it cannot map the position).
        const broken = { uri: document.uri, parseResult: document.parseResult } as unknown as typeof document;
        const result = await workspace.services.lsp.HoverProvider!.getHoverContent(broken, {
            textDocument: { uri: document.uri.toString() },
            position: { line: 0, character: 10 }
        });
        expect(result).toBeUndefined();
    });
});
