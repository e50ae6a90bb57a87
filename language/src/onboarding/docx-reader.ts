import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { ImportError, type ImportNote } from './import-report.js';
import { append } from '../arrays.js';

// Reading a Word document (.docx) for `gdl import`: its text as HTML (mammoth: headings, lists,
// tables, emphasis and links), its properties (title, owner, version…), and a note for everything
// the language cannot carry. The notes come from reading the document's XML here, not from mammoth,
// which drops comments, tracked deletions, headers and footers and pictures without a word: each is
// listed with where it is (paragraph number and nearest heading) and its text word for word.

export interface DocxProperties {
    title?: string;
    owner?: string;
    version?: string;
    subject?: string;
    created?: string;
    modified?: string;
    lastModifiedBy?: string;
}

export interface DocxContent {
    /** The document as HTML, from mammoth; pictures are left out (each has a note). */
    html: string;
    properties: DocxProperties;
    notes: ImportNote[];
}

// ---------------------------------------------------------------------------------------------
// XML: an ordered tree, names under the usual prefixes whatever prefixes the file declares.

interface XmlElement {
    name: string;
    attrs: Record<string, string>;
    children: XmlNode[];
}
type XmlNode = XmlElement | string;

const canonicalPrefixes: Record<string, string> = {
    'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
    'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
    'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
    'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
    'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing': 'wp',
    'http://schemas.openxmlformats.org/drawingml/2006/main': 'a',
    'http://schemas.openxmlformats.org/drawingml/2006/picture': 'pic',
    'http://schemas.openxmlformats.org/drawingml/2006/chart': 'c',
    'urn:schemas-microsoft-com:vml': 'v',
    'urn:schemas-microsoft-com:office:office': 'o',
    'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
    'http://schemas.openxmlformats.org/officeDocument/2006/math': 'm',
    'http://schemas.openxmlformats.org/package/2006/metadata/core-properties': 'cp',
    'http://purl.org/dc/elements/1.1/': 'dc',
    'http://purl.org/dc/terms/': 'dcterms',
    'http://schemas.openxmlformats.org/officeDocument/2006/custom-properties': '',
    'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes': 'vt',
    'http://schemas.openxmlformats.org/package/2006/relationships': '',
    'http://schemas.openxmlformats.org/package/2006/content-types': ''
};

const xmlParser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    // Entities are decoded below (this parser leaves numeric references such as &#x2019; as they are).
    processEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true
});

const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
    if (!text.includes('&')) {
        return text;
    }
    return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (whole, entity: string) => {
        if (entity.startsWith('#')) {
            const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
            return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
        }
        return namedEntities[entity.toLowerCase()] ?? whole;
    });
}

function canonicalName(name: string, scope: Map<string, string>, isAttribute: boolean): string {
    const colon = name.indexOf(':');
    const prefix = colon < 0 ? '' : name.slice(0, colon);
    if (prefix === 'xmlns' || name === 'xmlns' || prefix === 'xml' || (colon < 0 && isAttribute)) {
        return name;
    }
    const uri = scope.get(prefix);
    const canonical = uri === undefined ? undefined : canonicalPrefixes[uri];
    const local = colon < 0 ? name : name.slice(colon + 1);
    return canonical === undefined ? name : canonical === '' ? local : `${canonical}:${local}`;
}

function toTree(items: unknown[], scope: Map<string, string>): XmlNode[] {
    const nodes: XmlNode[] = [];
    for (const item of items) {
        const record = item as Record<string, unknown>;
        const rawAttrs = (record[':@'] ?? {}) as Record<string, unknown>;
        for (const [key, value] of Object.entries(record)) {
            if (key === ':@') {
                continue;
            }
            if (key === '#text') {
                nodes.push(decodeEntities(String(value)));
                continue;
            }
            let inner = scope;
            for (const [attr, uri] of Object.entries(rawAttrs)) {
                if (attr === 'xmlns' || attr.startsWith('xmlns:')) {
                    inner = inner === scope ? new Map(scope) : inner;
                    inner.set(attr === 'xmlns' ? '' : attr.slice(6), String(uri));
                }
            }
            const attrs: Record<string, string> = {};
            for (const [attr, attrValue] of Object.entries(rawAttrs)) {
                attrs[canonicalName(attr, inner, true)] = decodeEntities(String(attrValue));
            }
            nodes.push({ name: canonicalName(key, inner, false), attrs, children: toTree(Array.isArray(value) ? value : [], inner) });
        }
    }
    return nodes;
}

function parseXml(text: string): XmlElement {
    return { name: '#document', attrs: {}, children: toTree(xmlParser.parse(text) as unknown[], new Map()) };
}

function elements(node: XmlElement): XmlElement[] {
    return node.children.filter((child): child is XmlElement => typeof child !== 'string');
}

function child(node: XmlElement | undefined, name: string): XmlElement | undefined {
    return node ? elements(node).find(e => e.name === name) : undefined;
}

/** The elements named `name` below a node (matching `name` if a function), not looking inside elements named `stop`. */
function descendants(node: XmlElement, name: string | ((name: string) => boolean), stop?: string, out: XmlElement[] = []): XmlElement[] {
    for (const e of elements(node)) {
        if (typeof name === 'string' ? e.name === name : name(e.name)) {
            out.push(e);
        }
        if (e.name !== stop) {
            descendants(e, name, stop, out);
        }
    }
    return out;
}

/** The character data directly inside an element (`<w:t>text</w:t>`). */
function ownText(node: XmlElement): string {
    return node.children.filter((c): c is string => typeof c === 'string').join('');
}

