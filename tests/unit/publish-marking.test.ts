import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_CLASSIFICATION, loadTemplates } from '../../cli/build/load-templates.js';
import { UsageError } from '../../cli/errors.js';
import { buildSite } from '../../language/src/publish/build-site.js';
import { load, repo, site } from '../support/in-process.js';

// Document control on every page: the protective marking of out-templates/site.json ("classification")
// at the top and bottom of every Markdown and HTML page, and in every Word file's header and footer
// with real page-number fields.

const SMALL = 'tests/fixtures/publish/small/input';

/** A copy of the bundled templates with site.json changed by `edit`. */
function templatesWith(edit: (config: Record<string, unknown>) => void): string {
    const folder = mkdtempSync(path.join(tmpdir(), 'gdl-templates-'));
    cpSync(path.join(repo, 'out-templates'), folder, { recursive: true });
    const config = JSON.parse(readFileSync(path.join(folder, 'site.json'), 'utf8'));
    edit(config);
    writeFileSync(path.join(folder, 'site.json'), JSON.stringify(config));
    return folder;
}

/** The XML of the Word part that the document's section names as its default header or footer. */
async function sectionPart(docx: Buffer, kind: 'header' | 'footer'): Promise<string> {
    const zip = await JSZip.loadAsync(docx);
    const document = await zip.file('word/document.xml')!.async('string');
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    const id = new RegExp(`<w:${kind}Reference w:type="default" r:id="([^"]+)"`).exec(document)?.[1];
    expect(id, `the section has a default ${kind}`).toBeDefined();
    const target =
        new RegExp(`<Relationship[^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
        new RegExp(`<Relationship[^>]*Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
    expect(target, `the ${kind} relationship`).toBeDefined();
    return zip.file(`word/${target}`)!.async('string');
}

const texts = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map(m => m[1]);
const fields = (xml: string) => [...xml.matchAll(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map(m => m[1]!.trim());

describe('the protective marking', () => {
    const MARKING = 'OFFICIAL-SENSITIVE';
    let files: Map<string, Buffer | string>;
    beforeAll(async () => {
        const templates = templatesWith(config => (config.classification = MARKING));
        files = await buildSite(site(await load(SMALL)), loadTemplates(templates), '2025-01-01', () => undefined);
    });

    test('every Markdown page has it as its first and last line', () => {
        const pages = [...files.keys()].filter(f => f.endsWith('.md'));
        expect(pages.length).toBeGreaterThanOrEqual(6);
        for (const file of pages) {
            const lines = files.get(file)!.toString().trimEnd().split('\n');
            expect([lines[0], lines.at(-1)], file).toEqual([`**${MARKING}**`, `**${MARKING}**`]);
        }
    });

    test('every HTML page has it as a banner at the top and the bottom of the body', () => {
        const pages = [...files.keys()].filter(f => f.endsWith('.html'));
        expect(pages.length).toBeGreaterThanOrEqual(6);
        for (const file of pages) {
            const html = files.get(file)!.toString();
            const body = html.slice(html.indexOf('<body'), html.indexOf('</body>') + 7);
            expect(body, file).toMatch(new RegExp(`^<body[^>]*><div class="gdl-classification gdl-classification--top">${MARKING}</div>`));
            expect(body, file).toMatch(new RegExp(`<div class="gdl-classification gdl-classification--bottom">${MARKING}</div></body>$`));
        }
    });

    test('every Word file has it in the header with the title, and in the footer with "Page X of Y" as PAGE and NUMPAGES fields', async () => {
        const word = [...files.keys()].filter(f => f.endsWith('.docx'));
        expect(word).toEqual(['courses/CP-learner.docx', 'courses/CP-trainer.docx']);
        for (const file of word) {
            const header = await sectionPart(files.get(file) as Buffer, 'header');
            expect(texts(header), file).toEqual([MARKING, `Course: ${file.includes('trainer') ? 'trainer' : 'learner'} edition`]);
            const footer = await sectionPart(files.get(file) as Buffer, 'footer');
            expect(texts(footer), file).toEqual(['Page ', ' of ', MARKING]);
            expect(fields(footer), file).toEqual(['PAGE', 'NUMPAGES']);
            // Each field is a whole field: begin, instruction, separate, end.
            expect(footer.match(/w:fldCharType="(begin|separate|end)"/g), file).toHaveLength(6);
        }
    });
});

describe('the marking in site.json', () => {
    test(`without "classification", pages are marked ${DEFAULT_CLASSIFICATION}`, () => {
        const templates = templatesWith(config => delete config.classification);
        expect(loadTemplates(templates).classification).toBe(DEFAULT_CLASSIFICATION);
        expect(DEFAULT_CLASSIFICATION).toBe('OFFICIAL');
    });

    test('a marking that is not one line of text is a usage error naming the file and key', () => {
        for (const bad of ['', 'OFFICIAL\nSECRET', 42]) {
            const templates = templatesWith(config => (config.classification = bad));
            expect(() => loadTemplates(templates)).toThrow(UsageError);
            expect(() => loadTemplates(templates)).toThrow(/site\.json: "classification" must be one line of text/);
        }
    });

    test('an edition with the evaluation part needs the evaluation questions', () => {
        const templates = templatesWith(config => delete config.evaluation);
        expect(() => loadTemplates(templates)).toThrow(/an edition has the "evaluation" part, so "evaluation" must give its questions/);
        const empty = templatesWith(config => (config.evaluation = { scale: [], questions: ['Q'] }));
        expect(() => loadTemplates(empty)).toThrow(/"evaluation.scale" must be a list of text, not empty/);
    });
});
