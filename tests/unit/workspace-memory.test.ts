import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createLangiumParser, CstUtils, isLeafCstNode, type CstNode } from 'langium';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateScaleCorpus } from '../../bench/generate-workspace.js';
import { loadWorkspace, type LoadedWorkspace } from '../../cli/workspace-loader.js';
import { writeAtomically } from '../../cli/report/write-output.js';
import { createGdlServices } from '../../language/src/gdl-module.js';
import { GdlNodeFileSystem } from '../../language/src/source-file-system.js';
import { findSources } from '../../language/src/source-files.js';

// What a checked workspace holds per requirement decides the memory of a national check (issue 17: at 10,000
// requirements, `check --report html` needed 690 MB). These tests fail if the shapes or sizes that brought it
// under 400 MB come undone.

setFlagsFromString('--expose-gc');
setFlagsFromString('--allow-natives-syntax');
const collectGarbage = runInNewContext('gc') as () => void;
// V8's own answer: does the object have a shape shared with its kind (fast), or is it a dictionary of its own?
const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;

function heapAfterGc(): number {
    collectGarbage();
    collectGarbage();
    return process.memoryUsage().heapUsed;
}

let folder: string;
beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'gdl-memory-'));
    generateScaleCorpus(folder, 2000, 1);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('a checked workspace of 2,000 requirements and 2,000 covering sections', () => {
    test('holds under 36 MB (it held 44 MB when every position, description and coverage row was an object of its own)', async () => {
        const services = createGdlServices(GdlNodeFileSystem).Gdl;
        const before = heapAfterGc();
        const workspace = await loadWorkspace(folder, '2026-01-15', services);
        const model = workspace.services.gdl.WorkspaceFacts.workspaceCoverage().models[0]!;
        const held = heapAfterGc() - before;
        expect(model.total).toBe(2000);
        expect(model.covered).toBe(1900);
        expect(held).toBeLessThan(36 * 1024 * 1024);
    });

    describe('its many objects share shapes (V8 keeps an object given getters of its own as a dictionary, four times the size)', () => {
        let workspace: LoadedWorkspace;
        beforeAll(async () => {
            workspace = await loadWorkspace(folder, '2026-01-15');
        });

        test("the coverage model's requirements and covering items, after their dates and positions were read", () => {
            const model = workspace.services.gdl.WorkspaceFacts.workspaceCoverage().models[0]!;
            const items = model.requirements.flatMap(r => r.items);
            expect(items.length).toBe(1900);
            // Reading the lazily worked-out fields must not change the shape either.
            expect(model.requirements.map(r => r.timeliness).filter(t => t === undefined)).toEqual([]);
            expect(items.every(i => i.line > 0)).toBe(true);
            expect(model.requirements.filter(r => !hasFastProperties(r))).toHaveLength(0);
            expect(items.filter(i => !hasFastProperties(i))).toHaveLength(0);
        });

        test("the index's descriptions of definitions, with their name and selection segments as Langium gives them", () => {
            const descriptions = workspace.services.shared.workspace.IndexManager.allElements().toArray();
            expect(descriptions.length).toBeGreaterThan(4000);
            expect(descriptions.filter(d => !hasFastProperties(d))).toHaveLength(0);
            const section = descriptions.find(d => d.type === 'Section')!;
            const node = section.node!;
            expect(section.selectionSegment).toEqual(CstUtils.toDocumentSegment(node.$cstNode));
            const nameNode = workspace.services.references.NameProvider.getNameNode(node);
            expect(section.nameSegment).toEqual(CstUtils.toDocumentSegment(nameNode));
            expect(section.nameSegment!.range.start.line).toBeGreaterThan(0);
        });
    });
});

describe('the syntax tree with its positions made when asked', () => {
    test("gives every token the range Langium's own parser gives it, in every file of the bundled guidance", async () => {
        const services = createGdlServices(GdlNodeFileSystem).Gdl;
        const stock = createLangiumParser(services);
        const ours = services.parser.LangiumParser;
        const files = await findSources(path.resolve('guidance'));
        expect(files.length).toBeGreaterThan(10);
        let leaves = 0;
        for (const file of files) {
            const text = readFileSync(file, 'utf8');
            const leafRanges = (root: CstNode) =>
                CstUtils.streamCst(root)
                    .filter(isLeafCstNode)
                    .map(leaf => ({ offset: leaf.offset, length: leaf.length, hidden: leaf.hidden, range: leaf.range }))
                    .toArray();
            const expected = leafRanges(stock.parse(text).value.$cstNode!);
            const actual = leafRanges(ours.parse(text).value.$cstNode!);
            expect(actual, file).toEqual(expected);
            leaves += actual.length;
        }
        expect(leaves).toBeGreaterThan(5000);
    });
});

describe('a report written in pieces', () => {
    test('replaces the file only when every piece was written: a failure part-way leaves the old report and no temporary file', async () => {
        const dir = mkdtempSync(path.join(tmpdir(), 'gdl-pieces-'));
        try {
            const file = path.join(dir, 'coverage.html');
            writeFileSync(file, 'the previous report');
            function* failing(): Generator<string> {
                for (let i = 0; i < 5000; i++) {
                    yield `<tr><td>row ${i}</td></tr>`;
                }
                throw new Error('the report could not be made');
            }
            await expect(writeAtomically(file, failing())).rejects.toThrow(/cannot write .*the report could not be made/);
            expect(readFileSync(file, 'utf8')).toBe('the previous report');
            expect(readdirSync(dir)).toEqual(['coverage.html']);
            const rows = Array.from({ length: 5000 }, (_, i) => `<tr><td>row ${i}</td></tr>`);
            await writeAtomically(file, rows);
            expect(readFileSync(file, 'utf8')).toBe(rows.join(''));
            expect(existsSync(`${file}.tmp`)).toBe(false);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
