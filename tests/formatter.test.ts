import * as path from 'node:path';
import type { AstNode } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, test } from 'vitest';
import { resilient } from '../language/src/lsp/resilient.js';
import { buildWorkspace, readFolder } from './support/workspace.js';

const repo = path.resolve(import.meta.dirname, '..');

/** Everything a file means, without positions: the AST as plain values. */
function meaning(root: AstNode): unknown {
    return JSON.parse(JSON.stringify(root, (key, value: unknown) => {
        if (key.startsWith('$') && key !== '$type' || key === '_ref' || key === '_nodeDescription') {
            return undefined;
        }
        if (value && typeof value === 'object' && '$refText' in value) {
            return (value as { $refText: string }).$refText;
        }
        return value;
    }));
}

async function format(files: Record<string, string>) {
    const workspace = await buildWorkspace(files);
    const formatter = workspace.services.lsp.Formatter!;
    const out: Record<string, string> = {};
    for (const [name, document] of workspace.documents) {
        const edits = await formatter.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
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
        const { out } = await format({ 'a.gdl': 'guidance g "G" { owner "O"   status draft section s "S" { addresses 12.1 ,12.2 """\n  keep   this\n""" } }' });
        expect(out['a.gdl']).toBe([
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
        ].join('\n'));
    });
});

describe('a failing editor feature', () => {
    test('is logged and answered with an empty result instead of an exception', async () => {
        const logged: string[] = [];
        const broken = resilient({ hover: () => { throw new Error('boom'); }, later: async () => { throw new Error('late boom'); }, fine: () => 42 }, 'test', m => logged.push(m));
        expect(broken.hover()).toBeUndefined();
        await expect(broken.later()).resolves.toBeUndefined();
        expect(broken.fine()).toBe(42);
        expect(logged.map(l => l.split(':')[0])).toEqual(['GDL test.hover failed and answered with an empty result', 'GDL test.later failed and answered with an empty result']);
    });

    test('the language services are wrapped: a hover that throws inside answers nothing', async () => {
        const workspace = await buildWorkspace({ 'a.gdl': 'audience a "A"' });
        const document = workspace.documents.get('a.gdl')!;
        // A document without its text makes Langium's hover throw (it cannot map the position).
        const broken = { uri: document.uri, parseResult: document.parseResult } as unknown as typeof document;
        const result = await workspace.services.lsp.HoverProvider!.getHoverContent(broken, { textDocument: { uri: document.uri.toString() }, position: { line: 0, character: 10 } });
        expect(result).toBeUndefined();
    });
});
