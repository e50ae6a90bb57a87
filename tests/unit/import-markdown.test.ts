import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Root } from 'mdast';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { describe, expect, test } from 'vitest';
import * as ast from '../../language/src/generated/ast.js';
import { readHtmlDocument, readMarkdownDocument } from '../../language/src/onboarding/document-reader.js';
import { writeGuidance, type ImportContext } from '../../language/src/onboarding/guidance-writer.js';
import { importContext } from '../../language/src/onboarding/import-context.js';
import { provenanceMark, slugFromTitle } from '../../language/src/onboarding/gdl-text.js';
import { ImportError } from '../../language/src/onboarding/import-report.js';
import { prose } from '../../language/src/publish/mdast-helpers.js';
import { loadExample, publish, repo, site } from '../support/in-process.js';
import { buildWorkspace } from '../support/workspace.js';

// `gdl import` of Markdown, in-process: headings become nested draft sections, the prose stays
// Markdown, our own published pages come back as the sections they were published from, and the
// requirements a text names become suggestions, never edits.

const PROVENANCE = { fileName: 'doc.md', kind: 'Markdown file', sha256: 'a'.repeat(64), date: '2026-11-26' };
const framework = readFileSync(path.join(repo, 'guidance/framework/super-complaint-2024.gdl'), 'utf8');
const legislation = readFileSync(path.join(repo, 'guidance/common/legislation.gdl'), 'utf8');
const audiences = readFileSync(path.join(repo, 'guidance/common/audiences.gdl'), 'utf8');

async function frameworkOnly() {
    const workspace = await buildWorkspace({ 'framework.gdl': framework, 'legislation.gdl': legislation, 'audiences.gdl': audiences });
    return { workspace, context: importContext(workspace.services, [...workspace.documents.values()]) };
}

/** Imports `markdown` against `context` and builds the written file with the framework: its guidance, and the problems it has. */
async function importAndParse(markdown: string, context: ImportContext) {
    const written = writeGuidance(readMarkdownDocument(markdown, 'doc.md'), context, PROVENANCE);
    const built = await buildWorkspace({
        'framework.gdl': framework,
        'legislation.gdl': legislation,
        'audiences.gdl': audiences,
        'imported.gdl': written.text
    });
    const root = built.documents.get('imported.gdl')!.parseResult.value as ast.GdlFile;
    return { written, guidance: root.elements.find(ast.isGuidance)!, problems: built.diagnostics('imported.gdl') };
}

const html = unified().use(remarkRehype).use(rehypeStringify);
/** A section's prose as the publisher renders it. */
const render = (blocks: readonly string[]) =>
    html.stringify(html.runSync({ type: 'root', children: blocks.flatMap(b => prose(b, 2)) } as Root) as never);

function sectionsOf(sections: readonly ast.Section[]): ast.Section[] {
    return sections.flatMap(s => [s, ...sectionsOf(s.sections)]);
}

