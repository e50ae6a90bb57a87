import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AstUtils, EmptyFileSystem, ValueConverter, type AstNode } from 'langium';
import { describe, expect, test } from 'vitest';
import { createGdlServices } from '../../language/src/gdl-module.js';
import { convertQuoted as convertString } from '../../language/src/gdl-value-converter.js';
import { MaterialAddressing } from '../../language/src/coverage/coverage-model.js';
import { buildWorkspace } from '../support/workspace.js';
import { later, withProse } from '../../language/src/publish/mdast-helpers.js';
import { matchQuoted } from '../../language/src/gdl-lexer.js';
import * as ast from '../../language/src/generated/ast.js';

// What one large file costs must grow with its size only: what is held per text, and what is done per node.

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** The heap in use after a full collection. */
function heapAfterGc(): number {
    collectGarbage();
    collectGarbage();
    return process.memoryUsage().heapUsed;
}

describe('the text of quoted strings', () => {
    test('has the value Langium gives it, escapes included', () => {
        const written = [
            '""',
            '"a"',
            '"plain words, and more than a few of them"',
            '"Say \\"stalking\\""',
            '"a \\\\ backslash"',
            '"\\n\\t\\r\\b\\f\\v\\0 controls"',
            '"\\u0041 is not an escape here, \\q neither"',
            '"ends with an escaped quote\\""',
            '"\\\\"',
            '"é — “curly” 💬"'
        ];
        for (const input of written) {
            expect(convertString(input), input).toBe(ValueConverter.convertString(input));
        }
    });

    test('is held as the text itself, not one object per character: 2,000 texts of 500 characters hold under 8 MB', () => {
        // Langium builds a string's value one character at a time, which V8 keeps as a chain of 32-byte pieces:
        // these 1 MB of texts held about 34 MB once parsed, half the heap of a parsed file.
        const words = 'stalking harassment victim suspect risk pattern behaviour contact report officer'.split(' ');
        const text = (i: number) =>
            Array.from({ length: 70 }, (_, w) => words[(i + w * 7) % words.length])
                .join(' ')
                .slice(0, 500);
        const source = Array.from({ length: 2000 }, (_, i) => `audience a${i} "${text(i)}"`).join('\n');
        const parser = createGdlServices(EmptyFileSystem).Gdl.parser.LangiumParser;
        parser.parse('audience warm "up"');
        const before = heapAfterGc();
        const parsed = parser.parse<ast.GdlFile>(source);
        const held = heapAfterGc() - before;
        expect(parsed.parserErrors).toEqual([]);
        expect(parsed.value.elements.filter(ast.isAudience).map(a => a.title)).toEqual(Array.from({ length: 2000 }, (_, i) => text(i)));
        // The syntax tree itself (nodes, tokens, the source) is about 4 MB.
        expect(held).toBeLessThan(8 * 1024 * 1024);
    });
});

describe('the material that plan items cite', () => {
    // The search the coverage model did for every requirement of every plan item: a walk of the whole cited thing.
    const walkedEachTime = (target: ast.Evidenceable, evidence: ast.Evidence): Array<ast.Section | ast.TrainingModule> => {
        const addresses = (n: ast.Section | ast.LearningOutcome) => n.addresses.some(r => r.ref === evidence);
        const sections = (root: AstNode) => AstUtils.streamAllContents(root).filter(ast.isSection).filter(addresses).toArray();
        const modules = (list: ReadonlyArray<ast.TrainingModule | undefined>) =>
            list.filter((m): m is ast.TrainingModule => m !== undefined && m.outcomes.some(addresses));
        if (ast.isSection(target)) {
            return [...(addresses(target) ? [target] : []), ...sections(target)];
        }
        if (ast.isGuidance(target)) {
            return sections(target);
        }
        if (ast.isLearningOutcome(target)) {
            return addresses(target) ? [target.$container] : [];
        }
        return ast.isTrainingModule(target) ? modules([target]) : modules(target.modules.map(m => m.ref));
    };

    test('each cited thing is walked once, with the same sections and modules, in the same order, for every requirement', async () => {
        const ids = Array.from({ length: 30 }, (_, i) => `${Math.floor(i / 5) + 1}.${(i % 5) + 1}`);
        const recommendations = Array.from(
            { length: 6 },
            (_, r) =>
                `    recommendation ${r + 1} { to chief-constables text "R" ${ids
                    .filter(id => id.startsWith(`${r + 1}.`))
                    .map(id => `evidence ${id} { text "E" }`)
                    .join(' ')} }`
        );
        // Nested sections, a section addressing one requirement twice, modules, and a course listing a module twice.
        const section = (i: number, inner = ''): string =>
            `section s${i} "S" { addresses ${ids[i % 30]}, ${ids[(i * 7) % 30]}, ${ids[i % 30]} """T""" ${inner} }`;
        const files = {
            'framework.gdl': `framework F "F" {\n${recommendations.join('\n')}\n}`,
            'guidance.gdl': `guidance g "G" { owner "O" status approved approved 2025-01-01 review-by 2027-01-01 audience all\n${Array.from(
                { length: 40 },
                (_, i) => section(i, i % 4 === 0 ? section(100 + i, section(200 + i)) : '')
            ).join('\n')}\n}\naudience all "All"`,
            'training.gdl': ['m1', 'm2', 'm3']
                .map(
                    (m, k) =>
                        `module ${m} "M" { ${[0, 1, 2].map(o => `outcome ${m}-o${o} "O." { addresses ${ids[(k * 11 + o * 5) % 30]}, ${ids[(k * 3 + o) % 30]} }`).join(' ')} }`
                )
                .join('\n')
                .concat('\ncourse c "C" { modules m2, m1, m2 }')
        };
        const workspace = await buildWorkspace(files);
        const nodes = [...workspace.documents.values()].flatMap(d => AstUtils.streamAst(d.parseResult.value).toArray());
        const evidence = nodes.filter(ast.isEvidence);
        const targets = nodes.filter(
            (n): n is ast.Evidenceable =>
                ast.isGuidance(n) || ast.isSection(n) || ast.isTrainingModule(n) || ast.isLearningOutcome(n) || ast.isCoursePack(n)
        );
        expect(evidence).toHaveLength(30);
        expect(targets.length).toBeGreaterThan(60);
        const addressing = new MaterialAddressing();
        let found = 0;
        for (const target of targets) {
            for (const e of evidence) {
                const expected = walkedEachTime(target, e);
                expect(addressing.of(target, e)).toEqual(expected);
                found += expected.length;
            }
        }
        expect(found).toBeGreaterThan(100);
        // Once per cited thing, not once per requirement asked about (30 each).
        expect(addressing.walks).toBe(targets.length);
    });
});

