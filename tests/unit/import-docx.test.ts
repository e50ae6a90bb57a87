import { HeadingLevel, Paragraph, TextRun } from 'docx';
import { ChartRun } from 'docx/charts';
import { EmbeddedFileRun } from 'docx/embedded-files';
import JSZip from 'jszip';
import { beforeAll, describe, expect, test } from 'vitest';
import { readDocx, type DocxContent } from '../../language/src/onboarding/docx-reader.js';
import { ImportError, type ImportNote } from '../../language/src/onboarding/import-report.js';
import { docxOf, sample, sampleGuidanceDocx, tinyPng } from '../support/make-docx.js';

// The Word reader of `gdl import` on real .docx files built with the `docx` package
// (tests/support/make-docx.ts): the text as HTML, the properties, and a note for each thing the
// language cannot carry, placed by paragraph and heading; and a clear error for a file it cannot read.

const notesOf = (content: DocxContent, what: string): ImportNote[] => content.notes.filter(n => n.what === what);

/** The one note about `what`, failing with the whole list if there is not exactly one. */
function theNote(content: DocxContent, what: string): ImportNote {
    const found = notesOf(content, what);
    expect(found, JSON.stringify(content.notes, null, 1)).toHaveLength(1);
    return found[0]!;
}

/** A .docx with one part's XML changed, as Word (or another tool) could have written it. */
async function patched(docx: Buffer, part: string, change: (xml: string) => string): Promise<Buffer> {
    const zip = await JSZip.loadAsync(docx);
    const xml = await zip.file(part)!.async('string');
    const changed = change(xml);
    expect(changed, `the patch of ${part} changed nothing`).not.toBe(xml);
    zip.file(part, changed);
    return zip.generateAsync({ type: 'nodebuffer' });
}

async function importError(bytes: Uint8Array, fileName: string): Promise<ImportError> {
    const error = await readDocx(bytes, fileName).then(
        () => undefined,
        (e: unknown) => e
    );
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
}