describe('gdl import of Markdown', () => {
    test('headings become nested draft sections with readable, unique ids; lists, tables, emphasis and links stay Markdown', async () => {
        const { context } = await frameworkOnly();
        const markdown = [
            '# Stalking: operational guidance',
            '',
            'Read this first. It applies to **everyone**.',
            '',
            '## 1. Introduction',
            '',
            'Stalking is a _pattern_ of behaviour. See [the APP](https://www.app.college.police.uk/).',
            '',
            '## Risk',
            '',
            '- Use the screening tool.',
            '- Record the DASH or S-DASH.',
            '',
            '#### Breaches of orders',
            '',
            '| Order | Offence |',
            '| ----- | ------- |',
            '| SPO   | s8 SPA 2019 |',
            '',
            '## Introduction',
            '',
            'A second heading with the same title.',
            ''
        ].join('\n');
        const { written, guidance, problems } = await importAndParse(markdown, context);
        expect(problems.filter(p => p.severity === 1)).toEqual([]);
        expect(guidance.name).toBe('stalking-operational-guidance');
        expect(guidance.status).toBe('draft');
        expect(guidance.title).toBe('Stalking: operational guidance');
        expect(guidance.summary).toBe('Read this first. It applies to **everyone**.');
        expect(guidance.sections.map(s => [s.name, s.title])).toEqual([
            ['sog-introduction', '1. Introduction'],
            ['sog-risk', 'Risk'],
            ['sog-introduction-2', 'Introduction']
        ]);
        expect(guidance.sections[1]!.sections.map(s => s.name)).toEqual(['sog-breaches-orders']);
        expect(guidance.sections[0]!.prose[0]).toBe(
            'Stalking is a _pattern_ of behaviour. See [the APP](https://www.app.college.police.uk/).'
        );
        expect(guidance.sections[1]!.prose[0]).toBe('- Use the screening tool.\n- Record the DASH or S-DASH.');
        expect(guidance.sections[1]!.sections[0]!.prose[0]).toMatch(/^\| Order +\| Offence +\|\n/);
        expect(written.notes.find(n => n.what === 'heading level skipped')?.detail).toContain(
            '"Breaches of orders" (level 4) follows "Risk" (level 2)'
        );
        // The same document against the same workspace gives the same file.
        expect(writeGuidance(readMarkdownDocument(markdown, 'doc.md'), context, PROVENANCE).text).toBe(written.text);
    });

    test("a document's protective marking, at its top and foot, is not taken for its title or text, and the report says so", () => {
        const doc = readMarkdownDocument(
            '**OFFICIAL-SENSITIVE**\n\n# Stalking: local procedure\n\n## Introduction\n\nText.\n\nOFFICIAL-SENSITIVE\n',
            'p.md'
        );
        expect(doc.title).toBe('Stalking: local procedure');
        expect(doc.sections.map(s => s.title)).toEqual(['Introduction']);
        expect(doc.sections[0]!.markdown).not.toContain('OFFICIAL');
        expect(doc.notes).toContainEqual(expect.objectContaining({ kind: 'left-out', what: 'protective marking' }));
        // A section titled as a keyword of the language gets an id that is not one ("introduction" is a step of a module).
        expect(slugFromTitle('Introduction', 4, 'slp')).toBe('slp-introduction');
        expect(slugFromTitle('Introduction')).toBe('introduction-x');
    });

    test('ids already used in the workspace are not reused', async () => {
        const { context } = await frameworkOnly();
        const taken = { ...context, ids: [...context.ids, 'stalking-guidance', 'sg-risk'] };
        const { guidance } = await importAndParse('# Stalking guidance\n\n## Risk\n\nText.\n', taken);
        expect(guidance.name).toBe('stalking-guidance-2');
        expect(guidance.sections[0]!.name).toBe('sg-risk-2');
    });

    test('requirements and recommendations the text names are suggested, with their text, and not added', async () => {
        const { context } = await frameworkOnly();
        const { written, guidance } = await importAndParse(
            '# Risk guidance\n\n## Breaches\n\nThis answers 12.3 and recommendation 13. Version 2.1 of 27.03.2025 is not a requirement.\n',
            context
        );
        expect(guidance.sections[0]!.addresses).toEqual([]);
        const suggestions = written.notes.filter(n => n.kind === 'suggestion' && n.what.startsWith('mention'));
        expect(suggestions.map(s => s.what)).toEqual(['mention of 12.3', 'mention of recommendation 13']);
        expect(suggestions[0]!.detail).toContain('add `addresses 12.3`');
        expect(suggestions[0]!.detail).toContain('Recognising (in policies, guidance and training) the heightened risk');
        expect(suggestions[1]!.detail).toContain('add `addresses 13.1, 13.2`');
    });

    test('text that would end a prose block, backslashes and braces are carried exactly', async () => {
        const { context } = await frameworkOnly();
        const { guidance, problems } = await importAndParse(
            '# Odd "quotes"\n\n## A \\ "section"\n\nHe said """stop""" and } then { and \\\\ a backslash.\n',
            context
        );
        expect(problems.filter(p => p.severity === 1)).toEqual([]);
        expect(guidance.title).toBe('Odd "quotes"');
        expect(guidance.sections[0]!.title).toBe('A \\ "section"');
        expect(render(guidance.sections[0]!.prose)).toContain('He said """stop""" and } then { and \\ a backslash.');
    });

    test('a link the publisher would not follow keeps its text only; front matter it does not read is listed', async () => {
        const { context } = await frameworkOnly();
        const markdown =
            '---\ntitle: Briefing\ntags: stalking, risk\n---\n\n## Risk\n\nSee [the form](javascript:alert(1)) and [the APP](https://www.app.college.police.uk/).\n';
        const { written, guidance } = await importAndParse(markdown, context);
        expect(guidance.title).toBe('Briefing');
        expect(guidance.sections[0]!.prose[0]).toBe('See the form and [the APP](https://www.app.college.police.uk/).');
        expect(written.notes.find(n => n.what === 'link')?.detail).toContain('"the form" pointed at javascript:alert(1)');
        expect(written.notes.find(n => n.what === 'front matter')?.detail).toBe(
            'tags: stalking, risk (only title, owner and version are read)'
        );
    });

    test('a file name cannot break out of the header comment: a name holding a line of GDL stays a comment', async () => {
        const { context } = await frameworkOnly();
        const fileName = 'notes\nplan evil "Evil" { status approved }\n// .md';
        const written = writeGuidance(readMarkdownDocument('# T\n\n## S\n\nText.\n', fileName), context, { ...PROVENANCE, fileName });
        const built = await buildWorkspace({ 'framework.gdl': framework, 'imported.gdl': written.text });
        const root = built.documents.get('imported.gdl')!.parseResult.value as ast.GdlFile;
        expect(root.elements.map(e => e.$type)).toEqual(['Guidance']);
        // However long the name, the header keeps the file's mark whole: a second import of it is recognised by it.
        const long = writeGuidance(readMarkdownDocument('# T\n\n## S\n\nText.\n', 'x.md'), context, {
            ...PROVENANCE,
            fileName: `${'a-very-long-folder-name/'.repeat(6)}Stalking guidance.md`
        });
        expect(long.text.split('\n').filter(l => l.startsWith('// ')).length).toBeGreaterThan(3);
        expect(long.text).toContain(provenanceMark(PROVENANCE.sha256));
        expect(written.text.split('\n')[0]).toMatch(
            /^\/\/ Imported by `gdl import` on 2026-11-26 from notes plan evil "Evil" \{ status approved \} \/\/ \.md/
        );
    });

    test("a heading's own anchor, as our pages and many hand-written ones write it, names the section and is not its title", async () => {
        const { context } = await frameworkOnly();
        const markdown = [
            '# Guidance',
            '',
            '## <a id="risk-breaches"></a>Breaches of orders',
            '',
            'Text.',
            '',
            '### <a name="hand-written">When to arrest</a>',
            '',
            'More.',
            '',
            '## <a id="a&quot;b"></a>Quoted',
            '',
            'Last.',
            '',
            '## <a id="risk-breaches"></a>Breaches again',
            '',
            'Again.',
            '',
            '## <A ID=\'single-quoted\' class="anchor"></A>Written by hand',
            '',
            'Last of all.',
            ''
        ].join('\n');
        const { guidance, written } = await importAndParse(markdown, context);
        const sections = sectionsOf(guidance.sections);
        expect(sections.map(s => s.title)).toEqual(['Breaches of orders', 'When to arrest', 'Quoted', 'Breaches again', 'Written by hand']);
        expect(sections[4]!.name).toBe('single-quoted');
        // An anchor that cannot be an id, or that an earlier heading has, gives an id made as any heading's is, and the report says so.
        expect(sections.map(s => s.name).slice(0, 2)).toEqual(['risk-breaches', 'hand-written']);
        expect(sections[2]!.name).toMatch(/^[a-z-]*quoted$/);
        expect(sections[3]!.name).toBe('risk-breaches-2');
        expect(written.notes.filter(n => n.what === 'section id').map(n => n.detail)).toEqual([
            `"Quoted" had the anchor "a"b", which cannot be a GDL id (a letter or _ first, then letters, digits, _ and -): it is ${sections[2]!.name}.`,
            '"Breaches again" had the id risk-breaches, which an earlier heading of this document has too: it is risk-breaches-2.'
        ]);
    });

    test('a document with no headings, or an empty one, is refused with a message saying what to do', () => {
        expect(() => readMarkdownDocument('Just a paragraph.\n\nAnd another.\n', 'notes.md')).toThrow(ImportError);
        expect(() => readMarkdownDocument('Just a paragraph.\n', 'notes.md')).toThrow(/notes\.md has no headings.*Heading 1, Heading 2/);
        expect(() => readMarkdownDocument('', 'empty.md')).toThrow(/has no headings/);
    });

    test("round trip: the example's published Markdown pages import as sections whose prose renders to the same HTML", async () => {
        const example = await loadExample('2026-01-15');
        const pages = await publish(site(example));
        const { context } = await frameworkOnly();
        const originals = example.documents
            .flatMap(d => (d.parseResult.value as ast.GdlFile).elements)
            .filter(ast.isGuidance)
            .filter(g => g.status === 'approved');
        expect(originals.length).toBeGreaterThanOrEqual(7);
        let compared = 0;
        for (const original of originals) {
            const page = pages.get(`guidance/${original.name}.md`);
            expect(page, original.name).toBeTypeOf('string');
            const { guidance, problems, written } = await importAndParse(page as string, context);
            expect(
                problems.filter(p => p.severity === 1),
                original.name
            ).toEqual([]);
            expect(guidance.title).toBe(original.title);
            expect(guidance.owner).toBe(original.owner);
            expect(guidance.version).toBe(original.version);
            expect(guidance.audiences.map(a => a.$refText)).toEqual(original.audiences.map(a => a.$refText));
            expect(render(guidance.summary ? [guidance.summary] : [])).toBe(render(original.summary ? [original.summary] : []));
            // The same sections in the same order and nesting, every one with its id (each heading's anchor carries it).
            const imported = sectionsOf(guidance.sections);
            const published = sectionsOf(original.sections);
            expect(imported.map(s => s.title)).toEqual(published.map(s => s.title));
            expect(imported.map(s => s.name)).toEqual(published.map(s => s.name));
            for (const [i, section] of published.entries()) {
                const copy = imported[i];
                expect(render(copy!.prose), `${original.name}: ${section.name}`).toBe(render(section.prose));
                // What the page states as properties comes back as properties.
                expect(copy!.sources).toEqual(section.sources);
                expect(copy!.addresses.map(a => a.$refText)).toEqual(section.addresses.map(a => a.$refText));
                expect(copy!.cites.map(c => c.$refText)).toEqual(section.cites.map(c => c.$refText));
                expect(copy!.audiences.map(a => a.$refText)).toEqual(section.audiences.map(a => a.$refText));
                compared++;
            }
            expect(written.notes.some(n => n.what === 'table of contents')).toBe(true);
        }
        expect(compared).toBeGreaterThan(40);
    });
});

