import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import * as ast from '../../language/src/generated/ast.js';
import { ImportError } from '../../language/src/onboarding/import-report.js';
import { htmlPageText, markdownPageText } from '../../language/src/onboarding/html-page-text.js';
import { parseMarkdown } from '../../language/src/onboarding/document-reader.js';
import { loadExample, publish, site } from '../support/in-process.js';
import { frameworkFacts, type FrameworkFacts } from '../../language/src/onboarding/framework-facts.js';
import { looksLikePlanPage, readPlanPage, writePlan, type ImportedPlan } from '../../language/src/onboarding/plan-page-reader.js';
import { buildWorkspace } from '../support/workspace.js';

// Importing a force's published action plan page (text saved from its web site) as a GDL plan. The
// fixtures are three forces' pages (tests/fixtures/published-plans/SOURCES.md); each test re-reads the
// fixture with its own simple patterns and checks the import against what the page says.

const repo = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(repo, 'tests/fixtures/published-plans');
const FRAMEWORK_SOURCE = readFileSync(path.join(repo, 'guidance/framework/super-complaint-2024.gdl'), 'utf8');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

const PAGES = [
    { file: 'thames-valley.txt', force: 'Thames Valley Police' },
    { file: 'cambridgeshire.txt', force: 'Cambridgeshire Constabulary' },
    { file: 'devon-and-cornwall.txt', force: 'Devon and Cornwall Police' }
];

/** The web platform's banners, as a reader of the saved page would pick them out. */
const isFurniture = (line: string) =>
    /cookie|^Quickly exit this site|^This site is a beta|^Sorry, there was a technical problem/i.test(line);

/** Every value of a "Label: value" line of the page, with its line number. */
const labelled = (text: string, label: string) =>
    text.split('\n').flatMap((line, i) => {
        const match = new RegExp(`^${label}:\\s*(.*)$`).exec(line.trim());
        return match ? [{ value: match[1]!.trim(), line: i + 1 }] : [];
    });

/** Each "Force Update:" with the paragraphs under it, up to the next "Date:", "Status:" or owner line. */
const forceUpdates = (text: string) => {
    const lines = text.split('\n').map(l => l.trim());
    const updates: string[] = [];
    lines.forEach((line, i) => {
        const first = /^Force Update:\s*(.*)$/.exec(line);
        if (!first) {
            return;
        }
        const paragraphs = [first[1]!];
        for (let j = i + 1; j < lines.length && !/^(Date|Status|Recommendation Owner):/.test(lines[j]!); j++) {
            if (lines[j] !== '') {
                paragraphs.push(lines[j]!);
            }
        }
        updates.push(paragraphs.join('\n\n'));
    });
    return updates;
};

/** "11/11/2024" → "2024-11-11". */
const isoOf = (ukDate: string) => {
    const [day, month, year] = ukDate.split('/');
    return `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
};

const frameworkPromise = (async () => {
    const workspace = await buildWorkspace({ 'framework.gdl': FRAMEWORK_SOURCE });
    const root = workspace.documents.get('framework.gdl')!.parseResult.value as ast.GdlFile;
    return frameworkFacts(root.elements.find(ast.isFramework)!);
})();

/** Writes the plan, builds it with the framework, and returns the parsed plan and the problems found. */
async function roundTrip(plan: ImportedPlan, forceName: string) {
    const source = writePlan(plan, {
        id: 'imported-plan',
        title: `${forceName} stalking action plan`,
        forceName,
        frameworkId: 'SC2024',
        sourceLine: `Imported from ${forceName}'s published page`
    });
    const workspace = await buildWorkspace({ 'framework.gdl': FRAMEWORK_SOURCE, 'plan.gdl': source });
    const document = workspace.documents.get('plan.gdl')!;
    const parsed = (document.parseResult.value as ast.GdlFile).elements.find(ast.isActionPlan);
    return {
        source,
        parsed,
        lexerErrors: document.parseResult.lexerErrors.map(e => e.message),
        parserErrors: document.parseResult.parserErrors.map(e => e.message),
        linkErrors: document.references.filter(r => r.error).map(r => r.error!.message),
        errors: workspace
            .diagnostics('plan.gdl')
            .filter(d => d.severity === 1)
            .map(d => d.message)
    };
}

/** A structured page in the Cambridgeshire shape around the given update block lines. */
const pageWith = (...block: string[]) =>
    [
        'Quickly exit this site by pressing the Escape key Leave this site',
        'Executive Lead: Assistant Chief Constable A',
        'Operational Lead: Detective Superintendent B',
        'By 27 March 2025, where required, seek changes to their crime recording systems to enable staff and officers to document and search for crimes not recorded as the principal crime, as included classifications on crime records.',
        '7.1 - Evidence requirements of progress/completion: Processes should be put in place to make sure this system capability is effectively used by officers and staff.',
        'Recommendation Owner: Chief Constables',
        ...block
    ].join('\n');

