import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, test } from 'vitest';
import { computeCoverage, type AssuranceLevel } from '../../language/src/coverage/coverage-model.js';
import { planItemStatusText, planStatusText } from '../../language/src/coverage/coverage-words.js';
import { formatMarkdown } from '../../cli/report/format-markdown.js';
import { formatJson } from '../../cli/report/format-json.js';
import { loadWorkspace } from '../../cli/workspace-loader.js';
import { coverageReport, publish, repo, site } from '../support/in-process.js';
import { cleanBase, variant } from '../support/fixtures-base.js';
import { buildWorkspace } from '../support/workspace.js';

// `status unstated`: the force's publication gives no status for the recommendation. With an update it is
// the force's narrative, quoted; without one, nothing was published on the recommendation. It never covers.

const AS_OF = '2026-01-15';
const ITEM_12 = 'status complete progress 100% updated 2025-03-01 lead "L" update "Done."';
/** Item 12 (which alone answers 12.2 in the clean base) as a narrative with no status: its update, addresses, evidence and exhibit kept. */
const narrative = variant([['plan.gdl', 'status complete progress 100%', 'status unstated']]);
/** Item 12 with nothing published: no update, no status (still pointing at 12.2, to see what is said of it there). */
const nothing = variant([['plan.gdl', `${ITEM_12} addresses 12.2 evidence G, M exhibits X-AUDIT`, 'status unstated addresses 12.2']]);

const folders: string[] = [];
afterAll(() => folders.forEach(folder => rmSync(folder, { recursive: true, force: true })));

/** The files written to a folder and loaded as the CLI loads it. */
async function loaded(files: Record<string, string>) {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'gdl-unstated-'));
    folders.push(folder);
    for (const [name, text] of Object.entries(files)) {
        writeFileSync(path.join(folder, name), text);
    }
    return loadWorkspace(folder, AS_OF);
}

const requirement = async (files: Record<string, string>, id: string, level?: AssuranceLevel) => {
    const workspace = await buildWorkspace(files, AS_OF);
    return computeCoverage(workspace.documents.values(), { asOf: AS_OF, level }).requirements.find(r => r.id === id)!;
};

describe('the words for `unstated`', () => {
    test('"unstated (the force gave none)"; "no update published" when there is none; the other statuses as before', () => {
        expect(planStatusText('unstated')).toBe('unstated (the force gave none)');
        expect(planItemStatusText({ status: 'unstated', update: 'We have a working group.' })).toBe('unstated (the force gave none)');
        expect(planItemStatusText({ status: 'unstated' })).toBe('unstated (the force gave none), no update published');
        expect(planItemStatusText({ status: 'in-progress', progress: 40 })).toBe('in progress (40%)');
        expect(planItemStatusText({ status: 'not-started', progress: 0 })).toBe('not started');
        expect(planItemStatusText({})).toBe('without a status');
    });
});

describe('coverage: an unstated item never covers', () => {
    test.each(['addressed', 'evidenced'] as const)(
        'at the %s level, 12.2 (answered only by item 12) is covered when the item is complete and not when it is unstated',
        async level => {
            expect((await requirement(cleanBase, '12.2', level)).state).toBe('covered');
            for (const [files, words] of [
                [narrative, 'plan item is unstated (the force gave none)'],
                [nothing, 'plan item is unstated (the force gave none), no update published']
            ] as const) {
                const r = await requirement(files, '12.2', level);
                expect(r.state).toBe('uncovered');
                // It still addresses 12.2: listed, with why it does not count.
                expect(r.items.map(i => [i.counts, i.reason])).toEqual([[false, words]]);
            }
        }
    );
});

describe('reports and the published plan page', () => {
    test('the JSON report gives planStatus `unstated` and validates against schema 1.2; the Markdown report says "unstated (the force gave none)"', async () => {
        const report = coverageReport(await loaded(narrative));
        const twelve = report.recommendations.find(r => r.id === '12')!;
        expect([twelve.planStatus, twelve.planProgress, twelve.overdue]).toEqual(['unstated', null, true]);
        const ajv = new Ajv2020({ allErrors: true, strict: false });
        addFormats.default(ajv);
        const validate = ajv.compile(JSON.parse(readFileSync(path.join(repo, 'schemas/coverage-report-1.2.schema.json'), 'utf8')));
        expect(validate(JSON.parse(formatJson(report))), JSON.stringify(validate.errors)).toBe(true);
        expect(formatMarkdown(report)).toMatch(
            /^\| F 12 +\| 2025-03-27 +\| 2\/3 +\| 66.7% +\| yes +\| unstated \(the force gave none\) +\| L +\|$/m
        );
    });

    test('the plan page: "unstated (the force gave none)" above the quoted update; "unstated (the force gave none), no update published" and no update without one', async () => {
        const page = async (files: Record<string, string>) => {
            const written = (await publish(site(await loaded(files)))).get('plans/P.md');
            return String(written);
        };
        const withUpdate = await page(narrative);
        expect(withUpdate).toContain('**Status:** unstated (the force gave none)\n');
        // The force's words, under a heading that says they are its published text, not an update it gave.
        expect(withUpdate).toContain("### From the force's published text\n\nDone.");
        expect(withUpdate).not.toContain('### Update');
        // The page says it is a transcription, and that the mapping of passages to recommendations is not the force's.
        expect(withUpdate).toMatch(/\*\*A transcription\.\*\* This plan is .*published text, quoted word for word/);
        expect(withUpdate).toContain('chosen when it was transcribed, not by the force');
        const without = await page(nothing);
        expect(without).toContain('**Status:** unstated (the force gave none), no update published\n');
        expect(without).not.toContain('### Update');
        // A plan with no unstated item is the force's own: no transcription note.
        expect(await page(cleanBase)).not.toContain('A transcription.');
    });

    test("the bundled real forces' plan pages link the page they were transcribed from; the example's plan page lists its waiver", async () => {
        const all = await publish(site(await loadWorkspace(path.join(repo, 'guidance'), { asOf: AS_OF, force: 'thames-valley-police' })));
        const thames = [...all.entries()].find(([file]) => file.startsWith('plans/') && file.endsWith('.md'))![1].toString();
        expect(thames).toContain(
            '- **Published at:** <https://www.thamesvalley.police.uk/foi-ai/thames-valley-police/other-information/response-to-stalking-super-complaint/>'
        );
        expect(thames).toContain('**A transcription.**');
        const example = (
            await publish(site(await loadWorkspace(path.join(repo, 'guidance'), { asOf: AS_OF, force: 'example-constabulary' })))
        )
            .get('plans/ec-plan-2024.md')!
            .toString();
        expect(example).toContain('## Waivers');
        expect(example).toMatch(
            /- \*\*20\.3: waived until 2027-03-31\*\* \(approved by Assistant Chief Constable, Crime and Public Protection on 2025-03-26\)\. Evidence requirement 20\.3 asks/
        );
        expect(example).not.toContain('**A transcription.**');
    });
});