/** The text of the `textName` elements below a node, paragraphs (`paragraphName`) on their own lines. */
function plainText(node: XmlElement, textName = 'w:t', paragraphName = 'w:p'): string {
    const lines: string[] = [];
    let line = '';
    const visit = (e: XmlElement): void => {
        if (e.name === textName) {
            line += ownText(e);
        } else if (e.name === 'w:tab') {
            line += '\t';
        } else if (e.name === 'w:br' || e.name === 'w:cr') {
            line += '\n';
        } else if (e.name !== 'w:delText' && e.name !== 'w:instrText') {
            elements(e).forEach(visit);
            if (e.name === paragraphName) {
                lines.push(line);
                line = '';
            }
        }
    };
    visit(node);
    lines.push(line);
    return lines
        .map(l => l.trim())
        .filter(l => l !== '')
        .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Errors: what the file is, and what to do.

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
    return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function asBuffer(bytes: Uint8Array): Buffer {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const saveAgain = 'Open it in Word and save it again as a Word Document (.docx), then import that copy.';

function checkSignature(bytes: Uint8Array, fileName: string): void {
    if (bytes.length === 0) {
        throw new ImportError(
            `${fileName} is empty (0 bytes): there is no document in it. Check you chose the right file, or save it again from Word.`
        );
    }
    if (startsWith(bytes, OLE_MAGIC)) {
        if (asBuffer(bytes).includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
            throw new ImportError(
                `${fileName} is password-protected: save a copy without a password (in Word: File > Info > Protect Document > ` +
                    'Encrypt with Password, and clear the password) and import that copy.'
            );
        }
        throw new ImportError(
            `${fileName} is an old Word 97-2003 .doc file (or another older Office file), not a .docx: open it in Word and save it as .docx ` +
                '(File > Save As > Word Document), then import that copy.'
        );
    }
    const head = asBuffer(bytes.subarray(0, 16)).toString('latin1');
    if (head.startsWith('%PDF')) {
        throw new ImportError(`${fileName} is a PDF, not a Word document (.docx): import the Word document it was made from.`);
    }
    if (head.startsWith('{\\rtf')) {
        throw new ImportError(
            `${fileName} is a Rich Text Format (.rtf) file, not a Word document (.docx): open it in Word and save it as .docx.`
        );
    }
}

function notWord(fileName: string): ImportError {
    return new ImportError(`${fileName} is not a Word document (.docx) or is damaged: it could not be opened as one. ${saveAgain}`);
}

function reasonOf(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------
// The package: parts, relationships and content types.

interface Relationship {
    type: string;
    /** The part's path in the zip, or the address of an external target. */
    target: string;
    external: boolean;
}

function resolvePath(base: string, target: string): string {
    const parts = (target.startsWith('/') ? target.slice(1) : `${base.split('/').slice(0, -1).join('/')}/${target}`).split('/');
    const out: string[] = [];
    for (const part of parts) {
        if (part === '..') {
            out.pop();
        } else if (part !== '.' && part !== '') {
            out.push(part);
        }
    }
    return out.join('/');
}

class Package {
    private readonly relsCache = new Map<string, Map<string, Relationship>>();
    private contentTypes?: { defaults: Map<string, string>; overrides: Map<string, string> };

    constructor(
        private readonly zip: JSZip,
        private readonly fileName: string
    ) {}

    has(path: string): boolean {
        return this.zip.file(path) !== null;
    }

    async bytes(path: string): Promise<Uint8Array | undefined> {
        const file = this.zip.file(path);
        if (!file) {
            return undefined;
        }
        try {
            return await file.async('uint8array');
        } catch (error) {
            throw new ImportError(`${this.fileName} is damaged: its part ${path} could not be read (${reasonOf(error)}). ${saveAgain}`);
        }
    }

    async xml(path: string): Promise<XmlElement | undefined> {
        const bytes = await this.bytes(path);
        if (!bytes) {
            return undefined;
        }
        try {
            return parseXml(new TextDecoder().decode(bytes));
        } catch (error) {
            throw new ImportError(`${this.fileName} is damaged: its part ${path} is not readable XML (${reasonOf(error)}). ${saveAgain}`);
        }
    }

    /** The relationships of a part (`word/document.xml` → `word/_rels/document.xml.rels`), by id. */
    async rels(part: string): Promise<Map<string, Relationship>> {
        const cached = this.relsCache.get(part);
        if (cached) {
            return cached;
        }
        const slash = part.lastIndexOf('/');
        const relsPath = `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
        const map = new Map<string, Relationship>();
        const root = await this.xml(relsPath);
        for (const rel of root ? descendants(root, 'Relationship') : []) {
            const external = rel.attrs['TargetMode'] === 'External';
            const target = rel.attrs['Target'] ?? '';
            map.set(rel.attrs['Id'] ?? '', {
                type: (rel.attrs['Type'] ?? '').split('/').pop() ?? '',
                target: external ? target : resolvePath(part, target),
                external
            });
        }
        this.relsCache.set(part, map);
        return map;
    }

    async contentType(path: string): Promise<string> {
        if (!this.contentTypes) {
            const root = await this.xml('[Content_Types].xml');
            const defaults = new Map<string, string>();
            const overrides = new Map<string, string>();
            for (const e of root ? descendants(root, 'Default') : []) {
                defaults.set((e.attrs['Extension'] ?? '').toLowerCase(), e.attrs['ContentType'] ?? '');
            }
            for (const e of root ? descendants(root, 'Override') : []) {
                overrides.set((e.attrs['PartName'] ?? '').replace(/^\//, ''), e.attrs['ContentType'] ?? '');
            }
            this.contentTypes = { defaults, overrides };
        }
        const extension = path.split('.').pop()?.toLowerCase() ?? '';
        return this.contentTypes.overrides.get(path) ?? this.contentTypes.defaults.get(extension) ?? `unknown type (.${extension})`;
    }

    /** The path of the main document part, from the package's relationships. */
    async mainPart(): Promise<string | undefined> {
        for (const rel of (await this.rels('')).values()) {
            if (rel.type === 'officeDocument' && !rel.external && this.has(rel.target)) {
                return rel.target;
            }
        }
        return this.has('word/document.xml') ? 'word/document.xml' : undefined;
    }
}

/** The most a .docx may unpack to: far beyond a real guidance document (a 300-page manual with pictures is under 50 MB). */
export const MAX_UNPACKED_BYTES = 200_000_000;

async function openPackage(bytes: Uint8Array, fileName: string): Promise<{ pkg: Package; main: string }> {
    checkSignature(bytes, fileName);
    let zip: JSZip;
    try {
        zip = await JSZip.loadAsync(bytes);
    } catch {
        throw notWord(fileName);
    }
    // What the parts would take once unpacked, from the zip's own directory, before any is inflated:
    // a small file that unpacks to gigabytes (a "zip bomb") is refused, not read until memory runs out.
    let unpacked = 0;
    zip.forEach((_, entry) => {
        unpacked += (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
    });
    if (unpacked > MAX_UNPACKED_BYTES) {
        throw new ImportError(
            `${fileName} would unpack to ${Math.round(unpacked / 1e6)} MB, more than any Word document of guidance (the limit is ${MAX_UNPACKED_BYTES / 1e6} MB): ` +
                'it is damaged or not a real document. Save it again from Word, or split it.'
        );
    }
    const pkg = new Package(zip, fileName);
    const main = await pkg.mainPart();
    if (main) {
        return { pkg, main };
    }
    if (pkg.has('xl/workbook.xml')) {
        throw new ImportError(`${fileName} is an Excel workbook, not a Word document (.docx): import the Word document instead.`);
    }
    if (pkg.has('ppt/presentation.xml')) {
        throw new ImportError(`${fileName} is a PowerPoint presentation, not a Word document (.docx): import the Word document instead.`);
    }
    if (pkg.has('mimetype') && /opendocument\.text/.test(new TextDecoder().decode(await pkg.bytes('mimetype')))) {
        throw new ImportError(
            `${fileName} is an OpenDocument text file (.odt), not a .docx: open it in Word or LibreOffice and save it as .docx.`
        );
    }
    throw new ImportError(
        `${fileName} is a zip file but not a Word document: it has no word/document.xml. Import a Word document (.docx), or open this one in ` +
            'Word and save it again as a Word Document (.docx).'
    );
}

// ---------------------------------------------------------------------------------------------
// Properties.

function firstText(root: XmlElement, name: string): string | undefined {
    const found = descendants(root, name)[0];
    const text = found ? ownText(found).trim() : '';
    return text === '' ? undefined : text;
}

function customKey(name: string): string {
    return name.toLowerCase().replace(/[^a-z]/g, '');
}

const ownerKeys = ['owner', 'documentowner', 'docowner', 'policyowner', 'guidanceowner', 'contentowner', 'businessowner'];
const versionKeys = ['version', 'documentversion', 'docversion', 'versionnumber', 'versionno'];

async function readProperties(pkg: Package): Promise<DocxProperties> {
    const properties: DocxProperties = {};
    const core = await pkg.xml('docProps/core.xml');
    if (core) {
        properties.title = firstText(core, 'dc:title');
        // Word and other tools write placeholders when nobody set the author: those are no owner.
        const creator = firstText(core, 'dc:creator');
        properties.owner =
            creator && !/^(un-?named|unknown|author|user|administrator|admin|microsoft office user|python-docx)$/i.test(creator)
                ? creator
                : undefined;
        properties.subject = firstText(core, 'dc:subject');
        properties.lastModifiedBy = firstText(core, 'cp:lastModifiedBy');
        properties.created = firstText(core, 'dcterms:created');
        properties.modified = firstText(core, 'dcterms:modified');
        // cp:revision counts saves; it is not the document's version.
        properties.version = firstText(core, 'cp:version');
    }
    const custom = await pkg.xml('docProps/custom.xml');
    const customValues = new Map<string, string>();
    for (const property of custom ? descendants(custom, 'property') : []) {
        const value = elements(property).map(ownText).join('').trim();
        if (value !== '') {
            customValues.set(customKey(property.attrs['name'] ?? ''), value);
        }
    }
    // A custom 'Owner' (or 'Document owner'…) names the owner rather than the document's author.
    const owner = ownerKeys.find(k => customValues.has(k));
    if (owner) {
        properties.owner = customValues.get(owner);
    }
    const version = versionKeys.find(k => customValues.has(k));
    if (version) {
        properties.version = customValues.get(version);
    }
    return Object.fromEntries(Object.entries(properties).filter(([, v]) => v !== undefined)) as DocxProperties;
}

// ---------------------------------------------------------------------------------------------
// Walking the document: paragraphs numbered as a reader counts them, and what each holds.

/** A paragraph of the document body (table cells included, text boxes not: they belong to the paragraph they are in). */
interface Paragraph {
    /** 1-based among the paragraphs with something in them; 0 while not counted. */
    number: number;
    /** The paragraphs counted before this one (for an empty paragraph: "after paragraph N"). */
    before: number;
    heading?: string;
    /** The nearest heading before this paragraph. */
    under?: string;
    inTable: boolean;
    text: string;
    hasContent: boolean;
}

/** Where something is: a paragraph of the body (resolved once numbered), or a fixed place ("page header"). */
type Place = Paragraph | string;

function describePlace(place: Place): string {
    if (typeof place === 'string') {
        return place;
    }
    const at =
        place.number > 0
            ? `paragraph ${place.number}${place.inTable ? ' (in a table)' : ''}`
            : place.before > 0
              ? `after paragraph ${place.before}`
              : 'at the start of the document';
    if (place.heading !== undefined) {
        return `${at} (the heading "${place.heading}")`;
    }
    return place.under !== undefined ? `${at}, under the heading "${place.under}"` : at;
}

type ChangeKind = 'ins' | 'del' | 'moveFrom' | 'moveTo';

interface TrackedChange {
    place: Place;
    kind: ChangeKind;
    author: string;
    date: string;
    text: string;
    pictures: number;
}

interface TextBox {
    place: Place;
    text: string;
    /** Whether the converted text could hold it (body and notes are converted; headers are not). */
    inFlow: boolean;
}

interface PendingNote {
    place: Place;
    kind: ImportNote['kind'];
    what: string;
    detail: () => Promise<string>;
}

interface Collected {
    notes: PendingNote[];
    changes: TrackedChange[];
    textBoxes: TextBox[];
    commentAnchors: Map<string, { place: Place; text: string }>;
    noteReferences: { kind: 'footnote' | 'endnote'; id: string; place: Place }[];
    formatChanges: number;
    paragraphMarkChanges: number;
    rowChanges: number;
    /** Pictures (and embedded objects' preview pictures) where the converter meets them. */
    picturesInFlow: number;
}

function newCollected(): Collected {
    return {
        notes: [],
        changes: [],
        textBoxes: [],
        commentAnchors: new Map(),
        noteReferences: [],
        formatChanges: 0,
        paragraphMarkChanges: 0,
        rowChanges: 0,
        picturesInFlow: 0
    };
}

function formatSize(bytes: number): string {
    if (bytes < 1024) {
        return `${bytes} bytes`;
    }
    const kb = bytes / 1024;
    return kb < 1024 ? `${kb < 10 ? kb.toFixed(1) : Math.round(kb)} KB` : `${(kb / 1024).toFixed(1)} MB`;
}

function dayOf(date: string): string {
    return /^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : date;
}

function quoted(text: string): string {
    return `"${text}"`;
}

const formatChangeNames = new Set([
    'w:rPrChange',
    'w:pPrChange',
    'w:sectPrChange',
    'w:tblPrChange',
    'w:tblGridChange',
    'w:trPrChange',
    'w:tcPrChange',
    'w:numberingChange'
]);

const objectKinds: [RegExp, string][] = [
    [/^Excel\./i, 'Excel workbook'],
    [/^Word\./i, 'Word document'],
    [/^PowerPoint\./i, 'PowerPoint presentation'],
    [/^Visio\./i, 'Visio drawing'],
    [/^AcroExch\./i, 'PDF'],
    [/^Equation\./i, 'equation (Equation Editor)'],
    [/^Package$/i, 'embedded file']
];

/** Walks one part (the body, a header, a footnote) and collects what it holds. */
class PartWalker {
    readonly paragraphs: Paragraph[] = [];
    private current?: Paragraph;
    private lastHeading?: string;
    private tableDepth = 0;
    private readonly textBoxStack: string[][] = [];
    private readonly changeStack: TrackedChange[] = [];
    private objectDepth = 0;
    private found = 0;
    /** The comments whose range is open: the text they are on so far. */
    private readonly openComments = new Map<string, { place: Place; text: string }>();

    constructor(
        private readonly pkg: Package,
        private readonly rels: Map<string, Relationship>,
        private readonly styles: Map<string, string>,
        private readonly out: Collected,
        /** A fixed place for everything in the part (a header); the body's places are its paragraphs. */
        private readonly fixedPlace: string | undefined,
        private readonly inFlow: boolean
    ) {}

    private place(): Place {
        return this.fixedPlace ?? this.current ?? this.paragraphs.at(-1) ?? 'at the start of the document';
    }

    private addText(text: string, deleted: boolean): void {
        const change = this.changeStack.at(-1);
        if (change) {
            change.text += text;
        }
        if (deleted) {
            return;
        }
        const box = this.textBoxStack.at(-1);
        if (box) {
            box[box.length - 1] += text;
        } else if (this.current) {
            this.current.text += text;
        }
        for (const anchor of this.openComments.values()) {
            anchor.text += text;
        }
    }

    private isDeleted(): boolean {
        return this.changeStack.some(c => c.kind === 'del' || c.kind === 'moveFrom');
    }

    private markContent(): void {
        if (this.current) {
            this.current.hasContent = true;
        }
    }

    walk(node: XmlElement): void {
        for (const e of elements(node)) {
            this.visit(e);
        }
    }

    private visit(e: XmlElement): void {
        if (formatChangeNames.has(e.name)) {
            this.out.formatChanges++;
            return;
        }
        switch (e.name) {
            case 'w:p':
                return this.paragraph(e);
            case 'w:tbl':
                this.tableDepth++;
                this.walk(e);
                this.tableDepth--;
                return;
            case 'w:tr': {
                const trPr = child(e, 'w:trPr');
                if (child(trPr, 'w:ins') || child(trPr, 'w:del')) {
                    this.out.rowChanges++;
                }
                return this.walk(e);
            }
            case 'w:pPr':
            case 'w:rPr':
            case 'w:trPr':
            case 'w:tcPr':
            case 'w:tblPr':
            case 'w:tblGrid':
            case 'w:sectPr':
            case 'w:sdtPr':
            case 'w:sdtEndPr':
            case 'w:instrText':
            case 'w:delInstrText':
                // Properties: only their tracked formatting changes matter here (counted, not walked).
                this.out.formatChanges += descendants(e, name => formatChangeNames.has(name)).length;
                return;
            case 'w:t':
                return this.addText(ownText(e), this.isDeleted());
            case 'w:delText':
                return this.addText(ownText(e), true);
            case 'w:tab':
                return this.addText('\t', this.isDeleted());
            case 'w:br':
            case 'w:cr':
                return this.addText('\n', this.isDeleted());
            case 'w:ins':
            case 'w:del':
            case 'w:moveFrom':
            case 'w:moveTo':
                return this.trackedChange(e);
            case 'w:commentRangeStart': {
                const id = e.attrs['w:id'] ?? '';
                const anchor = { place: this.place(), text: '' };
                this.openComments.set(id, anchor);
                this.out.commentAnchors.set(id, anchor);
                return;
            }
            case 'w:commentRangeEnd':
                this.openComments.delete(e.attrs['w:id'] ?? '');
                return;
            case 'w:commentReference': {
                const id = e.attrs['w:id'] ?? '';
                if (!this.out.commentAnchors.has(id)) {
                    this.out.commentAnchors.set(id, { place: this.place(), text: '' });
                }
                return;
            }
            case 'w:footnoteReference':
            case 'w:endnoteReference':
                this.markContent();
                this.out.noteReferences.push({
                    kind: e.name === 'w:footnoteReference' ? 'footnote' : 'endnote',
                    id: e.attrs['w:id'] ?? '',
                    place: this.place()
                });
                return;
            case 'mc:AlternateContent': {
                // The fallback (what older readers show), as the converter reads it; else the first choice, which the
                // converter leaves out (a text box only there is noted as not carried).
                const chosen = child(e, 'mc:Fallback') ?? child(e, 'mc:Choice');
                return chosen ? this.walk(chosen) : undefined;
            }
            case 'w:drawing':
                return this.drawing(e);
            case 'w:pict':
                return this.pict(e);
            case 'w:object':
                return this.object(e);
            case 'v:imagedata':
                if (this.objectDepth === 0) {
                    this.picture(e.attrs['r:id'], undefined, e.attrs['o:title'] ?? e.attrs['alt'], undefined, undefined);
                }
                return;
            case 'w:txbxContent':
                return this.textBox(e);
            case 'm:oMathPara':
            case 'm:oMath':
                this.markContent();
                this.note(
                    'not-carried',
                    'equation',
                    async () => `${quoted(plainText(e, 'm:t', 'm:oMath'))}: an equation, not carried; write it as text if it matters`
                );
                return;
            default:
                return this.walk(e);
        }
    }

    private paragraph(e: XmlElement): void {
        const box = this.textBoxStack.at(-1);
        if (box) {
            box.push('');
            this.walk(e);
            return;
        }
        const pPr = child(e, 'w:pPr');
        const styleId = child(pPr, 'w:pStyle')?.attrs['w:val'];
        const marks = child(pPr, 'w:rPr');
        if (child(marks, 'w:ins') || child(marks, 'w:del')) {
            this.out.paragraphMarkChanges++;
        }
        const paragraph: Paragraph = {
            number: 0,
            before: 0,
            under: this.lastHeading,
            inTable: this.tableDepth > 0,
            text: '',
            hasContent: false
        };
        this.paragraphs.push(paragraph);
        const outer = this.current;
        this.current = paragraph;
        this.walk(e);
        this.current = outer;
        for (const anchor of this.openComments.values()) {
            anchor.text += anchor.text === '' || anchor.text.endsWith('\n') ? '' : '\n';
        }
        if (styleId !== undefined && isHeadingStyle(styleId, this.styles) && paragraph.text.trim() !== '') {
            paragraph.heading = paragraph.text.trim();
            this.lastHeading = paragraph.heading;
        }
    }

    private trackedChange(e: XmlElement): void {
        const change: TrackedChange = {
            place: this.place(),
            kind: e.name.slice(2) as ChangeKind,
            author: e.attrs['w:author'] ?? '',
            date: e.attrs['w:date'] ?? '',
            text: '',
            pictures: 0
        };
        this.changeStack.push(change);
        this.walk(e);
        this.changeStack.pop();
        const outer = this.changeStack.at(-1);
        if (outer) {
            outer.pictures += change.pictures;
        }
        if (change.text.trim() !== '' || change.pictures > 0) {
            this.out.changes.push(change);
        }
    }

    private note(kind: ImportNote['kind'], what: string, detail: () => Promise<string>): void {
        this.found++;
        this.out.notes.push({ place: this.place(), kind, what, detail });
    }

    private drawing(e: XmlElement): void {
        this.markContent();
        const docPr = descendants(e, 'wp:docPr')[0];
        const description = docPr?.attrs['descr'];
        const title = docPr?.attrs['title'];
        const name = docPr?.attrs['name'];
        const before = this.found;
        for (const blip of descendants(e, 'a:blip', 'w:txbxContent')) {
            this.picture(blip.attrs['r:embed'], blip.attrs['r:link'], description, title, name);
        }
        for (const chart of descendants(e, 'c:chart', 'w:txbxContent')) {
            this.chart(chart.attrs['r:id'], description, title);
        }
        const textBoxes = descendants(e, 'w:txbxContent').length;
        this.walk(e);
        if (this.found === before && textBoxes === 0) {
            const uri = descendants(e, 'a:graphicData')[0]?.attrs['uri'] ?? '';
            const kind = /diagram/.test(uri) ? 'SmartArt diagram' : /Shape|Group|Canvas/i.test(uri) ? 'shape' : 'drawing';
            this.note(
                'not-carried',
                'drawing',
                async () => `a ${kind}${describeAlt(description, title, name)}: not carried; describe it in words if it matters`
            );
        }
    }

    private pict(e: XmlElement): void {
        this.markContent();
        const before = this.found;
        const textBoxes = descendants(e, 'w:txbxContent').length;
        this.walk(e);
        const horizontalLine = elements(e).some(c => c.attrs['o:hr'] === 't');
        if (this.found === before && textBoxes === 0 && !horizontalLine) {
            const shape = elements(e)[0];
            const alt = shape?.attrs['alt'] ?? shape?.attrs['o:title'];
            this.note(
                'not-carried',
                'drawing',
                async () => `a shape${describeAlt(alt, undefined, undefined)}: not carried; describe it in words if it matters`
            );
        }
    }

    private object(e: XmlElement): void {
        this.markContent();
        if (this.inFlow && !this.isDeleted()) {
            // The converter shows an embedded object's preview picture, which the image hook leaves out.
            this.out.picturesInFlow += descendants(e, 'v:imagedata').length;
        }
        const ole = descendants(e, 'o:OLEObject')[0];
        const progId = ole?.attrs['ProgID'] ?? '';
        const kind = objectKinds.find(([pattern]) => pattern.test(progId))?.[1] ?? 'embedded object';
        const rel = ole?.attrs['r:id'] ? this.rels.get(ole.attrs['r:id']) : undefined;
        const shape = descendants(e, 'v:shape')[0];
        const alt = shape?.attrs['alt'] ?? descendants(e, 'v:imagedata')[0]?.attrs['o:title'];
        this.note('not-carried', 'embedded object', async () => {
            const what = `${kind}${progId ? ` (${progId})` : ''}${describeAlt(alt, undefined, undefined)}`;
            if (!rel) {
                return `${what}: not carried, nor its preview picture`;
            }
            if (rel.external) {
                return `${what}, linked to ${rel.target}: not carried, nor its preview picture`;
            }
            const size = (await this.pkg.bytes(rel.target))?.length;
            return `${what}; ${rel.target} in the .docx${size === undefined ? '' : `, ${formatSize(size)}`}: not carried, nor its preview picture`;
        });
        this.objectDepth++;
        this.walk(e);
        this.objectDepth--;
    }

    private picture(embed: string | undefined, link: string | undefined, description?: string, title?: string, name?: string): void {
        this.markContent();
        const change = this.changeStack.at(-1);
        if (change) {
            change.pictures++;
        }
        if (this.inFlow && !this.isDeleted()) {
            this.out.picturesInFlow++;
        }
        const rel = this.rels.get(embed ?? link ?? '');
        this.note('not-carried', 'image', async () => {
            const described = describeAlt(description, title, undefined).replace(/^, /, '');
            const alt = described || `no alt text${name?.trim() ? ` (named ${quoted(name.trim())})` : ''}`;
            if (!rel) {
                return `${alt}; the picture itself is missing from the file`;
            }
            if (rel.external) {
                return `${alt}; a linked picture, not in the file: ${rel.target}`;
            }
            const type = await this.pkg.contentType(rel.target);
            const size = (await this.pkg.bytes(rel.target))?.length;
            return `${alt}; ${type}${size === undefined ? ', missing from the file' : `, ${formatSize(size)}`} (${rel.target} in the .docx)`;
        });
    }

    private chart(id: string | undefined, description?: string, title?: string): void {
        const rel = this.rels.get(id ?? '');
        this.note('not-carried', 'chart', async () => {
            const chart = rel && !rel.external ? await this.pkg.xml(rel.target) : undefined;
            const chartTitle = chart
                ? descendants(chart, 'c:title')
                      .map(t => plainText(t, 'a:t', 'a:p').replace(/\n/g, ' '))
                      .find(t => t !== '')
                : undefined;
            const named = chartTitle ? ` titled ${quoted(chartTitle)}` : '';
            return `a chart${named}${describeAlt(description, title, undefined)}: not carried; give its figures as text or a table if they matter`;
        });
    }

    private textBox(e: XmlElement): void {
        this.markContent();
        const paragraphs: string[] = [];
        this.textBoxStack.push(paragraphs);
        this.walk(e);
        this.textBoxStack.pop();
        const text = paragraphs
            .map(p => p.trim())
            .filter(p => p !== '')
            .join('\n');
        const box = this.textBoxStack.at(-1);
        if (box) {
            // A text box in a text box: its text is part of the outer one.
            box.push(text);
        } else if (text !== '') {
            this.out.textBoxes.push({ place: this.place(), text, inFlow: this.inFlow });
        }
    }
}

function describeAlt(description?: string, title?: string, name?: string): string {
    const parts: string[] = [];
    if (description?.trim()) {
        parts.push(`alt text ${quoted(description.trim())}`);
    }
    if (title?.trim() && title.trim() !== description?.trim()) {
        parts.push(`title ${quoted(title.trim())}`);
    }
    if (parts.length === 0 && name?.trim()) {
        parts.push(`named ${quoted(name.trim())}`);
    }
    return parts.length > 0 ? `, ${parts.join(', ')}` : '';
}

/** The heading styles the converter makes headings of (Heading 1 to 6) and the deeper ones Word has. */
function isHeadingStyle(styleId: string, styles: Map<string, string>): boolean {
    const name = styles.get(styleId);
    return /^heading\s*[1-9]?$/i.test(name ?? '') || (name === undefined && /^heading[1-9]?$/i.test(styleId));
}

async function readStyles(pkg: Package, main: string, rels: Map<string, Relationship>): Promise<Map<string, string>> {
    const path = [...rels.values()].find(r => r.type === 'styles' && !r.external)?.target ?? resolvePath(main, 'styles.xml');
    const root = await pkg.xml(path);
    const styles = new Map<string, string>();
    for (const style of root ? descendants(root, 'w:style') : []) {
        styles.set(style.attrs['w:styleId'] ?? '', child(style, 'w:name')?.attrs['w:val'] ?? '');
    }
    return styles;
}

/** Numbers the body's paragraphs as a reader counts them: those with text or something else in them. */
function numberParagraphs(paragraphs: Paragraph[]): void {
    let counted = 0;
    for (const paragraph of paragraphs) {
        paragraph.before = counted;
        if (paragraph.text.trim() !== '' || paragraph.hasContent) {
            paragraph.number = ++counted;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Headers, footers, footnotes, endnotes and comments.

const headerKinds: Record<string, string> = { default: 'every page', first: 'first page', even: 'even pages' };

async function readHeadersAndFooters(
    pkg: Package,
    body: XmlElement,
    rels: Map<string, Relationship>,
    styles: Map<string, string>,
    out: Collected
): Promise<void> {
    const places = new Map<string, { what: 'page header' | 'page footer'; where: string[] }>();
    descendants(body, 'w:sectPr').forEach((section, index, all) => {
        for (const ref of elements(section)) {
            if (ref.name !== 'w:headerReference' && ref.name !== 'w:footerReference') {
                continue;
            }
            const rel = rels.get(ref.attrs['r:id'] ?? '');
            if (!rel || rel.external) {
                continue;
            }
            const kind = headerKinds[ref.attrs['w:type'] ?? 'default'] ?? 'every page';
            const where = all.length > 1 ? `section ${index + 1}, ${kind}` : kind;
            const entry = places.get(rel.target) ?? { what: ref.name === 'w:headerReference' ? 'page header' : 'page footer', where: [] };
            entry.where.push(where);
            places.set(rel.target, entry);
        }
    });
    for (const [part, { what, where }] of places) {
        const root = await pkg.xml(part);
        if (!root) {
            continue;
        }
        const place = `${what} (${where.join('; ')})`;
        const text = plainText(root);
        new PartWalker(pkg, await pkg.rels(part), styles, out, place, false).walk(root);
        if (text !== '') {
            out.notes.push({
                place,
                kind: 'not-carried',
                what,
                detail: async () => `${quoted(text)}: page furniture, not carried; put it in the guidance's text if it matters`
            });
        }
    }
}