describe('which files are published plan pages', () => {
    test.each(PAGES)('$file is one', ({ file }) => {
        expect(looksLikePlanPage(fixture(file))).toBe(true);
    });

    test('a guidance document in Markdown that talks about the super-complaint and the action plan is not', () => {
        const markdown = [
            '# Stalking: operational guidance',
            '',
            'This guidance answers the recommendations of the 2024 super-complaint report and is part of our action plan.',
            '',
            '## Recognising stalking',
            '',
            'Stalking is a pattern of fixated, obsessive, unwanted and repeated behaviour (Thames Valley Police use the same words).'
        ].join('\n');
        expect(looksLikePlanPage(markdown)).toBe(false);
    });

    test('ordinary text about something else is not', () => {
        expect(looksLikePlanPage('Minutes of the stalking working group, 3 March 2025.\nPresent: A, B and C.')).toBe(false);
    });
});

describe.each(PAGES)('importing $file', async ({ file, force }) => {
    const framework = await frameworkPromise;
    const text = fixture(file);
    const plan = readPlanPage(text, file, framework);
    const lines = text.split('\n').map(l => l.trim());

    test('the force is named as the page names it', () => {
        expect(plan.force).toBe(force);
    });

    test('every "Force Update:", with its further paragraphs, is an item\'s update word for word', () => {
        const expected = forceUpdates(text);
        expect(plan.items.filter(i => i.update !== undefined).map(i => i.update)).toEqual(expected);
    });

    test('every "Date:" is an item\'s date as written and its ISO `updated` date', () => {
        const dates = labelled(text, 'Date');
        expect(plan.items.filter(i => i.dateText !== undefined).map(i => [i.dateText, i.updated])).toEqual(
            dates.map(d => [d.value, isoOf(d.value)])
        );
    });

    test('every "Status:" is an item\'s status as written, its status and its progress', () => {
        const statuses = labelled(text, 'Status');
        expect(plan.items.filter(i => i.statusText !== undefined).map(i => [i.statusText, i.status, i.progress])).toEqual(
            statuses.map(s => [
                s.value,
                /^In Progress\b/i.test(s.value) ? 'in-progress' : 'unexpected',
                /(\d+)%/.exec(s.value)?.[1] ? Number(/(\d+)%/.exec(s.value)![1]) : undefined
            ])
        );
    });

    test('every "Recommendation Owner:" is kept as written', () => {
        expect(plan.items.filter(i => i.owner !== undefined).map(i => i.owner)).toEqual(
            labelled(text, 'Recommendation Owner').map(o => o.value)
        );
    });

    test('no banner or cookie line is in the narrative, and one note lists them all as left out', () => {
        const furniture = lines.filter(isFurniture);
        expect(furniture.length).toBeGreaterThan(0);
        expect(plan.narrative.filter(isFurniture)).toEqual([]);
        const leftOut = plan.notes.filter(n => n.kind === 'left-out');
        expect(leftOut).toHaveLength(1);
        for (const line of furniture) {
            expect(leftOut[0]!.detail).toContain(line);
        }
    });

    test('the written plan parses and links with the framework, and reads back as imported', async () => {
        const result = await roundTrip(plan, force);
        expect(result.lexerErrors).toEqual([]);
        expect(result.parserErrors).toEqual([]);
        expect(result.linkErrors).toEqual([]);
        expect(result.errors).toEqual([]);
        const parsed = result.parsed!;
        expect(parsed.force).toBe(force);
        expect(parsed.framework?.ref?.name).toBe('SC2024');
        expect(parsed.executiveLead).toBe(plan.executiveLead);
        expect(parsed.operationalLead).toBe(plan.operationalLead);
        expect(parsed.summary).toBe(plan.narrative.length > 0 ? plan.narrative.join('\n\n') : undefined);
        expect(
            parsed.items.map(i => ({
                recommendation: i.recommendation.$refText,
                status: i.status,
                progress: i.progress,
                updated: i.updated,
                update: i.update
            }))
        ).toEqual(
            plan.items.map(i => ({
                recommendation: i.recommendation,
                // The page gives no status: written `unstated`, not left without one.
                status: i.status ?? (i.statusText === undefined ? 'unstated' : undefined),
                progress: i.progress,
                updated: i.updated,
                update: i.update
            }))
        );
    });

    test('each item says on the line above it who owns it and the date as the page wrote them', async () => {
        const { source } = await roundTrip(plan, force);
        const written = source.split('\n');
        for (const item of plan.items.filter(i => i.owner !== undefined)) {
            const at = written.findIndex(l => l.trim() === `item ${item.recommendation} {`);
            const comments = written.slice(0, at).reverse();
            const above = comments.slice(
                0,
                comments.findIndex(l => !l.trim().startsWith('//'))
            );
            expect(above.join('\n')).toContain(item.owner!);
            expect(above.join('\n')).toContain(item.dateText!);
        }
    });
});

describe('narrative pages', async () => {
    const framework = await frameworkPromise;

    test.each(['thames-valley.txt', 'devon-and-cornwall.txt'])(
        '%s: every paragraph that is not a banner is in the narrative, word for word and in order',
        file => {
            const text = fixture(file);
            const plan = readPlanPage(text, file, framework);
            const paragraphs = text
                .split('\n')
                .map(l => l.trim())
                .filter(l => l !== '' && !isFurniture(l));
            expect(paragraphs.length).toBeGreaterThan(10);
            expect(plan.narrative).toEqual(paragraphs);
            expect(plan.items).toEqual([]);
            // The page answers no recommendation item by item: the import says so.
            const missing = plan.notes.find(n => n.what === 'recommendations the page does not list');
            expect(missing?.detail).toContain('7, 10, 11, 12');
        }
    );
});

