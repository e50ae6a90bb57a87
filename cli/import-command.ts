import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describeFileError } from '../language/src/file-errors.js';
import { URI } from 'langium';
import {
    parseMarkdown,
    readMarkdownDocument,
    readHtmlDocument,
    type ImportedDocument
} from '../language/src/onboarding/document-reader.js';
import { htmlPageText, markdownPageText } from '../language/src/onboarding/html-page-text.js';
import { DOC_TITLE_CLASS, readDocx } from '../language/src/onboarding/docx-reader.js';
import { provenanceLine, writeGuidance, type ImportContext, type WrittenImport } from '../language/src/onboarding/guidance-writer.js';
import { importContext } from '../language/src/onboarding/import-context.js';
import { ImportError, noteCounts, renderImportReport } from '../language/src/onboarding/import-report.js';
import { looksLikePlanPage, readPlanPage, writePlan } from '../language/src/onboarding/plan-page-reader.js';
import { slugFromTitle, IdAllocator, provenanceMark, unwritableCharacters } from '../language/src/onboarding/gdl-text.js';
import { findSources } from '../language/src/source-files.js';
import { createGdlServices } from '../language/src/gdl-module.js';
import { GdlNodeFileSystem } from '../language/src/source-file-system.js';
import { ExitCode, UsageError } from './errors.js';
import { writeNewFiles } from './new-files.js';
import { findWorkspace } from './workspace-root.js';
import { displayPath } from './problem-lines.js';
import { loadWorkspace } from './workspace-loader.js';
import { count } from '../language/src/wording.js';
import { declares } from '../language/src/declarations.js';
import * as ast from '../language/src/generated/ast.js';
import { pathWithin } from '../language/src/folder-paths.js';
import { replaceAt } from '../language/src/arrays.js';
import { today as todaysDate } from '../language/src/dates.js';

export interface ImportOptions {
    readonly into: string;
    readonly workspace?: string;
    /** What the file is, when its kind is not to be guessed: guidance or a published plan page. */
    readonly as?: 'guidance' | 'plan';
    /** The date written as the import's (YYYY-MM-DD); default today. */
    readonly today?: string;
}

/** The largest file imported: a text document of guidance runs to a few hundred kilobytes; Word files carry pictures. */
const MAX_TEXT_BYTES = 5_000_000;
const MAX_DOCX_BYTES = 100_000_000;

const kinds: Record<string, string> = {
    '.docx': 'Word document',
    '.md': 'Markdown file',
    '.markdown': 'Markdown file',
    '.txt': 'text file',
    '.html': 'web page',
    '.htm': 'web page'
};