async function readNotes(pkg: Package, rels: Map<string, Relationship>, styles: Map<string, string>, out: Collected): Promise<void> {
    const numbers = { footnote: 0, endnote: 0 };
    const references = [...out.noteReferences];
    for (const kind of ['footnote', 'endnote'] as const) {
        const rel = [...rels.values()].find(r => r.type === `${kind}s` && !r.external);
        const root = rel ? await pkg.xml(rel.target) : undefined;
        const notes = new Map((root ? descendants(root, `w:${kind}`) : []).map(n => [n.attrs['w:id'] ?? '', n]));
        for (const reference of references.filter(r => r.kind === kind)) {
            const number = ++numbers[kind];
            const note = notes.get(reference.id);
            const text = note ? plainText(note) : '';
            if (note && rel) {
                new PartWalker(pkg, await pkg.rels(rel.target), styles, out, `${kind} ${number}`, true).walk(note);
            }
            out.notes.push({
                place: reference.place,
                kind: note ? 'changed' : 'not-carried',
                what: kind,
                detail: async () =>
                    note
                        ? `${kind} ${number}: ${quoted(text)}; kept, as a footnote of the section whose text refers to it, linked from the ` +
                          `place it is referenced`
                        : `${kind} ${number} is referenced but missing from the file`
            });
        }
    }
}