describe('the Cambridgeshire structured plan', async () => {
    const framework = await frameworkPromise;
    const file = 'cambridgeshire.txt';
    const text = fixture(file);
    const plan = readPlanPage(text, file, framework);
    const lines = text.split('\n').map(l => l.trim());

    test('a recommendation the page gives no update for is written `status unstated`, with no update: no "has no status" warning', async () => {
        const result = await roundTrip(plan, 'Cambridgeshire Constabulary');
        const without = plan.items.filter(i => i.update === undefined).map(i => i.recommendation);
        expect(without).toHaveLength(13);
        expect(
            result
                .parsed!.items.filter(i => without.includes(i.recommendation.$refText))
                .map(i => [i.recommendation.$refText, i.status, i.update])
        ).toEqual(without.map(n => [n, 'unstated', undefined]));
        expect(result.source).toContain('    item 7 {\n        status unstated\n    }');
        const workspace = await buildWorkspace({ 'framework.gdl': FRAMEWORK_SOURCE, 'plan.gdl': result.source });
        expect(workspace.codes('plan.gdl')).not.toContain('GDL0507');
    });

    test('one item per recommendation on the page, numbered from its evidence requirements, in page order', () => {
        const numbers = [...new Set(lines.flatMap(l => /^(\d+)\.\d+\b/.exec(l)?.[1] ?? []))];
        expect(numbers.length).toBe(15);
        expect(plan.items.map(i => i.recommendation)).toEqual(numbers);
    });

    test('each item starts at the line of its recommendation text (recommendation 17 without its "By", 28 over two lines)', () => {
        const lineOf = (n: string) => plan.items.find(i => i.recommendation === n)!.line;
        expect(lines[lineOf('17') - 1]).toMatch(/^27 March 2025, make sure the new College of Policing/);
        expect(lines[lineOf('28') - 1]).toMatch(/^By 22 November 2025 \(56 days from publication\), publish/);
        expect(lines[lineOf('28')]).toMatch(/^By 27 March 2025 \(six months from publication\) provide an update/);
        expect(lines[lineOf('7') - 1]).toMatch(/^By 27 March 2025, where required, seek changes/);
    });

    test('the header is read: executive and operational leads as written', () => {
        expect(plan.executiveLead).toBe(labelled(text, 'Executive Lead')[0]!.value);
        expect(plan.operationalLead).toBe(labelled(text, 'Operational Lead')[0]!.value);
    });

    test('the page quotes the framework exactly (the framework was taken from it): no note about differing text or unknown ids', () => {
        expect(plan.notes.filter(n => /^text of|^evidence requirement|^recommendation \d/.test(n.what))).toEqual([]);
    });

    test('the narrative holds only the introduction: no recommendation, evidence, label or update text', () => {
        expect(plan.narrative).toEqual([lines.find(l => l.startsWith('The following Stalking Action Plan'))]);
    });

    test('each recommendation with no update block has no status and a note saying the page gives none', () => {
        const without = plan.items.filter(i => i.update === undefined);
        expect(without.map(i => i.recommendation)).toEqual(plan.items.map(i => i.recommendation).filter(n => n !== '23' && n !== '28'));
        for (const item of without) {
            expect(item.status).toBeUndefined();
            expect(
                plan.notes.some(
                    n => n.where === `line ${item.line}` && n.detail.includes(`no update for recommendation ${item.recommendation}`)
                )
            ).toBe(true);
        }
    });

    test('without a framework the recommendations are numbered from their evidence ids alone', () => {
        const alone = readPlanPage(text, file, undefined);
        expect(alone.items.map(i => i.recommendation)).toEqual(plan.items.map(i => i.recommendation));
        expect(alone.items.map(i => i.update)).toEqual(plan.items.map(i => i.update));
    });
});

