import { Document, Packer, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';
import { describe, expect, test } from 'vitest';
import type { Root } from 'mdast';
import { heading, list, paragraph, root } from '../../language/src/publish/mdast-helpers.js';
import { packageParts, renderDocx } from '../../language/src/publish/render-docx.js';

// The renderers' shortcuts (issue 17) give the bytes the plain way gives: these tests compare the two.

describe('Word: one compression of the parts docx writes', () => {
    const document = () =>
        new Document({
            title: 'T',
            creator: 'GDL',
            sections: [{ children: [new Paragraph({ children: [new TextRun('Café – “quoted” & <tagged>')] })] }]
        });

    test("docx's compiler gives the parts, and the bytes, that Packer zips", async () => {
        const zipped = await JSZip.loadAsync(await Packer.toBuffer(document()));
        const fromPacker = new Map<string, Buffer>();
        for (const name of Object.keys(zipped.files).filter(n => !zipped.files[n]!.dir)) {
            fromPacker.set(name, await zipped.files[name]!.async('nodebuffer'));
        }
        const parts = packageParts(document());
        expect([...parts.keys()].sort()).toEqual([...fromPacker.keys()].sort());
        for (const [name, content] of parts) {
            const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
            // docProps/core.xml carries the clock's time, which the renderer replaces.
            if (name !== 'docProps/core.xml') {
                expect(bytes.equals(fromPacker.get(name)!), name).toBe(true);
            }
        }
    });

    test('a Word file is the zip a fresh JSZip makes of its parts, whichever Word file was rendered before it', async () => {
        const page = (title: string): Root => root([heading(1, title), paragraph(`About ${title}.`), list([['one'], ['two']], true)]);
        const first = await renderDocx(page('First'), 'First', '2026-01-15', 'OFFICIAL');
        const second = await renderDocx(page('Second'), 'Second', '2026-01-15', 'OFFICIAL');
        const firstAgain = await renderDocx(page('First'), 'First', '2026-01-15', 'OFFICIAL');
        const otherDay = await renderDocx(page('First'), 'First', '2026-02-01', 'OFFICIAL');
        expect(firstAgain.equals(first)).toBe(true);
        expect(await (await JSZip.loadAsync(second)).file('word/document.xml')!.async('string')).toContain('About Second.');
        for (const [bytes, day] of [
            [first, '2026-01-15'],
            [second, '2026-01-15'],
            [otherDay, '2026-02-01']
        ] as const) {
            // The zip as the renderer made it before it kept shared parts: each part added anew, in the order of its path.
            const read = await JSZip.loadAsync(bytes);
            const fresh = new JSZip();
            for (const name of Object.keys(read.files).sort()) {
                fresh.file(name, await read.files[name]!.async('nodebuffer'), { date: new Date(`${day}T00:00:00Z`), createFolders: false });
            }
            const expected = await fresh.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
            expect(bytes.equals(expected)).toBe(true);
            expect(await read.file('docProps/core.xml')!.async('string')).toContain(
                `<dcterms:created xsi:type="dcterms:W3CDTF">${day}T00:00:00Z`
            );
        }
    });
});
