import {
    AlignmentType,
    Document,
    ExternalHyperlink,
    Footer,
    Header,
    HeadingLevel,
    Packer,
    PageNumber,
    Paragraph,
    Table,
    TableCell,
    TableRow,
    TextRun,
    WidthType,
    type ParagraphChild
} from 'docx';
import JSZip from 'jszip';
import type { List, PhrasingContent, Root, RootContent, TableCell as MdTableCell } from 'mdast';
import { isExternalTarget } from './link-policy.js';
import { withProse } from './mdast-helpers.js';

type Block = Paragraph | Table;
const headingLevels = [
    HeadingLevel.HEADING_1,
    HeadingLevel.HEADING_2,
    HeadingLevel.HEADING_3,
    HeadingLevel.HEADING_4,
    HeadingLevel.HEADING_5,
    HeadingLevel.HEADING_6
];

function runs(nodes: PhrasingContent[], style: { bold?: boolean; italics?: boolean } = {}): ParagraphChild[] {
    return nodes.flatMap((node): ParagraphChild[] => {
        switch (node.type) {
            case 'text':
                return [new TextRun({ text: node.value, ...style })];
            case 'strong':
                return runs(node.children, { ...style, bold: true });
            case 'emphasis':
                return runs(node.children, { ...style, italics: true });
            case 'inlineCode':
                return [new TextRun({ text: node.value, font: 'Courier New', ...style })];
            case 'break':
                return [new TextRun({ text: '', break: 1 })];
            case 'link':
                return isExternalTarget(node.url)
                    ? [
                          new ExternalHyperlink({
                              link: node.url,
                              children: [new TextRun({ text: plain(node.children), style: 'Hyperlink', ...style })]
                          })
                      ]
                    : runs(node.children, style);
            default:
                return 'children' in node ? runs(node.children as PhrasingContent[], style) : [];
        }
    });
}

function plain(nodes: PhrasingContent[]): string {
    return nodes.map(n => ('value' in n ? n.value : 'children' in n ? plain(n.children as PhrasingContent[]) : '')).join('');
}

function blocks(nodes: RootContent[], level = 0): Block[] {
    return nodes.flatMap((node): Block[] => {
        switch (node.type) {
            case 'heading':
                return [new Paragraph({ heading: headingLevels[node.depth - 1], children: runs(node.children) })];
            case 'paragraph':
                return [new Paragraph({ children: runs(node.children) })];
            case 'blockquote':
                return node.children.flatMap(child =>
                    child.type === 'paragraph'
                        ? [new Paragraph({ children: runs(child.children, { italics: true }), indent: { left: 720 } })]
                        : blocks([child], level)
                );
            case 'list':
                return listBlocks(node, level);
            case 'code':
                return node.value.split('\n').map(line => new Paragraph({ children: [new TextRun({ text: line, font: 'Courier New' })] }));
            case 'thematicBreak':
                return [new Paragraph({ children: [], thematicBreak: true })];
            case 'table':
                return [
                    new Table({
                        width: { size: 100, type: WidthType.PERCENTAGE },
                        rows: node.children.map(
                            (row, index) =>
                                new TableRow({
                                    tableHeader: index === 0,
                                    children: row.children.map(
                                        (cell: MdTableCell) =>
                                            new TableCell({
                                                children: [
                                                    new Paragraph({ children: runs(cell.children, index === 0 ? { bold: true } : {}) })
                                                ]
                                            })
                                    )
                                })
                        )
                    })
                ];
            default:
                return [];
        }
    });
}

function listBlocks(node: List, level: number): Block[] {
    return node.children.flatMap(item =>
        item.children.flatMap((child, index): Block[] => {
            if (child.type === 'paragraph' && index === 0) {
                return [
                    new Paragraph({
                        children: runs(child.children),
                        ...(node.ordered ? { numbering: { reference: 'numbered', level } } : { bullet: { level } })
                    })
                ];
            }
            return child.type === 'list' ? listBlocks(child, level + 1) : blocks([child], level);
        })
    );
}

