import { deflateSync } from 'node:zlib';
import {
    AlignmentType,
    CommentRangeEnd,
    CommentRangeStart,
    CommentReference,
    DeletedTextRun,
    Document,
    ExternalHyperlink,
    Footer,
    FootnoteReferenceRun,
    Header,
    HeadingLevel,
    ImageRun,
    InsertedTextRun,
    LevelFormat,
    Packer,
    Paragraph,
    Table,
    TableCell,
    TableRow,
    Textbox,
    TextRun,
    type ICommentOptions,
    type IPropertiesOptions,
    type ISectionOptions
} from 'docx';

// Word documents built in the tests with the `docx` package, so the importer is tested on real .docx
// files (the parts Word writes: document, styles, numbering, comments, headers, footnotes, media,
// core and custom properties) rather than on hand-written XML.

/** A Word document from `docx` options, as the bytes of a .docx file. */
export function buildDocx(options: IPropertiesOptions): Promise<Buffer> {
    return Packer.toBuffer(new Document(options));
}

/** A one-section document of these paragraphs and tables, with these options (properties, comments, numbering…). */
export function docxOf(children: ISectionOptions['children'], options: Omit<IPropertiesOptions, 'sections'> = {}): Promise<Buffer> {
    return buildDocx({ ...options, sections: [{ children }] });
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) {
        c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    return c >>> 0;
});

function crc32(bytes: Buffer): number {
    let c = 0xffffffff;
    for (const byte of bytes) {
        c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    }
    return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typeAndData));
    return Buffer.concat([length, typeAndData, crc]);
}

/** A valid PNG of `width` × `height` pixels of one colour (RGB), built byte by byte. */
export function tinyPng(width = 2, height = 2, rgb: [number, number, number] = [200, 30, 30]): Buffer {
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    header[8] = 8; // bit depth
    header[9] = 2; // colour type: RGB
    const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
    const pixels = Buffer.concat(Array.from({ length: height }, () => row));
    return Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        pngChunk('IHDR', header),
        pngChunk('IDAT', deflateSync(pixels)),
        pngChunk('IEND', Buffer.alloc(0))
    ]);
}

/** The words of the sample guidance document, so tests can look for them without copying them. */
export const sample = {
    title: 'Stalking guidance for call handlers',
    creator: 'A. Writer',
    owner: 'Head of Public Protection',
    version: '2.1',
    subject: 'Stalking',
    headings: ['Purpose', 'Recognising stalking', 'Risk', 'Fixated behaviour', 'Actions'],
    bullets: ['Repeated unwanted contact', 'Following or loitering'],
    steps: ['Record the report', 'Complete the risk assessment'],
    table: [
        ['Behaviour', 'Example'],
        ['Contact', 'Calls, messages, gifts']
    ],
    link: { text: 'College of Policing', url: 'https://www.college.police.uk/app' },
    image: { description: 'Flow chart of the referral route', size: [2, 2] as const },
    comment: { author: 'Reviewer One', initials: 'RO', text: 'Check this against the 2024 report.' },
    commented: 'Stalking is a pattern of fixated, obsessive, unwanted and repeated behaviour.',
    inserted: 'within 24 hours',
    deleted: 'as soon as practicable',
    header: 'OFFICIAL - Force guidance',
    footer: 'Page footer: review due March 2026',
    textbox: 'Remember: FOUR behaviours',
    footnote: 'See section 2 of the Protection from Harassment Act 1997.'
};

/**
 * A rich guidance document: properties (title, creator, a custom Owner and Version), headings at levels
 * 1 to 3, a bulleted and a numbered list, a table, bold and italic text, a hyperlink, an image, a
 * comment, a tracked insertion and deletion, a header and a footer, a text box and a footnote.
 */
export function sampleGuidanceDocx(): Promise<Buffer> {
    const comment: ICommentOptions = {
        id: 0,
        author: sample.comment.author,
        initials: sample.comment.initials,
        date: new Date('2025-01-10T09:00:00Z'),
        children: [new Paragraph(sample.comment.text)]
    };
    const [purpose, recognising, risk, fixated, actions] = sample.headings;
    return buildDocx({
        title: sample.title,
        creator: sample.creator,
        subject: sample.subject,
        lastModifiedBy: 'B. Editor',
        customProperties: [
            { name: 'Owner', value: sample.owner },
            { name: 'Version', value: sample.version }
        ],
        comments: { children: [comment] },
        footnotes: { 1: { children: [new Paragraph(sample.footnote)] } },
        numbering: {
            config: [
                {
                    reference: 'steps',
                    levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }]
                }
            ]
        },
        sections: [
            {
                headers: { default: new Header({ children: [new Paragraph(sample.header)] }) },
                footers: { default: new Footer({ children: [new Paragraph(sample.footer)] }) },
                children: [
                    new Paragraph({ text: purpose, heading: HeadingLevel.HEADING_1 }),
                    new Paragraph({
                        children: [
                            new TextRun('This guidance is for '),
                            new TextRun({ text: 'call handlers', bold: true }),
                            new TextRun(' and '),
                            new TextRun({ text: 'supervisors', italics: true }),
                            new TextRun('. Read the '),
                            new ExternalHyperlink({
                                link: sample.link.url,
                                children: [new TextRun({ text: sample.link.text, style: 'Hyperlink' })]
                            }),
                            new TextRun(' guidance too.'),
                            new FootnoteReferenceRun(1)
                        ]
                    }),
                    new Paragraph({ text: recognising, heading: HeadingLevel.HEADING_1 }),
                    new Paragraph({
                        children: [
                            new CommentRangeStart(0),
                            new TextRun(sample.commented),
                            new CommentRangeEnd(0),
                            new TextRun({ children: [new CommentReference(0)] })
                        ]
                    }),
                    ...sample.bullets.map(text => new Paragraph({ text, bullet: { level: 0 } })),
                    new Paragraph({ text: risk, heading: HeadingLevel.HEADING_2 }),
                    new Paragraph({
                        children: [
                            new TextRun('Complete the risk assessment '),
                            new InsertedTextRun({ id: 1, author: 'B. Editor', date: '2025-01-11T10:00:00Z', text: sample.inserted }),
                            new DeletedTextRun({ id: 2, author: 'B. Editor', date: '2025-01-11T10:00:00Z', text: sample.deleted }),
                            new TextRun('.')
                        ]
                    }),
                    new Paragraph({
                        children: [
                            new ImageRun({
                                type: 'png',
                                data: tinyPng(...sample.image.size),
                                transformation: { width: 40, height: 40 },
                                altText: { name: 'Referral route', description: sample.image.description, title: 'Referral route' }
                            })
                        ]
                    }),
                    new Paragraph({ text: fixated, heading: HeadingLevel.HEADING_3 }),
                    new Paragraph({
                        children: [
                            new TextRun('Look for fixation. '),
                            new Textbox({ children: [new Paragraph(sample.textbox)], style: { width: '2in', height: '0.5in' } })
                        ]
                    }),
                    new Table({
                        rows: sample.table.map(
                            cells => new TableRow({ children: cells.map(text => new TableCell({ children: [new Paragraph(text)] })) })
                        )
                    }),
                    new Paragraph({ text: actions, heading: HeadingLevel.HEADING_1 }),
                    ...sample.steps.map(text => new Paragraph({ text, numbering: { reference: 'steps', level: 0 } }))
                ]
            }
        ]
    });
}