async function readComments(pkg: Package, rels: Map<string, Relationship>, out: Collected): Promise<PendingNote[]> {
    const rel = [...rels.values()].find(r => r.type === 'comments' && !r.external);
    const root = rel ? await pkg.xml(rel.target) : undefined;
    const pending: PendingNote[] = [];
    for (const comment of root ? descendants(root, 'w:comment') : []) {
        const id = comment.attrs['w:id'] ?? '';
        const author = comment.attrs['w:author']?.trim() || 'an unnamed reviewer';
        const date = comment.attrs['w:date'] ? ` on ${dayOf(comment.attrs['w:date'])}` : '';
        const text = plainText(comment);
        const anchor = out.commentAnchors.get(id);
        const on = anchor && anchor.text.trim() !== '' ? `, on the text ${quoted(anchor.text.trim())}` : '';
        pending.push({
            place: anchor?.place ?? 'not anchored in the text',
            kind: 'not-carried',
            what: 'comment',
            detail: async () => `${author}${date}: ${quoted(text)}${on}`
        });
    }
    return pending;
}

// ---------------------------------------------------------------------------------------------
// Tracked changes: read as if accepted (as the converter does), each listed.

const changeWords: Record<ChangeKind, { what: string; kind: ImportNote['kind']; verb: string; outcome: string }> = {
    ins: { what: 'tracked insertion', kind: 'changed', verb: 'inserted', outcome: 'kept, as if the change were accepted' },
    del: { what: 'tracked deletion', kind: 'not-carried', verb: 'deleted', outcome: 'left out, as if the change were accepted' },
    moveFrom: {
        what: 'tracked move',
        kind: 'not-carried',
        verb: 'moved away from here',
        outcome: 'left out here; kept where it was moved to'
    },
    moveTo: { what: 'tracked move', kind: 'changed', verb: 'moved here', outcome: 'kept here, as if the move were accepted' }
};