describe('a rich guidance document', () => {
    let content: DocxContent;
    beforeAll(async () => {
        content = await readDocx(await sampleGuidanceDocx(), 'guidance.docx');
    });

    test('headings at levels 1 to 3, both lists, the table, emphasis and the link are in the HTML', () => {
        const [purpose, recognising, risk, fixated, actions] = sample.headings;
        expect(content.html).toContain(`<h1>${purpose}</h1>`);
        expect(content.html).toContain(`<h1>${recognising}</h1>`);
        expect(content.html).toContain(`<h2>${risk}</h2>`);
        expect(content.html).toContain(`<h3>${fixated}</h3>`);
        expect(content.html).toContain(`<h1>${actions}</h1>`);
        expect(content.html).toContain(`<ul><li>${sample.bullets[0]}</li><li>${sample.bullets[1]}</li></ul>`);
        expect(content.html).toContain(`<ol><li>${sample.steps[0]}</li><li>${sample.steps[1]}</li></ol>`);
        expect(content.html).toMatch(/<table>.*<td><p>Contact<\/p><\/td><td><p>Calls, messages, gifts<\/p><\/td>.*<\/table>/);
        expect(content.html).toContain('<strong>call handlers</strong>');
        expect(content.html).toContain('<em>supervisors</em>');
        expect(content.html).toContain(`<a href="${sample.link.url}">${sample.link.text}</a>`);
    });

    test('no picture in the HTML: no data: URI and no <img>', () => {
        expect(content.html).not.toContain('data:');
        expect(content.html).not.toContain('<img');
    });

    test('the tracked insertion is read as accepted and the deletion left out; comments, headers and footers are not in the text', () => {
        expect(content.html).toContain(`Complete the risk assessment ${sample.inserted}.`);
        expect(content.html).not.toContain(sample.deleted);
        expect(content.html).not.toContain(sample.comment.text);
        expect(content.html).not.toContain(sample.header);
        expect(content.html).not.toContain(sample.footer);
    });

    test('properties: the title, and the custom Owner and Version over the author', () => {
        expect(content.properties).toMatchObject({
            title: sample.title,
            owner: sample.owner,
            version: sample.version,
            subject: sample.subject,
            lastModifiedBy: 'B. Editor'
        });
        expect(content.properties.created).toMatch(/^\d{4}-\d{2}-\d{2}T/);
        expect(content.properties.modified).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    });

    test('the image is listed where it is, with its alt text, type and size', () => {
        const image = theNote(content, 'image');
        expect(image.kind).toBe('not-carried');
        // Purpose, its paragraph, Recognising stalking, the commented paragraph, two bullets, Risk, the tracked paragraph, the image.
        expect(image.where).toBe(`paragraph 9, under the heading "${sample.headings[2]}"`);
        expect(image.detail).toContain(`"${sample.image.description}"`);
        expect(image.detail).toContain('image/png');
        expect(image.detail).toContain(`${tinyPng(...sample.image.size).length} bytes`);
    });

    test('the comment is listed with its author, date, text and the text it is on', () => {
        const comment = theNote(content, 'comment');
        expect(comment.kind).toBe('not-carried');
        expect(comment.where).toBe(`paragraph 4, under the heading "${sample.headings[1]}"`);
        expect(comment.detail).toContain(sample.comment.author);
        expect(comment.detail).toContain('2025-01-10');
        expect(comment.detail).toContain(`"${sample.comment.text}"`);
        expect(comment.detail).toContain(`"${sample.commented}"`);
    });

    test('tracked changes: the deleted text quoted as left out, the inserted as kept', () => {
        const deletion = theNote(content, 'tracked deletion');
        expect(deletion.kind).toBe('not-carried');
        expect(deletion.where).toBe(`paragraph 8, under the heading "${sample.headings[2]}"`);
        expect(deletion.detail).toContain(`"${sample.deleted}"`);
        expect(deletion.detail).toContain('B. Editor');
        expect(deletion.detail).toContain('left out');
        const insertion = theNote(content, 'tracked insertion');
        expect(insertion.kind).toBe('changed');
        expect(insertion.detail).toContain(`"${sample.inserted}"`);
        expect(insertion.detail).toContain('kept');
    });

    test('the page header and footer are listed with their text', () => {
        expect(theNote(content, 'page header')).toMatchObject({
            kind: 'not-carried',
            detail: expect.stringContaining(`"${sample.header}"`)
        });
        expect(theNote(content, 'page footer')).toMatchObject({
            kind: 'not-carried',
            detail: expect.stringContaining(`"${sample.footer}"`)
        });
    });

    test('the text box, which the converter puts in the flow, is listed as changed in form', () => {
        expect(content.html).toContain(`<p>${sample.textbox}</p>`);
        const box = theNote(content, 'text box');
        expect(box.kind).toBe('changed');
        expect(box.where).toBe(`paragraph 11, under the heading "${sample.headings[3]}"`);
        expect(box.detail).toContain(`"${sample.textbox}"`);
    });

    test('the footnote is kept at the end of the text, and says so where it is referenced', () => {
        expect(content.html).toContain(sample.footnote);
        const footnote = theNote(content, 'footnote');
        expect(footnote.kind).toBe('changed');
        expect(footnote.where).toBe(`paragraph 2, under the heading "${sample.headings[0]}"`);
        expect(footnote.detail).toContain(`"${sample.footnote}"`);
    });

    test('nothing else is noted: each note is one of the things above', () => {
        expect(content.notes.map(n => n.what).sort()).toEqual(
            ['comment', 'footnote', 'image', 'page footer', 'page header', 'text box', 'tracked deletion', 'tracked insertion'].sort()
        );
    });
});