describe('text that differs from the framework, and what the page gets wrong', async () => {
    const framework = await frameworkPromise;

    test('a reworded recommendation is matched by its evidence ids and both texts are quoted in a note', () => {
        const page = [
            'By 27 March 2025, take steps so that risk identification and management is effective in every stalking case.',
            '12.1 Evidence requirements of progress/completion: Considering implementing the stalking screening tool to support the identification of stalking and the risks associated with stalking.'
        ].join('\n');
        const plan = readPlanPage(page, 'reworded.txt', framework);
        expect(plan.items.map(i => i.recommendation)).toEqual(['12']);
        const note = plan.notes.find(n => n.what === 'text of recommendation 12')!;
        expect(note.kind).toBe('suggestion');
        expect(note.detail).toContain('take steps so that risk identification and management is effective in every stalking case.');
        expect(note.detail).toContain(framework.recommendations.find(r => r.number === '12')!.text);
        expect(plan.narrative).toEqual([]);
    });

    test('a lost "By" and curly quotes still match, with a note that the text differs in form', () => {
        const page = [
            '27 March 2025, take steps to make sure that risk identification, assessment and management is effective in all stalking and breaches of orders cases.',
            '12.1'
        ].join('\n');
        const plan = readPlanPage(page, 'lost-by.txt', framework);
        expect(plan.items.map(i => i.recommendation)).toEqual(['12']);
        expect(plan.notes.find(n => n.what === 'text of recommendation 12')?.kind).toBe('changed');
    });

    test('an evidence id the framework does not have, and evidence text that differs, are noted', () => {
        const page = [
            'By 27 March 2025, take steps to make sure that risk identification, assessment and management is effective in all stalking and breaches of orders cases.',
            '12.1 Evidence requirements of progress/completion: Implementing the stalking screening tool.',
            '12.9 - Evidence requirements of progress/completion: A requirement nobody wrote.'
        ].join('\n');
        const plan = readPlanPage(page, 'evidence.txt', framework);
        expect(plan.notes.find(n => n.what === 'evidence requirement 12.9')).toMatchObject({ kind: 'not-carried', where: 'line 3' });
        expect(plan.notes.find(n => n.what === 'evidence requirement 12.9')!.detail).toContain('A requirement nobody wrote.');
        const differs = plan.notes.find(n => n.what === 'text of evidence requirement 12.1')!;
        expect(differs.detail).toContain('Implementing the stalking screening tool.');
        expect(differs.detail).toContain('Considering implementing the stalking screening tool');
    });

    test('an impossible date is a note with its line, not a crash, and the plan still parses', async () => {
        const plan = readPlanPage(
            pageWith('Force Update: Training delivered.', 'Date: 31/02/2025', 'Status: Complete'),
            'bad-date.txt',
            framework
        );
        const item = plan.items[0]!;
        expect(item).toMatchObject({ recommendation: '7', dateText: '31/02/2025', status: 'complete', update: 'Training delivered.' });
        expect(item.updated).toBeUndefined();
        const note = plan.notes.find(n => n.what.startsWith('date of the update'))!;
        expect(note.where).toBe('line 8');
        expect(note.detail).toContain('31/02/2025');
        const result = await roundTrip(plan, 'Example Police');
        expect([...result.lexerErrors, ...result.parserErrors, ...result.linkErrors, ...result.errors]).toEqual([]);
        expect(result.parsed!.items[0]!.updated).toBeUndefined();
    });

    test('a written date ("3rd March 2025") and a status with its percentage in brackets are read', () => {
        const plan = readPlanPage(
            pageWith('Force Update: Done.', 'Date: 3rd March 2025', 'Status: Completed (100%)'),
            'written-date.txt',
            framework
        );
        expect(plan.items[0]).toMatchObject({ updated: '2025-03-03', status: 'complete', progress: 100 });
    });

    test('a status word the plan does not know gives no status and a note quoting it', () => {
        const plan = readPlanPage(
            pageWith('Force Update: Work continues.', 'Date: 11/11/2024', 'Status: Ongoing 40%'),
            'ongoing.txt',
            framework
        );
        expect(plan.items[0]!.status).toBeUndefined();
        expect(plan.items[0]!.progress).toBe(40);
        expect(plan.notes.find(n => n.what === 'status of recommendation 7')!.detail).toContain('Ongoing 40%');
    });

    test('a recommendation quoted with no evidence lines is matched by its text and takes the update under it', () => {
        const rec15 = framework.recommendations.find(r => r.number === '15')!;
        const page = [
            ...rec15.text.split('\n'),
            'Force Update: We fund an ISAC with the PCC.',
            'Date: 20/01/2025',
            'Status: In Progress'
        ].join('\n');
        const plan = readPlanPage(page, 'rec15.txt', framework);
        expect(plan.items).toMatchObject([
            { recommendation: '15', line: 1, update: 'We fund an ISAC with the PCC.', updated: '2025-01-20' }
        ]);
        // Made to PCCs only: the item may be the force's support, which the writer marks `supporting`.
        expect(plan.notes.find(n => n.what === 'recommendation 15 is made to others')?.detail).toContain('item 15 supporting');
    });

    test('two updates of one recommendation: the item keeps the later and a note quotes the earlier', () => {
        const page = pageWith(
            'Force Update: Second update.',
            'Date: 10/03/2025',
            'Status: Complete',
            'Force Update: First update.',
            'Date: 11/11/2024',
            'Status: In Progress'
        );
        const plan = readPlanPage(page, 'two.txt', framework);
        expect(plan.items).toMatchObject([{ recommendation: '7', update: 'Second update.', updated: '2025-03-10', status: 'complete' }]);
        const earlier = plan.notes.find(n => n.what === 'an earlier update of recommendation 7')!;
        expect(earlier.detail).toContain('First update.');
        expect(earlier.detail).toContain('11/11/2024');
    });

    test('an update before any recommendation is not attached to one: a note quotes it', () => {
        const plan = readPlanPage(
            ['Force Update: Stray words.', 'Date: 11/11/2024', 'Status: In Progress'].join('\n'),
            'stray.txt',
            framework
        );
        expect(plan.items).toEqual([]);
        expect(plan.notes.find(n => n.what === 'an update with no recommendation')!.detail).toContain('Stray words.');
    });

    test('an empty file, a binary file and a page of banners only are clear errors naming the file', () => {
        expect(() => readPlanPage('  \n\n', 'empty.txt', framework)).toThrow(ImportError);
        expect(() => readPlanPage('  \n\n', 'empty.txt', framework)).toThrow(/^empty\.txt: the file is empty/);
        expect(() => readPlanPage('PK\u0003\u0004\u0000\u0000', 'plan.docx.txt', framework)).toThrow(/^plan\.docx\.txt: .*binary/);
        expect(() => readPlanPage('Quickly exit this site by pressing the Escape key Leave this site\n', 'banner.txt', framework)).toThrow(
            /^banner\.txt: .*banners/
        );
    });
});