function changeNotes(changes: TrackedChange[]): PendingNote[] {
    const groups: TrackedChange[][] = [];
    for (const change of changes) {
        const last = groups.at(-1)?.[0];
        if (last && last.place === change.place && last.kind === change.kind && last.author === change.author) {
            groups.at(-1)!.push(change);
        } else {
            groups.push([change]);
        }
    }
    return groups.map(group => {
        const first = group[0]!;
        const words = changeWords[first.kind];
        const texts = group.map(c => (c.text.trim() !== '' ? quoted(c.text) : c.pictures > 0 ? 'a picture' : quoted(c.text))).join(', ');
        const by = first.author ? ` by ${first.author}` : '';
        const when = first.date ? ` on ${dayOf(first.date)}` : '';
        return {
            place: first.place,
            kind: words.kind,
            what: words.what,
            detail: async () => `${words.verb}${by}${when}: ${texts}; ${words.outcome}`
        };
    });
}

function summaryNotes(out: Collected): PendingNote[] {
    const notes: PendingNote[] = [];
    const structural: string[] = [];
    if (out.paragraphMarkChanges > 0) {
        structural.push(`${out.paragraphMarkChanges} paragraph break${out.paragraphMarkChanges === 1 ? '' : 's'}`);
    }
    if (out.rowChanges > 0) {
        structural.push(`${out.rowChanges} table row${out.rowChanges === 1 ? '' : 's'}`);
    }
    if (structural.length > 0) {
        notes.push({
            place: 'the whole document',
            kind: 'changed',
            what: 'tracked change',
            detail: async () => `${structural.join(' and ')} inserted or deleted with changes tracked; read as if the changes were accepted`
        });
    }
    if (out.formatChanges > 0) {
        notes.push({
            place: 'the whole document',
            kind: 'changed',
            what: 'tracked formatting change',
            detail: async () =>
                `${out.formatChanges} formatting change${out.formatChanges === 1 ? ' is' : 's are'} tracked; the text is kept as it now stands`
        });
    }
    return notes;
}