describe('gdl import of a Word document (its HTML, as mammoth writes it)', () => {
    test('a cell of several paragraphs or a list, and a heading with a line break, stay on one line: the table keeps its rows', async () => {
        const { context } = await frameworkOnly();
        const html = [
            '<h1>Force guidance</h1><h2>Line one<br />Line two</h2>',
            '<table><tr><td><p>Step</p></td><td><p>Action</p></td></tr>',
            '<tr><td><p>1</p></td><td><p>Call the victim.</p><p>Record the <strong>call</strong>.</p></td></tr>',
            '<tr><td><p>2</p></td><td><ul><li>Check PNC</li><li>Check PND</li></ul></td></tr></table>'
        ].join('');
        const doc = readHtmlDocument(html, { fileName: 'w.docx' });
        const written = writeGuidance(doc, context, { ...PROVENANCE, fileName: 'w.docx', kind: 'Word document' });
        const built = await buildWorkspace({ 'framework.gdl': framework, 'imported.gdl': written.text });
        expect(built.diagnostics('imported.gdl').filter(d => d.severity === 1)).toEqual([]);
        const guidance = (built.documents.get('imported.gdl')!.parseResult.value as ast.GdlFile).elements.find(ast.isGuidance)!;
        expect(guidance.title).toBe('Force guidance');
        expect(guidance.sections[0]!.title).toBe('Line one Line two');
        const table = guidance.sections[0]!.prose[0]!;
        expect(table.split('\n')).toHaveLength(4); // header, delimiter, two rows
        expect(table).toMatch(/^\| 1 +\| Call the victim\. Record the \*\*call\*\*\. +\|$/m);
        expect(table).toMatch(/^\| 2 +\| • Check PNC • Check PND +\|$/m);
        expect(render(guidance.sections[0]!.prose).match(/<tr>/g)).toHaveLength(3);
        expect(doc.notes.find(n => n.what === 'table cells')?.detail).toMatch(/^2 cells held several paragraphs, a list or a heading/);
    });
});

describe('ids made from titles', () => {
    test('are readable: numbering of the title dropped, numbers and lettered labels in it kept, apostrophes gone', () => {
        expect(slugFromTitle('1.2 Risk assessment')).toBe('risk-assessment');
        expect(slugFromTitle('Section 1 about risk')).toBe('section-1-about-risk');
        expect(slugFromTitle('Section 2996 about risk')).toBe('section-2996-about-risk');
        expect(slugFromTitle('Appendix A')).toBe('appendix-a');
        expect(slugFromTitle('Appendix B')).toBe('appendix-b');
        expect(slugFromTitle('Q&A')).toBe('q-a');
        expect(slugFromTitle("St John's Police")).toBe('st-johns-police');
        expect(slugFromTitle('Stalking: the law in England and Wales')).toBe('stalking-law-england-wales');
        expect(slugFromTitle('Café déjà vu')).toBe('cafe-deja-vu');
        expect(slugFromTitle('section')).toBe('section-x');
        expect(slugFromTitle('!!!')).toBe('untitled');
    });
});