/** `gdl import`: a document as draft guidance, or a published action plan page as a plan, with its import report. */
export async function importCommand(file: string, options: ImportOptions, out: (line: string) => void): Promise<number> {
    const extension = path.extname(file).toLowerCase();
    const kind = kinds[extension];
    if (!kind) {
        throw new UsageError(
            extension === '.doc'
                ? `${file} is an old Word 97-2003 document: open it in Word and save it as .docx, then import that`
                : `${file}: gdl import reads Word (.docx), Markdown (.md) and saved action plan pages (.txt, .html); save the document as one of these`
        );
    }
    // A device or a pipe (/dev/zero, a FIFO, a link to one) has no end to read: read, it filled the memory or waited for
    // ever. Only a file is read, and only up to the limit.
    const limit = extension === '.docx' ? MAX_DOCX_BYTES : MAX_TEXT_BYTES;
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat && !stat.isFile()) {
        throw new UsageError(`cannot read ${file}: ${stat.isDirectory() ? 'it is a folder' : 'it is a device or a pipe, not a file'}`);
    }
    const tooLarge = (size: number) =>
        new ImportError(
            `${file} is ${(size / 1e6).toFixed(1)} MB, more than a guidance document or a plan page (the limit for this kind of file is ${limit / 1e6} MB): split it into documents and import each`
        );
    if (stat && stat.size > limit) {
        throw tooLarge(stat.size);
    }
    let bytes: Buffer;
    try {
        bytes = await fs.readFile(file);
    } catch (error) {
        throw new UsageError(`cannot read ${file}: ${describeFileError(error, 'read')}`);
    }
    if (bytes.length === 0) {
        throw new ImportError(`${file} is empty: there is nothing to import`);
    }
    if (bytes.length > limit) {
        throw tooLarge(bytes.length);
    }
    const into = path.resolve(options.into);
    const intoStat = await fs.stat(into).catch(() => undefined);
    if (intoStat && !intoStat.isDirectory()) {
        throw new UsageError(`--into '${options.into}' is a file, not a folder`);
    }
    const root = options.workspace ? path.resolve(options.workspace) : await findWorkspace(into);
    if (root && pathWithin(root, into) === undefined) {
        throw new UsageError(`--into '${options.into}' is outside the workspace '${options.workspace}'`);
    }

    // The file is read first: a bad file is refused before the workspace is loaded.
    const decoded = extension === '.docx' ? undefined : decode(bytes, file);
    const isMarkdown = extension === '.md' || extension === '.markdown';
    const text = decoded !== undefined && (extension === '.html' || extension === '.htm') ? htmlPageText(decoded) : decoded;
    // A plan page saved as Markdown is read as its lines as a browser shows them, as an HTML page is.
    const planText = () => (isMarkdown ? markdownPageText(parseMarkdown(text!)) : text!);
    if (options.as === 'plan' && extension === '.docx') {
        throw new UsageError(
            `${file}: a published plan page is read from text, HTML or Markdown; save the page as text or HTML, or import this as guidance`
        );
    }
    const planShaped = text !== undefined && looksLikePlanPage(text);
    const isPlan = options.as ? options.as === 'plan' : text !== undefined && (!isMarkdown || planShaped);
    let doc: ImportedDocument | undefined;
    let sourceText = text ?? '';
    if (isPlan && !options.as && !planShaped) {
        throw new ImportError(
            `${file} does not look like a published action plan page (no recommendations, "Force Update:" or "Status:" lines). ` +
                'To import guidance, save it as Markdown (.md) or Word (.docx).'
        );
    } else if (extension === '.docx') {
        const content = await readDocx(bytes, path.basename(file));
        doc = readHtmlDocument(content.html, { fileName: path.basename(file), ...content.properties }, DOC_TITLE_CLASS);
        sourceText = content.html;
        replaceAt(doc.notes, 0, 0, content.notes);
    } else if (!isPlan && (extension === '.html' || extension === '.htm')) {
        doc = readHtmlDocument(decoded!, { fileName: path.basename(file) });
    } else if (!isPlan) {
        doc = readMarkdownDocument(text!, path.basename(file));
    }

    const context: ImportContext = { ids: [], provisions: [] };
    const services = createGdlServices(GdlNodeFileSystem).Gdl;
    // The force whose folder the import goes into, and the plans it already has.
    let folderForce: string | undefined;
    const plansOfForce: string[] = [];
    const importedBefore: string[] = [];
    let outsideForces = false;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (root && (await findSources(root)).length > 0) {
        const workspace = await loadWorkspace(root, undefined, services);
        Object.assign(context, importContext(workspace.services, workspace.documents));
        const forces = workspace.services.gdl.WorkspaceFacts.workspaceCoverage().forces;
        const force = forces.declared ? forces.of(URI.file(path.join(into, 'imported.gdl')).toString()) : undefined;
        folderForce = force?.title;
        for (const document of workspace.documents) {
            if (force && forces.of(document.uri.toString()) === force && declares(document, ast.isActionPlan)) {
                plansOfForce.push(displayPath(document.uri, process.cwd()));
            }
            // The header every import writes names the file's SHA-256: the same file imported before.
            if (document.textDocument.getText().includes(provenanceMark(sha256))) {
                importedBefore.push(displayPath(document.uri, process.cwd()));
            }
        }
        outsideForces = forces.declared && !force;
    }
    // Files already in the folder (a report kept after its .gdl was deleted) are names to avoid too.
    const present = await fs.readdir(into).catch(() => [] as string[]);
    context.ids = [...context.ids, ...present.map(name => name.replace(/(\.import-report\.md|\.gdl)$/, ''))];
    const today = options.today ?? todaysDate();
    const provenance = { fileName: path.basename(file), kind, sha256, date: today };
    let written: WrittenImport;
    let made: string;
    let what: 'guidance' | 'plan';
    if (!doc) {
        const plan = readPlanPage(planText(), path.basename(file), context.framework);
        const forceName = folderForce ?? plan.force ?? 'the force';
        if (folderForce && plan.force && plan.force !== folderForce) {
            plan.notes.push({
                kind: 'changed',
                what: 'force',
                where: 'the page',
                detail: `The page names ${plan.force}; the plan is for ${folderForce}, the force of the folder it was imported into.`
            });
        }
        const id = new IdAllocator(context.ids).take(`${slugFromTitle(forceName, 4)}-published-plan`);
        const title = `${forceName} stalking action plan (imported)`;
        written = {
            id,
            text: writePlan(plan, { id, title, forceName, frameworkId: context.framework?.id, sourceLine: provenanceLine(provenance) }),
            notes: plan.notes
        };
        made = `plan ${id} with ${count(plan.items.length, 'item')}`;
        what = 'plan';
    } else {
        written = writeGuidance(doc, context, provenance);
        made = `guidance ${written.id} with ${count(countSections(doc.sections), 'section')}`;
        what = 'guidance';
    }
    const unwritable = unwritableCharacters(sourceText);
    if (unwritable.control + unwritable.replacement > 0) {
        written.notes.push({
            kind: 'changed',
            what: 'characters',
            where: 'the whole document',
            detail: [
                unwritable.replacement > 0
                    ? `${count(unwritable.replacement, 'replacement character')} (U+FFFD: text already damaged in the file) written as ?`
                    : '',
                unwritable.control > 0 ? `${count(unwritable.control, 'control character')} written as its visible symbol (␀, ␇…)` : ''
            ]
                .filter(Boolean)
                .join('; ')
        });
    }
    // What is written must parse: a fault of the importer is reported, never written.
    const parsed = services.parser.LangiumParser.parse(written.text);
    const fault = services.parser.Lexer.tokenize(written.text).errors[0]?.message ?? parsed.parserErrors[0]?.message;
    if (fault) {
        throw new UsageError(
            `nothing written: the import of ${file} produced text that does not parse (${fault}). This is a fault in gdl import; please report it with the file.`
        );
    }
    const gdlFile = `${written.id}.gdl`;
    const reportFile = `${written.id}.import-report.md`;
    const shownInto = displayPath(URI.file(into), process.cwd()) || '.';
    const summary = { source: provenance.fileName, written: path.join(shownInto, gdlFile), made, date: today, notes: written.notes };
    const report = renderImportReport(summary);
    await writeNewFiles(into, [
        { path: gdlFile, text: written.text },
        { path: reportFile, text: report }
    ]);
    out(`Imported ${file} as ${made}: ${path.join(shownInto, gdlFile)} (a draft).`);
    if (!options.as && text !== undefined) {
        out(
            `Read as ${what === 'plan' ? 'a published action plan page' : 'guidance'}; if it is ${what === 'plan' ? 'guidance' : 'a plan page'}, delete what was written and import it again with --as ${what === 'plan' ? 'guidance' : 'plan'}.`
        );
    }
    out(`Import report: ${path.join(shownInto, reportFile)} (${noteCounts(written.notes)}).`);
    if (!root) {
        out(
            'No framework found at or above the folder: mentions of evidence requirements were not looked for. Pass --workspace to name the workspace.'
        );
    }
    if (importedBefore.length > 0) {
        out(
            `This file was imported before (${importedBefore.join(', ')}): the new import stands beside it, with ids of its own. Delete the copy you do not keep.`
        );
    }
    if (outsideForces) {
        out(
            `${shownInto} is in no force's folder: what was imported belongs to no force and counts for none. Move it into a force's folder.`
        );
    }
    if (what === 'plan' && plansOfForce.length > 0) {
        out(
            `${folderForce} already has a plan (${plansOfForce.join(', ')}). A force answers with one plan: move the imported items into it, or delete the one you do not keep.`
        );
    }
    if (what === 'plan' && !context.framework) {
        out('Without a framework, the recommendations on the page were not matched to the report.');
    }
    out('');
    out(renderImportReport(summary, true).trimEnd());
    return ExitCode.ok;
}

function countSections(sections: ImportedDocument['sections']): number {
    return sections.reduce((n, s) => n + 1 + countSections(s.sections), 0);
}

/** Text files as UTF-8 (a byte-order mark dropped); UTF-16 with its mark decoded; other bytes refused. */
function decode(bytes: Buffer, file: string): string {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) {
        return bytes.subarray(2).toString('utf16le');
    }
    try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    } catch {
        throw new ImportError(
            `${file} is not UTF-8 text: save it as UTF-8 (in Word, Save As "Plain Text" with Unicode (UTF-8); in a text editor, the UTF-8 encoding)`
        );
    }
}