// ---------------------------------------------------------------------------------------------
// The converter (mammoth).

/** The class of the paragraphs written in Word's Title style, in the HTML: the reader takes the first as the document's title. */
export const DOC_TITLE_CLASS = 'doc-title';

type MammothOptions = NonNullable<Parameters<typeof mammoth.convertToHtml>[1]>;

function htmlText(html: string): string {
    return normalizeSpace(decodeEntities(html.replace(/<[^>]*>/g, ' ')));
}

function normalizeSpace(text: string): string {
    return text.replace(/\s+/g, ' ').trim();
}

async function convert(bytes: Uint8Array, fileName: string): Promise<{ html: string; messages: string[]; pictures: number }> {
    let pictures = 0;
    // mammoth calls an image converter with the image and gives out the HTML nodes it returns (its own
    // images.imgElement returns one <img>); returning none leaves the picture out of the HTML, with no
    // data: URI and no empty <img> for the caller to skip. The notes list each picture.
    const leaveOut = ((): Promise<never[]> => {
        pictures++;
        return Promise.resolve([]);
    }) as unknown as MammothOptions['convertImage'];
    try {
        // Word's Title style marks the document's title: kept as a paragraph of class doc-title (DOC_TITLE_CLASS).
        const styleMap = [`p[style-name='Title'] => p.${DOC_TITLE_CLASS}:fresh`];
        const result = await mammoth.convertToHtml({ buffer: asBuffer(bytes) }, { convertImage: leaveOut, styleMap });
        return {
            html: result.value,
            messages: result.messages.map(m => (m.type === 'error' ? `error: ${m.message}` : m.message)),
            pictures
        };
    } catch (error) {
        throw new ImportError(`${fileName} is damaged: its text could not be read (${reasonOf(error)}). ${saveAgain}`);
    }
}