describe('properties', () => {
    test('without custom properties the owner is the author, and the save count is not a version', async () => {
        const docx = await docxOf([new Paragraph('Text')], { title: 'Guidance', creator: 'C. Author', revision: 7 });
        const { properties } = await readDocx(docx, 'plain.docx');
        expect(properties.title).toBe('Guidance');
        expect(properties.owner).toBe('C. Author');
        expect(properties.version).toBeUndefined();
    });

    test("a custom 'Document owner' names the owner", async () => {
        const docx = await docxOf([new Paragraph('Text')], {
            creator: 'C. Author',
            customProperties: [{ name: 'Document owner', value: 'DCI Smith' }]
        });
        expect((await readDocx(docx, 'owned.docx')).properties.owner).toBe('DCI Smith');
    });
});

describe('what else the language cannot carry', () => {
    test('a chart and an embedded file are listed with what they are', async () => {
        const docx = await docxOf([
            new Paragraph({ text: 'Figures', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({
                children: [
                    new ChartRun({
                        type: 'column',
                        title: 'Reports by month',
                        categories: ['Jan', 'Feb'],
                        series: [{ name: 'Reports', values: [3, 5] }]
                    })
                ]
            }),
            new Paragraph({
                children: [
                    new EmbeddedFileRun({
                        fileName: 'procedure.pdf',
                        data: Buffer.from('%PDF-1.4 a procedure'),
                        preview: { type: 'png', data: tinyPng() },
                        transformation: { width: 32, height: 32 }
                    })
                ]
            })
        ]);
        const content = await readDocx(docx, 'figures.docx');
        const chart = theNote(content, 'chart');
        expect(chart).toMatchObject({ kind: 'not-carried', where: 'paragraph 2, under the heading "Figures"' });
        expect(chart.detail).toContain('"Reports by month"');
        const object = theNote(content, 'embedded object');
        expect(object).toMatchObject({ kind: 'not-carried', where: 'paragraph 3, under the heading "Figures"' });
        expect(object.detail).toContain('embedded file');
        // The object's preview picture is part of the object, not a separate image, and is not in the HTML.
        expect(notesOf(content, 'image')).toEqual([]);
        expect(content.html).not.toContain('<img');
    });

    test('a text box the converter cannot see (only in a Word 2010 choice) is listed as not carried', async () => {
        const docx = await patched(await sampleGuidanceDocx(), 'word/document.xml', xml =>
            xml.replace(
                /<w:r><w:pict>.*?<\/w:pict><\/w:r>/,
                run => `<mc:AlternateContent><mc:Choice Requires="wps">${run}</mc:Choice></mc:AlternateContent>`
            )
        );
        const content = await readDocx(docx, 'choice.docx');
        expect(content.html).not.toContain(sample.textbox);
        const box = theNote(content, 'text box');
        expect(box.kind).toBe('not-carried');
        expect(box.detail).toContain(`"${sample.textbox}"`);
    });

    test('a tracked move: the text is kept where it went and noted where it left', async () => {
        const docx = await patched(await sampleGuidanceDocx(), 'word/document.xml', xml =>
            xml
                .replace(/<w:ins (w:id="1"[^>]*)>(.*?)<\/w:ins>/, '<w:moveTo $1>$2</w:moveTo>')
                .replace(
                    /<w:del (w:id="2"[^>]*)><w:r><w:delText xml:space="preserve">(.*?)<\/w:delText><\/w:r><\/w:del>/,
                    '<w:moveFrom $1><w:r><w:t>$2</w:t></w:r></w:moveFrom>'
                )
        );
        const content = await readDocx(docx, 'moved.docx');
        expect(content.html).toContain(sample.inserted);
        expect(content.html).not.toContain(sample.deleted);
        const moves = notesOf(content, 'tracked move');
        expect(moves.map(m => m.kind).sort()).toEqual(['changed', 'not-carried']);
        expect(moves.find(m => m.kind === 'not-carried')!.detail).toContain(`"${sample.deleted}"`);
        expect(moves.find(m => m.kind === 'changed')!.detail).toContain(`"${sample.inserted}"`);
    });

    test('every converter warning is a note (a paragraph style it does not know)', async () => {
        const docx = await docxOf([new Paragraph({ children: [new TextRun('An aside')], style: 'Aside' })], {
            styles: { paragraphStyles: [{ id: 'Aside', name: 'Aside', run: { italics: true } }] }
        });
        const content = await readDocx(docx, 'styled.docx');
        expect(content.html).toContain('<p>An aside</p>');
        const warning = theNote(content, 'Word conversion warning');
        expect(warning.kind).toBe('changed');
        expect(warning.detail).toContain("Unrecognised paragraph style: 'Aside'");
    });

    test('numeric character references in the XML are read as the characters they stand for', async () => {
        const docx = await patched(await sampleGuidanceDocx(), 'word/comments.xml', xml =>
            xml.replace(sample.comment.text, 'Check the force&#x2019;s &amp; the 2024 report.')
        );
        expect(theNote(await readDocx(docx, 'quotes.docx'), 'comment').detail).toContain('"Check the force\u2019s & the 2024 report."');
    });
});

describe('files it cannot read', () => {
    test('an empty file', async () => {
        const error = await importError(new Uint8Array(0), 'empty.docx');
        expect(error.message).toMatch(/^empty\.docx is empty \(0 bytes\)/);
    });

    test('bytes that are not a zip, and a .docx cut short', async () => {
        for (const [bytes, name] of [
            [Buffer.from('This is a plain text file, not a Word document.\n'), 'notes.docx'],
            [(await sampleGuidanceDocx()).subarray(0, 2000), 'truncated.docx']
        ] as const) {
            const error = await importError(bytes, name);
            expect(error.message).toContain(`${name} is not a Word document (.docx) or is damaged`);
            expect(error.message).toContain('save it again as a Word Document (.docx)');
            expect(error.message).not.toMatch(/Corrupted zip|End of data|at .*\.js:\d+/);
        }
    });

    const ole = (withEncryptedPackage: boolean): Uint8Array => {
        const bytes = Buffer.alloc(2048);
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes, 0);
        // A directory entry's name, as the compound file stores it: UTF-16LE.
        Buffer.from(withEncryptedPackage ? 'EncryptedPackage' : 'WordDocument', 'utf16le').copy(bytes, 1024);
        return bytes;
    };

    test('a password-protected document', async () => {
        const error = await importError(ole(true), 'secret.docx');
        expect(error.message).toMatch(/^secret\.docx is password-protected: save a copy without a password/);
    });

    test('an old Word 97-2003 .doc', async () => {
        const error = await importError(ole(false), 'old.doc');
        expect(error.message).toMatch(/^old\.doc is an old Word 97-2003 \.doc file/);
        expect(error.message).toContain('save it as .docx');
    });

    test('a zip that is not a Word document', async () => {
        const zip = new JSZip();
        zip.file('readme.txt', 'hello');
        const error = await importError(await zip.generateAsync({ type: 'uint8array' }), 'archive.docx');
        expect(error.message).toMatch(/^archive\.docx is a zip file but not a Word document: it has no word\/document\.xml/);
    });

    test('an Excel workbook named .docx', async () => {
        const zip = new JSZip();
        zip.file('xl/workbook.xml', '<workbook/>');
        const error = await importError(await zip.generateAsync({ type: 'uint8array' }), 'figures.docx');
        expect(error.message).toMatch(/^figures\.docx is an Excel workbook, not a Word document/);
    });
});

describe('a file that would unpack to more than any document', () => {
    test('a "zip bomb" (its directory claims gigabytes) is refused before anything is inflated', async () => {
        const bytes = Buffer.from(await sampleGuidanceDocx());
        // Every central directory entry (signature PK\x01\x02) claims 300 MB unpacked, as a bomb's does.
        for (let at = bytes.indexOf('PK\u0001\u0002', 0, 'latin1'); at >= 0; at = bytes.indexOf('PK\u0001\u0002', at + 4, 'latin1')) {
            bytes.writeUInt32LE(300_000_000, at + 24);
        }
        const error = await importError(bytes, 'bomb.docx');
        expect(error.message).toMatch(
            /^bomb\.docx would unpack to \d+ MB, more than any Word document of guidance \(the limit is 200 MB\)/
        );
    });
});