describe('many lines or items in one place', () => {
    // Each of these threw "Maximum call stack size exceeded" (gdl: internal error, exit 3): the items were spread into
    // one call's arguments (Math.min(...indents), content.unshift(...comments), nodes.splice(i, 1, ...paragraphs)).
    const guidance = (body: string, before = '') =>
        `${before}audience responders "Responders"\nguidance big "Big" {\n    owner "Lead"\n    status approved\n    approved 2025-02-01\n    review-by 2027-02-01\n` +
        `    audience responders\n    section big-one "One" {\n${body}\n    }\n}\n`;

    test('a prose block of 200,000 lines is read, its indentation stripped', async () => {
        const lines = Array.from({ length: 200_000 }, (_, i) => `        - item ${i}`);
        const workspace = await buildWorkspace({ 'big.gdl': guidance(`        """\n${lines.join('\n')}\n        """`) });
        expect(workspace.diagnostics('big.gdl').map(d => d.code)).toEqual([]);
        const document = workspace.documents.get('big.gdl')!;
        const root = document.parseResult.value as ast.GdlFile;
        const text = root.elements.find(ast.isGuidance)!.sections[0]!.prose[0]!;
        expect(text.split('\n')).toHaveLength(200_000);
        expect(text.startsWith('- item 0\n- item 1\n')).toBe(true);
    });

    test('a run of 200,000 comment lines is read', async () => {
        const comments = Array.from({ length: 200_000 }, (_, i) => `// note ${i}`).join('\n');
        const workspace = await buildWorkspace({ 'big.gdl': guidance('        """\n        Text.\n        """', `${comments}\n`) });
        expect(workspace.diagnostics('big.gdl').map(d => d.code)).toEqual([]);
    });

    test('a prose of 150,000 paragraphs is put in its page', () => {
        const markdown = Array.from({ length: 150_000 }, (_, i) => `Paragraph ${i}.`).join('\n\n');
        const page = withProse({ type: 'root', children: [{ type: 'heading', depth: 1, children: [] }, ...later(markdown, 1)] });
        expect(page.children).toHaveLength(150_001);
        expect(page.children[150_000]).toMatchObject({ type: 'paragraph', children: [{ type: 'text', value: 'Paragraph 149999.' }] });
    });
});

describe('quoted strings of any length', () => {
    const grammarsPattern = /"(\\.|[^"\\\r\n])*"/y;

    test("the scan matches what the grammar's expression matches, on random texts of quotes, backslashes and line breaks", () => {
        const pieces = ['"', '\\', 'a', ' ', '\n', '\r', '\u2028', '\u2029', 'é', '\\"', '\\\\', '""'];
        let state = 7;
        const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
        for (let n = 0; n < 20_000; n++) {
            const text = Array.from({ length: 1 + Math.floor(next() * 10) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
            for (let offset = 0; offset < text.length; offset++) {
                grammarsPattern.lastIndex = offset;
                expect(matchQuoted(text, offset)?.[0], JSON.stringify([text, offset])).toBe(grammarsPattern.exec(text)?.[0]);
            }
        }
    });

    test('a string of 5 MB, one of a million escapes and one of 300,000 never closed are read, not crashed on or searched again for each quote', async () => {
        // Each took V8's regular-expression stack past its end: "internal error: Maximum call stack size exceeded".
        const owner = (value: string) =>
            `audience responders "Responders"\nguidance big "Big" {\n    owner "${value}"\n    status draft\n}\n`;
        const long = await buildWorkspace({ 'big.gdl': owner('x'.repeat(5_000_000)) });
        expect(long.codes('big.gdl')).toEqual([]);
        const escapes = await buildWorkspace({ 'big.gdl': owner('\\"'.repeat(1_000_000)) });
        expect(escapes.codes('big.gdl')).toEqual([]);
        const root = escapes.documents.get('big.gdl')!.parseResult.value as ast.GdlFile;
        expect(root.elements.find(ast.isGuidance)!.owner).toBe('"'.repeat(1_000_000));
        const open = await buildWorkspace({ 'big.gdl': `guidance big "Big" {\n    owner "${'\\"'.repeat(300_000)}\n}\n` });
        expect(open.codes('big.gdl')).toContain('GDL0001');
    });
});