function messageNotes(messages: string[]): ImportNote[] {
    const counts = new Map<string, number>();
    for (const message of messages) {
        counts.set(message, (counts.get(message) ?? 0) + 1);
    }
    return [...counts].map(([message, count]) => {
        const style = /^Unrecognised (paragraph|run|table) style/i.test(message);
        return {
            kind: style ? 'changed' : 'not-carried',
            what: 'Word conversion warning',
            where: 'the whole document',
            detail:
                `${message}${count > 1 ? ` (${count} times)` : ''}` +
                (style ? '; the text is kept, without the style' : '; check the imported text against the Word document')
        };
    });
}

// ---------------------------------------------------------------------------------------------

/**
 * Reads a Word document: its text as HTML, its properties and a note for everything the language
 * cannot carry. A file that is not a readable .docx is an {@link ImportError} naming `fileName` and
 * saying what to do.
 */
export async function readDocx(bytes: Uint8Array, fileName: string): Promise<DocxContent> {
    const { pkg, main } = await openPackage(bytes, fileName);
    const document = await pkg.xml(main);
    const body = document ? descendants(document, 'w:body')[0] : undefined;
    if (!body) {
        throw new ImportError(`${fileName} is damaged: its document part (${main}) has no body. ${saveAgain}`);
    }
    const converted = await convert(bytes, fileName);
    const properties = await readProperties(pkg);
    const rels = await pkg.rels(main);
    const styles = await readStyles(pkg, main, rels);

    const out = newCollected();
    const walker = new PartWalker(pkg, rels, styles, out, undefined, true);
    walker.walk(body);
    numberParagraphs(walker.paragraphs);
    await readNotes(pkg, rels, styles, out);
    await readHeadersAndFooters(pkg, body, rels, styles, out);
    const comments = await readComments(pkg, rels, out);

    const flowText = htmlText(converted.html);
    const textBoxNotes: PendingNote[] = out.textBoxes.map(box => {
        const carried = box.inFlow && flowText.includes(normalizeSpace(box.text));
        return {
            place: box.place,
            kind: carried ? 'changed' : 'not-carried',
            what: 'text box',
            detail: async () =>
                carried
                    ? `${quoted(box.text)}; kept, as an ordinary paragraph after the paragraph it is in`
                    : `${quoted(box.text)}; not in the converted text: add it by hand if it matters`
        };
    });

    const pending = [...out.notes, ...textBoxNotes, ...changeNotes(out.changes), ...comments];
    // In document order: body paragraphs by number, then the notes for fixed places (headers, notes).
    const positions = new Map<Place, number>(walker.paragraphs.map((paragraph, index) => [paragraph, index]));
    const order = (place: Place): number => positions.get(place) ?? Number.MAX_SAFE_INTEGER;
    const sorted = pending
        .map((note, index) => ({ note, index }))
        .sort((a, b) => order(a.note.place) - order(b.note.place) || a.index - b.index);
    const notes: ImportNote[] = [];
    for (const { note } of sorted) {
        notes.push({ kind: note.kind, what: note.what, where: describePlace(note.place), detail: await note.detail() });
    }
    for (const note of summaryNotes(out)) {
        notes.push({ kind: note.kind, what: note.what, where: describePlace(note.place), detail: await note.detail() });
    }
    const unplaced = converted.pictures - out.picturesInFlow;
    if (unplaced > 0) {
        notes.push({
            kind: 'not-carried',
            what: 'image',
            where: 'the whole document',
            detail: `${unplaced} more picture${unplaced === 1 ? '' : 's'} than listed above, in places this reader could not name; not carried`
        });
    }
    append(notes, messageNotes(converted.messages));
    return { html: converted.html, properties, notes };
}