describe('hostile text round-trips through the written plan', async () => {
    const framework: FrameworkFacts = await frameworkPromise;

    test('an update with triple quotes, backslashes and a line starting "}" reads back as written', async () => {
        const hostile = [
            'Force Update: We wrote """do not close""" on the file at C:\\cases\\new\\stalking and \\" too.',
            '} this paragraph starts with a closing brace, like the end of a block',
            'plan evil "x" { item 7 { status complete } }',
            'Date: 01/12/2024',
            'Status: Not Started'
        ];
        const plan = readPlanPage(pageWith(...hostile), 'hostile.txt', framework);
        const item = plan.items[0]!;
        expect(item.update).toBe(
            [
                'We wrote """do not close""" on the file at C:\\cases\\new\\stalking and \\" too.',
                '} this paragraph starts with a closing brace, like the end of a block',
                'plan evil "x" { item 7 { status complete } }'
            ].join('\n\n')
        );
        const result = await roundTrip(plan, 'Example Police');
        expect([...result.lexerErrors, ...result.parserErrors, ...result.linkErrors, ...result.errors]).toEqual([]);
        expect(result.parsed!.items).toHaveLength(1);
        const parsed = result.parsed!.items[0]!;
        expect(parsed).toMatchObject({ status: 'not-started', updated: '2024-12-01' });
        // A run of three quotes (which would end the block) is written with a backslash before its third
        // quote (gdlProse) and read back as three quotes; backslashes and the brace line read back as written.
        expect(parsed.update).toBe(item.update);
    });

    test('hostile leads and a hostile force name are strings that read back exactly', async () => {
        const plan = readPlanPage(
            pageWith('Force Update: x', 'Date: 01/12/2024', 'Status: In Progress').replace(
                'Assistant Chief Constable A',
                'ACC "Q" \\ Smith }'
            ),
            'leads.txt',
            framework
        );
        const result = await roundTrip(plan, 'Police "of" \\ somewhere');
        expect([...result.lexerErrors, ...result.parserErrors]).toEqual([]);
        expect(result.parsed!.executiveLead).toBe('ACC "Q" \\ Smith }');
        expect(result.parsed!.force).toBe('Police "of" \\ somewhere');
    });
});

describe('a plan page saved from the browser as HTML', () => {
    test("reads as the same plan as the page's text: scripts, styles and navigation add nothing, soft-wrapped lines join", async () => {
        const framework = await frameworkPromise;
        const text = fixture('cambridgeshire.txt');
        const escape = (line: string) => line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
        const html = [
            '<!doctype html><html><head><title>Stalking action plan</title><style>p { color: red }</style>',
            '<script>var tracking = "Force Update: not this";</script></head><body>',
            // The page's paragraphs, each wrapped over two lines of HTML source, as editors save them.
            ...text.split('\n').map(line => `<p>${escape(line).replace(/ (\S+)$/, '\n      $1')}</p>`),
            '</body></html>'
        ].join('\n');
        const fromHtml = readPlanPage(htmlPageText(html), 'plan.html', framework);
        const fromText = readPlanPage(text, 'plan.txt', framework);
        const essentials = (plan: ImportedPlan) =>
            plan.items.map(({ recommendation, status, progress, updated, update }) => ({
                recommendation,
                status,
                progress,
                updated,
                update
            }));
        expect(essentials(fromHtml)).toEqual(essentials(fromText));
        expect(fromHtml.items.filter(i => i.update)).toHaveLength(2);
        expect(fromHtml.narrative.join('\n')).not.toContain('tracking');
    });
});