/** Every page's header: the marking, then the document's title. */
function pageHeader(title: string, classification: string): Header {
    return new Header({
        children: [
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: classification, bold: true })] }),
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: title, size: 18 })] })
        ]
    });
}

/** Every page's footer: the marking, then "Page X of Y" as Word fields (PAGE, NUMPAGES), which Word fills in as it lays out the pages. */
function pageFooter(classification: string): Footer {
    return new Footer({
        children: [
            new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 18 })]
            }),
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: classification, bold: true })] })
        ]
    });
}

/**
 * A Word document from the page's mdast: headings, paragraphs, lists and tables as real Word structures;
 * every page with a header and a footer carrying the protective marking, the title and the page number.
 */
export async function renderDocx(tree: Root, title: string, fixedDate: string, classification: string): Promise<Buffer> {
    const document = new Document({
        title,
        creator: 'GDL',
        description: title,
        numbering: {
            config: [
                {
                    reference: 'numbered',
                    levels: [0, 1, 2].map(level => ({
                        level,
                        format: 'decimal' as const,
                        text: `%${level + 1}.`,
                        alignment: 'left' as const
                    }))
                }
            ]
        },
        sections: [
            {
                headers: { default: pageHeader(title, classification) },
                footers: { default: pageFooter(classification) },
                children: blocks(withProse(tree).children)
            }
        ]
    });
    return deterministic(packageParts(document), fixedDate);
}

/** A Word file's parts by path, as docx writes them, before they are zipped. */
type Parts = ReadonlyMap<string, string | Uint8Array>;

/**
 * The parts of a Word file, uncompressed. `Packer.toBuffer` would give them zipped, and the zip's dates are the
 * clock's, so they would have to be unzipped and zipped again; docx's own compiler, which `Packer` zips the output
 * of, gives them as they are. It is docx's, not public: a test checks that its parts are those `Packer` zips.
 */
export function packageParts(document: Document): Parts {
    const compiler = (Packer as unknown as { compiler?: { compile(file: Document): Parts } }).compiler;
    if (!compiler) {
        throw new Error("this version of docx has no Packer.compiler: render-docx.ts needs its Word file's parts");
    }
    return compiler.compile(document);
}

/** A Word file of this thread's, kept so that the next can take the parts they share (styles, theme, settings) compressed as they are. */
let shared: { fixedDate: string; zip: Buffer; parts: Map<string, Buffer> } | undefined;

/**
 * The Word file's zip, the same bytes for the same parts: every entry dated with the build's date, not the clock
 * (docProps/core.xml's creation and modification times too), in the order of its path. Most parts are the same in
 * every Word file of a build: those of the last file zipped are kept compressed and used as they are.
 */
async function deterministic(given: Parts, fixedDate: string): Promise<Buffer> {
    const date = new Date(`${fixedDate}T00:00:00Z`);
    const parts = new Map(
        [...given.keys()].sort().map(name => {
            const content = given.get(name)!;
            const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
            return [name, name === 'docProps/core.xml' ? fixDates(bytes, fixedDate) : bytes] as const;
        })
    );
    const before = shared?.fixedDate === fixedDate && sameNames(shared.parts, parts) ? shared : undefined;
    // A kept file's entries stay in their order, and those replaced keep their place (JSZip holds them by name).
    const zip = before ? await JSZip.loadAsync(before.zip) : new JSZip();
    for (const [name, content] of parts) {
        if (before?.parts.get(name)?.equals(content) !== true) {
            zip.file(name, content, { date, createFolders: false });
        }
    }
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
    shared = { fixedDate, zip: bytes, parts };
    return bytes;
}

function sameNames(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
    const names = [...b.keys()];
    return a.size === b.size && [...a.keys()].every((name, i) => name === names[i]);
}

/** docProps/core.xml with the build's date as its creation and modification times. */
function fixDates(core: Buffer, fixedDate: string): Buffer {
    return Buffer.from(
        core.toString('utf8').replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${fixedDate}T00:00:00Z$3`),
        'utf8'
    );
}