describe('pages that head each recommendation "Recommendation N"', async () => {
    const framework = await frameworkPromise;
    const textOf = (number: string) => framework.recommendations.find(r => r.number === number)!.text;

    const page = [
        'Recommendation 12',
        'Risk identification and management',
        'Recommendation Owner: Chief Constables',
        'Force Update: We introduced the stalking screening tool in every case.',
        'Date: 01/02/2025',
        'Status: In Progress 50%',
        '',
        'RECOMMENDATION 13: Stalking Protection Orders',
        'Recommendation Owner: Head of Public Protection',
        'Force Update: SPO guidance has been issued to all supervisors.',
        'Date: 03/03/2025',
        'Status: Complete',
        '',
        'Recommendation 7 -',
        ...textOf('7').split('\n'),
        'Recommendation Owner: Crime Registrar',
        'Force Update: Our crime recording system now records included classifications.',
        'Date: 10/03/2025',
        'Status: Complete'
    ].join('\n');

    test('each heading sets the recommendation: every update is carried under its number', () => {
        const plan = readPlanPage(page, 'headed.txt', framework);
        expect(
            plan.items.map(({ recommendation, line, owner, update, updated, status, progress }) => ({
                recommendation,
                line,
                owner,
                update,
                updated,
                status,
                progress
            }))
        ).toEqual([
            {
                recommendation: '12',
                line: 1,
                owner: 'Chief Constables',
                update: 'We introduced the stalking screening tool in every case.',
                updated: '2025-02-01',
                status: 'in-progress',
                progress: 50
            },
            {
                recommendation: '13',
                line: 8,
                owner: 'Head of Public Protection',
                update: 'SPO guidance has been issued to all supervisors.',
                updated: '2025-03-03',
                status: 'complete',
                progress: undefined
            },
            {
                recommendation: '7',
                line: 14,
                owner: 'Crime Registrar',
                update: 'Our crime recording system now records included classifications.',
                updated: '2025-03-10',
                status: 'complete',
                progress: undefined
            }
        ]);
        expect(plan.notes.filter(n => n.what === 'an update with no recommendation')).toEqual([]);
        expect(plan.narrative).toEqual([]);
    });

    test('the short titles under the headings are listed as left out, word for word; the quoted text of 7 is no note', () => {
        const plan = readPlanPage(page, 'headed.txt', framework);
        expect(plan.notes.find(n => n.what === 'title of recommendation 12')).toMatchObject({ kind: 'left-out', where: 'line 2' });
        expect(plan.notes.find(n => n.what === 'title of recommendation 12')!.detail).toContain('“Risk identification and management”');
        expect(plan.notes.find(n => n.what === 'title of recommendation 13')!.detail).toContain('“Stalking Protection Orders”');
        expect(plan.notes.filter(n => n.what === 'text of recommendation 7' || n.what === 'title of recommendation 7')).toEqual([]);
    });

    test('the written plan parses and links with the framework', async () => {
        const result = await roundTrip(readPlanPage(page, 'headed.txt', framework), 'Example Police');
        expect([...result.lexerErrors, ...result.parserErrors, ...result.linkErrors, ...result.errors]).toEqual([]);
        expect(result.parsed!.items.map(i => [i.status, i.updated])).toEqual([
            ['in-progress', '2025-02-01'],
            ['complete', '2025-03-03'],
            ['complete', '2025-03-10']
        ]);
    });

    test('a reworded recommendation under its heading is that recommendation, with a note quoting both texts', () => {
        const reworded = 'By 27 March 2025, take steps so that risk identification and management is effective in every stalking case.';
        const plan = readPlanPage(
            ['Recommendation 12:', reworded, 'Force Update: Screening tool in use.', 'Date: 01/02/2025', 'Status: Complete'].join('\n'),
            'reworded-headed.txt',
            framework
        );
        expect(plan.items).toMatchObject([{ recommendation: '12', update: 'Screening tool in use.', status: 'complete' }]);
        const note = plan.notes.find(n => n.what === 'text of recommendation 12')!;
        expect(note.kind).toBe('suggestion');
        expect(note.detail).toContain(reworded);
        expect(note.detail).toContain(textOf('12'));
    });

    test('a number the framework does not have: a note, and its update is not carried but quoted', () => {
        const plan = readPlanPage(
            [
                'Recommendation 99: Something else',
                'Force Update: Words for a recommendation nobody made.',
                'Date: 01/02/2025',
                'Status: Complete',
                'Recommendation 14',
                'Force Update: Victims are referred to support.',
                'Date: 02/02/2025',
                'Status: In Progress'
            ].join('\n'),
            'unknown-heading.txt',
            framework
        );
        expect(plan.items.map(i => [i.recommendation, i.update])).toEqual([['14', 'Victims are referred to support.']]);
        expect(plan.notes.find(n => n.what === 'recommendation 99')).toMatchObject({ kind: 'not-carried', where: 'line 1' });
        const dropped = plan.notes.find(n => n.what === 'an update of recommendation 99')!;
        expect(dropped).toMatchObject({ kind: 'not-carried', where: 'line 2' });
        expect(dropped.detail).toContain('Words for a recommendation nobody made.');
        expect(dropped.detail).toContain('“Recommendation 99: Something else”');
    });

    test("a paragraph between the recommendation's text and its update is kept in the summary; the update stays under the heading", () => {
        const plan = readPlanPage(
            ['Recommendation 12', textOf('12'), 'Our response is below.', 'Force Update: Screening tool in use.', 'Status: Complete'].join(
                '\n'
            ),
            'between.txt',
            framework
        );
        expect(plan.items).toMatchObject([{ recommendation: '12', update: 'Screening tool in use.', status: 'complete' }]);
        expect(plan.narrative).toEqual(['Our response is below.']);
    });

    test('without a framework the headings number the items', () => {
        const plan = readPlanPage(page, 'headed.txt', undefined);
        expect(plan.items.map(i => [i.recommendation, i.status])).toEqual([
            ['12', 'in-progress'],
            ['13', 'complete'],
            ['7', 'complete']
        ]);
    });

    test('a sentence that starts "Recommendation 12" in prose is not a heading', () => {
        const plan = readPlanPage(
            ['Recommendation 12 asks forces to assess risk in every case, and we agree.', 'Force Update: x', 'Status: Complete'].join('\n'),
            'prose.txt',
            framework
        );
        expect(plan.items).toEqual([]);
        expect(plan.narrative).toEqual(['Recommendation 12 asks forces to assess risk in every case, and we agree.']);
    });
});

describe('a recommendation quoted in part', async () => {
    const framework = await frameworkPromise;
    const textOf = (number: string) => framework.recommendations.find(r => r.number === number)!.text;
    const block = (update: string) => [`Force Update: ${update}`, 'Date: 01/02/2025', 'Status: In Progress'];
    const firstSentence = (text: string) => /^.*?[.](?=\s|$)/.exec(text.replace(/\s+/g, ' '))![0];
    // Recommendation 17 cut short at a word's end, with an ellipsis.
    const cut17 = textOf('17').slice(0, textOf('17').indexOf(' reflected in')) + '…';

    const page = [
        textOf('10').split('\n')[0]!,
        ...block('Training reviewed.'),
        firstSentence(textOf('11')),
        ...block('Problem profile written.'),
        textOf('13').split('\n')[0]!,
        ...block('SPO policy revised.'),
        cut17,
        ...block('Allocation policy updated.')
    ].join('\n');

    test('its first paragraph, first sentence or a text cut short matches the one recommendation it starts', () => {
        const plan = readPlanPage(page, 'partial.txt', framework);
        expect(plan.items.map(i => [i.recommendation, i.update])).toEqual([
            ['10', 'Training reviewed.'],
            ['11', 'Problem profile written.'],
            ['13', 'SPO policy revised.'],
            ['17', 'Allocation policy updated.']
        ]);
        expect(plan.narrative).toEqual([]);
        expect(plan.notes.filter(n => /update with no recommendation|recommendation with no number/.test(n.what))).toEqual([]);
    });

    test('each is a "changed" note saying the page quotes it in part, with both texts', () => {
        const plan = readPlanPage(page, 'partial.txt', framework);
        for (const number of ['10', '11', '13', '17']) {
            const note = plan.notes.find(n => n.what === `text of recommendation ${number}`)!;
            expect(note.kind).toBe('changed');
            expect(note.detail).toContain('in part');
            expect(note.detail).toContain(textOf(number).replace(/\s*\n\s*/g, ' '));
        }
        expect(plan.notes.find(n => n.what === 'text of recommendation 17')!.detail).toContain(cut17);
    });

    test('a leading part that several recommendations share matches none of them', () => {
        const shared = 'By 27 March 2025, take steps to make sure that';
        expect(textOf('12').startsWith(shared) && textOf('13').startsWith(shared)).toBe(true);
        const plan = readPlanPage([shared, ...block('Work continues.')].join('\n'), 'shared.txt', framework);
        expect(plan.items).toEqual([]);
        expect(plan.narrative).toEqual([shared]);
    });

    test('its first sentence with a different rest is matched, and the note asks to check the text', () => {
        const changed = `${firstSentence(textOf('11'))} We have added our own words here.`;
        const plan = readPlanPage([changed, ...block('Problem profile written.')].join('\n'), 'first-sentence.txt', framework);
        expect(plan.items.map(i => i.recommendation)).toEqual(['11']);
        const note = plan.notes.find(n => n.what === 'text of recommendation 11')!;
        expect(note.kind).toBe('suggestion');
        expect(note.detail).toContain(changed);
    });
});

describe('HTML layouts of a plan page', async () => {
    const framework = await frameworkPromise;
    const textOf = (number: string) => framework.recommendations.find(r => r.number === number)!.text;
    const site = (body: string) =>
        [
            '<!doctype html><html><head><title>Stalking action plan | Cambridgeshire Constabulary</title>',
            '<style>.x { color: red }</style><script>var s = "Status: Complete";</script></head><body>',
            '<header class="site-header"><a href="/">Cambridgeshire Constabulary home</a><button>Menu</button></header>',
            '<nav><ul><li><a href="/report">Report a crime</a></li></ul></nav>',
            '<ol class="govuk-breadcrumbs__list"><li>Home</li><li>About us</li></ol>',
            '<div aria-label="Breadcrumb trail"><a>Home</a> &gt; <a>Stalking</a></div>',
            `<main><article><header><h1>Stalking Action Plan</h1></header>${body}</article></main>`,
            '<form><label>Was this page useful?</label><button type="submit">Yes</button></form>',
            '<footer><p>© Cambridgeshire Constabulary 2024</p></footer></body></html>'
        ].join('\n');

    test('<br> inside one paragraph breaks lines: the page is a plan page and its update is read', () => {
        const html = site(
            `<p>${textOf('12')}<br><strong>Force Update:</strong> Screening
            tool in use.<br><strong>Date:</strong> 01/02/2025<br><strong>Status:</strong> In Progress 50%</p>`
        );
        const text = htmlPageText(html);
        expect(text.split('\n')).toContain('Date: 01/02/2025');
        expect(looksLikePlanPage(text)).toBe(true);
        const plan = readPlanPage(text, 'br.html', framework);
        expect(plan.items).toMatchObject([
            { recommendation: '12', update: 'Screening tool in use.', updated: '2025-02-01', status: 'in-progress', progress: 50 }
        ]);
    });

    test('a table with columns Recommendation, Force Update, Date and Status: one item per row', () => {
        const html = site(
            [
                '<table><thead><tr><th>Recommendation</th><th>Force Update</th><th>Date</th><th>Status</th></tr></thead><tbody>',
                `<tr><td>${textOf('12')}</td><td><p>Screening tool in use.</p><p>Audits monthly.</p></td><td>01/02/2025</td><td>In Progress 50%</td></tr>`,
                `<tr><td><p>${textOf('13').split('\n').join('</p><p>')}</p></td><td>SPO policy revised.</td><td>03/03/2025</td><td>Complete</td></tr>`,
                '<tr><td>7</td><td>Recording changed.</td><td>10/03/2025</td><td>Complete</td></tr>',
                '</tbody></table>'
            ].join('\n')
        );
        const text = htmlPageText(html);
        expect(looksLikePlanPage(text)).toBe(true);
        const plan = readPlanPage(text, 'table.html', framework);
        expect(
            plan.items.map(({ recommendation, update, updated, status, progress }) => ({
                recommendation,
                update,
                updated,
                status,
                progress
            }))
        ).toEqual([
            {
                recommendation: '12',
                update: 'Screening tool in use.\n\nAudits monthly.',
                updated: '2025-02-01',
                status: 'in-progress',
                progress: 50
            },
            { recommendation: '13', update: 'SPO policy revised.', updated: '2025-03-03', status: 'complete', progress: undefined },
            { recommendation: '7', update: 'Recording changed.', updated: '2025-03-10', status: 'complete', progress: undefined }
        ]);
        expect(plan.notes.filter(n => /^text of|update with no recommendation/.test(n.what))).toEqual([]);
    });

    test("the site's header, navigation, breadcrumbs, form, buttons and footer are left out; the article's own header is kept", () => {
        const text = htmlPageText(site(`<p>${textOf('12')}</p><p>Force Update: x</p><p>Status: Complete</p>`));
        for (const gone of [
            'home',
            'Home',
            'Menu',
            'Report a crime',
            'About us',
            '| Cambridgeshire',
            'useful',
            'Yes',
            '©',
            'color',
            'var s'
        ]) {
            expect(text).not.toContain(gone);
        }
        expect(text.split('\n')[0]).toBe('Stalking Action Plan');
        const plan = readPlanPage(text, 'site.html', framework);
        expect(plan.narrative).toEqual(['Stalking Action Plan']);
    });
});

describe('Markdown that is guidance, not a plan page', () => {
    const example = [
        'Recommendation Owner: Chief Constables',
        'Force Update: What the force has done.',
        'Date: 01/02/2025',
        'Status: In Progress'
    ];

    test('a guidance document that shows one example update block and quotes a recommendation is not a plan page', () => {
        const markdown = [
            '# Stalking guidance',
            '',
            'This guidance helps officers record their work for the action plan answering the super-complaint.',
            '',
            '## Risk',
            '',
            'By 27 March 2025, take steps to make sure that risk identification, assessment and management is effective in all stalking and breaches of orders cases.',
            '',
            'Each update to the plan is written like this:',
            '',
            ...example,
            '',
            '## Recording',
            '',
            'Record stalking as the principal crime where it is present.'
        ].join('\n');
        expect(looksLikePlanPage(markdown)).toBe(false);
    });

    test('a plan page saved as Markdown, with a heading and two update blocks, is one', () => {
        const markdown = [
            '# Stalking Action Plan',
            '',
            'By 27 March 2025, review and update their learning and training provision relating to stalking.',
            '',
            ...example.map(l => `**${l.replace(':', ':**')}`),
            '',
            'By 27 March 2025, take steps to improve how their force effectively recognises and responds to online elements of stalking.',
            '',
            ...example.map(l => `**${l.replace(':', ':**')}`)
        ].join('\n');
        expect(looksLikePlanPage(markdown)).toBe(true);
    });

    test('text saved from a page with a single update block (no Markdown headings) is one', () => {
        expect(
            looksLikePlanPage(
                ['By 27 March 2025, review and update their learning and training provision relating to stalking.', ...example].join('\n')
            )
        ).toBe(true);
    });
});

describe('our own published plan page, in Markdown as in HTML', async () => {
    const framework = await frameworkPromise;
    const files = await publish(site(await loadExample()));
    const markdown = files.get('plans/ec-plan-2024.md')!.toString();
    const html = files.get('plans/ec-plan-2024.html')!.toString();

    test('is a plan page, and reads as the same 16 items from either (its headings carry anchors in Markdown)', () => {
        expect(markdown).toContain('<a id="recommendation-7"></a>Recommendation 7');
        expect(looksLikePlanPage(markdown)).toBe(true);
        const fromMarkdown = readPlanPage(markdownPageText(parseMarkdown(markdown)), 'ec-plan-2024.md', framework);
        const fromHtml = readPlanPage(htmlPageText(html), 'ec-plan-2024.html', framework);
        const summary = (plan: ImportedPlan) => plan.items.map(i => [i.recommendation, i.status, i.progress, i.updated]);
        expect(summary(fromMarkdown)).toHaveLength(16);
        expect(summary(fromMarkdown)).toEqual(summary(fromHtml));
        expect(fromMarkdown.items.find(i => i.recommendation === '13')).toMatchObject({ status: 'in-progress', progress: 85 });
    });
});
