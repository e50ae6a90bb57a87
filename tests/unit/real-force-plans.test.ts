import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { LoadedWorkspace } from '../../cli/workspace-loader.js';
import * as ast from '../../language/src/generated/ast.js';
import { coverageReport, load, repo } from '../support/in-process.js';

// The bundled workspace holds three real forces' published responses to the 2024 super-complaint report,
// transcribed as plans (guidance/<force>/action-plan.gdl). Each is checked against the page as saved
// (tests/fixtures/published-plans/, described in its SOURCES.md): every word a plan gives as the force's is
// on the page, in whole sentences and in the page's order; nothing is given a status, date or progress the
// page does not give, and an item addresses a requirement only where that cannot be a reading of ours.

const FIXTURES = path.join(repo, 'tests/fixtures/published-plans');

const FORCES = [
    { folder: 'cambridgeshire-constabulary', fixture: 'cambridgeshire.txt', force: 'Cambridgeshire Constabulary' },
    { folder: 'devon-and-cornwall-police', fixture: 'devon-and-cornwall.txt', force: 'Devon and Cornwall Police' },
    { folder: 'thames-valley-police', fixture: 'thames-valley.txt', force: 'Thames Valley Police' }
];

/** Runs of white space as one space, trimmed: a quote wrapped over lines reads as the page's one line. */
const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Why a quote is not the page's words, or undefined when it is: each paragraph of the quote (paragraphs are
 * separated by a blank line) must appear word for word within one paragraph (line) of the page, as whole
 * sentences: starting the line or after a sentence's end or a label's colon, and ending with the sentence.
 */
function quoteMismatch(quote: string, page: string): string | undefined {
    const lines = page.split('\n').map(normalise);
    for (const paragraph of quote
        .split(/\n\s*\n/)
        .map(normalise)
        .filter(p => p.length > 0)) {
        const line = lines.find(l => l.includes(paragraph));
        if (line === undefined) {
            return `not on the page word for word: "${paragraph}"`;
        }
        const at = line.indexOf(paragraph);
        const before = line.slice(0, at);
        const after = line.slice(at + paragraph.length);
        const starts = before === '' || /[.:]\s$/.test(before);
        const ends = /[.!?]$/.test(paragraph) && (after === '' || after.startsWith(' '));
        if (!starts || !ends) {
            return `not whole sentences of the page: "${paragraph}"`;
        }
    }
    return undefined;
}

/**
 * Why a quote's paragraphs are not in the page's order, or undefined when they are: each paragraph must come
 * later on the page than the one before it (a later line, or later in the same line).
 */
function orderMismatch(quote: string, page: string): string | undefined {
    const lines = page.split('\n').map(normalise);
    let previous = { line: -1, at: -1, paragraph: '' };
    for (const paragraph of quote
        .split(/\n\s*\n/)
        .map(normalise)
        .filter(p => p.length > 0)) {
        const line = lines.findIndex(l => l.includes(paragraph));
        const at = line < 0 ? -1 : lines[line]!.indexOf(paragraph);
        if (line < previous.line || (line === previous.line && at <= previous.at)) {
            return `"${paragraph}" comes before "${previous.paragraph}" on the page`;
        }
        previous = { line, at, paragraph };
    }
    return undefined;
}

/** A passage that opens by pointing back ("This move…", "Whilst this is in motion…"): it needs what it points to. */
const POINTS_BACK = /^(This|These|That|Those|It|They|Whilst this|Within this)\b/;

/**
 * Why a quote's passage is cut from what it refers to, or undefined when none is: a passage that opens by
 * pointing back must come, in the quote, straight after the text the page has before it.
 */
function cutFromContext(quote: string, page: string): string | undefined {
    const lines = page.split('\n').map(normalise);
    const paragraphs = quote
        .split(/\n\s*\n/)
        .map(normalise)
        .filter(p => p.length > 0);
    for (const [k, paragraph] of paragraphs.entries()) {
        if (!POINTS_BACK.test(paragraph)) {
            continue;
        }
        const line = lines.findIndex(l => l.includes(paragraph));
        const at = lines[line]!.indexOf(paragraph);
        const before = at > 0 ? lines[line]!.slice(0, at).trimEnd() : (lines[line - 1] ?? '');
        const previous = paragraphs[k - 1];
        if (previous === undefined || !before.endsWith(previous)) {
            return `"${paragraph}" is quoted without the text before it on the page`;
        }
    }
    return undefined;
}

/** The page's address, as SOURCES.md records it for the fixture. */
function addressOf(fixture: string): string {
    const row = readFileSync(path.join(FIXTURES, 'SOURCES.md'), 'utf8')
        .split('\n')
        .find(l => l.startsWith(`| \`${fixture}\``));
    return /\| (https:\/\/\S+)/.exec(row ?? '')?.[1] ?? '';
}

/** The page's "Date:" and "Status:" after the "Force Update:" whose text starts the given update. */
function publishedState(page: string, update: string): { date?: string; status?: string } {
    const lines = page.split('\n').map(normalise);
    const first = normalise(update.split(/\n\s*\n/)[0]!);
    const at = lines.findIndex(l => l.startsWith('Force Update:') && l.includes(first));
    const rest = lines.slice(at + 1);
    const next = (label: string) =>
        rest
            .find(l => l.startsWith(`${label}:`))
            ?.slice(label.length + 1)
            .trim();
    return at < 0 ? {} : { date: next('Date'), status: next('Status') };
}

/** "11/11/2024" as GDL writes it. */
const isoOf = (date: string) => date.split('/').reverse().join('-');

let workspace: LoadedWorkspace;
let cambridgeshire: LoadedWorkspace;
let framework: ast.Framework;
beforeAll(async () => {
    workspace = await load('guidance');
    cambridgeshire = await load('guidance', { force: 'Cambridgeshire Constabulary' });
    const frameworks = workspace.documents.flatMap(d => (d.parseResult.value as ast.GdlFile).elements.filter(ast.isFramework));
    framework = frameworks.find(f => f.name === 'SC2024')!;
});

const planOf = (folder: string): ast.ActionPlan => {
    const document = workspace.documents.find(d => d.uri.path.endsWith(`/guidance/${folder}/action-plan.gdl`))!;
    return (document.parseResult.value as ast.GdlFile).elements.find(ast.isActionPlan)!;
};

/** What `check` finds wrong with each item's update, as "item N: why"; nothing when every update passes. */
const itemFindings = (plan: ast.ActionPlan, check: (update: string) => string | undefined): string[] =>
    plan.items.flatMap(i => {
        const why = i.update === undefined ? undefined : check(i.update);
        return why === undefined ? [] : [`item ${i.recommendation.$refText}: ${why}`];
    });

describe('the comparison a transcription is checked with', () => {
    const page = readFileSync(path.join(FIXTURES, 'cambridgeshire.txt'), 'utf8');
    const quote =
        'An action plan has been completed and will be published on the website. Through a dedicated working group: delivery against the plan will be tracked ensuring full progress updates will be provided via internal governance and to the NPCC (National Police Chiefs Council) by 27th March 2025.';

    test('accepts the force update as published, however it is wrapped', () => {
        expect(quoteMismatch(quote, page)).toBeUndefined();
        expect(quoteMismatch(quote.replace(/ /g, '\n            '), page)).toBeUndefined();
    });

    test('refuses it with one word changed, and names the paragraph', () => {
        const altered = quote.replace('dedicated working group', 'dedicated project group');
        expect(quoteMismatch(altered, page)).toBe(`not on the page word for word: "${altered}"`);
    });

    test('refuses part of a sentence, or a quote that does not start at a sentence', () => {
        expect(quoteMismatch('An action plan has been completed', page)).toMatch(/^not whole sentences of the page/);
        expect(quoteMismatch('has been completed and will be published on the website.', page)).toMatch(/^not whole sentences of the page/);
    });

    test("accepts passages in the page's order and refuses them swapped, across lines or within one", () => {
        const intro = 'The following Stalking Action Plan is in response to the Super Complaint';
        const introLine = page.split('\n').find(l => l.startsWith(intro))!;
        const [first, second] = quote.split('. Through');
        const inOrder = `${introLine}\n\n${first}.\n\nThrough${second}`;
        expect(orderMismatch(inOrder, page)).toBeUndefined();
        expect(orderMismatch(`${first}.\n\n${introLine}`, page)).toMatch(/comes before/);
        expect(orderMismatch(`Through${second}\n\n${first}.`, page)).toMatch(/^"An action plan has been completed/);
    });

    test('refuses a passage that points back ("Whilst this…") quoted without the text before it, and accepts it with', () => {
        const tvp = readFileSync(path.join(FIXTURES, 'thames-valley.txt'), 'utf8');
        const registrars = tvp.split('\n').find(l => l.startsWith('We have already taken steps to avoid this confusion'))!;
        const underway =
            'Whilst this move was underway, we implemented a new stalking structure to oversee reported crime, support investigative leads and front line supervisors.';
        expect(cutFromContext(underway, tvp)).toBe(`"${underway}" is quoted without the text before it on the page`);
        expect(cutFromContext(`${registrars}\n\n${underway}`, tvp)).toBeUndefined();
        const motion =
            'Whilst this is in motion, we continue to review our operational guidance to ensure it captures all recommendations laid out within the Super-Complaint report.';
        expect(cutFromContext(`${registrars}\n\n${motion}`, tvp)).toMatch(/^"Whilst this is in motion/);
    });
});

describe.each(FORCES)('$force: the transcribed plan', ({ folder, fixture, force }) => {
    const page = readFileSync(path.join(FIXTURES, fixture), 'utf8');

    test("is the force's own: declared in its folder, the plan names it, responds to SC2024, and its address is the page's", () => {
        const declared = workspace.documents
            .filter(d => d.uri.path.endsWith(`/guidance/${folder}/force.gdl`))
            .flatMap(d => (d.parseResult.value as ast.GdlFile).elements.filter(ast.isForce));
        expect(declared.map(f => [f.name, f.title])).toEqual([[folder, force]]);
        const plan = planOf(folder);
        expect(plan.force).toBe(force);
        expect(plan.framework?.ref).toBe(framework);
        expect(plan.address).toBe(addressOf(fixture));
        expect(plan.address).toMatch(/^https:\/\//);
    });

    test('every update, earlier update and summary paragraph is on the page word for word, in whole sentences', () => {
        const plan = planOf(folder);
        const quotes = [plan.summary, ...plan.items.flatMap(i => [i.update, ...i.history.map(h => h.update)])].filter(
            (q): q is string => q !== undefined
        );
        expect(quotes.length).toBeGreaterThan(1);
        expect(quotes.map(q => quoteMismatch(q, page)).filter(m => m !== undefined)).toEqual([]);
    });

    test("within each update, the quoted passages keep the page's order", () => {
        expect(itemFindings(planOf(folder), update => orderMismatch(update, page))).toEqual([]);
    });

    test('no passage that points back is quoted without the text it points to', () => {
        expect(itemFindings(planOf(folder), update => cutFromContext(update, page))).toEqual([]);
    });

    test('its leads, if any, are the ones the page labels as such ("Executive Lead:", "Operational Lead:"), as written', () => {
        const plan = planOf(folder);
        const labelled = (label: string) =>
            page
                .split('\n')
                .map(normalise)
                .find(l => l.startsWith(`${label}:`))
                ?.slice(label.length + 1)
                .trim();
        expect([plan.executiveLead, plan.operationalLead]).toEqual([labelled('Executive Lead'), labelled('Operational Lead')]);
    });

    test('one item for each recommendation made to chief constables, and no other', () => {
        const plan = planOf(folder);
        const own = framework.recommendations.filter(r => r.recipients.includes('chief-constables')).map(r => String(r.name));
        expect(own).toHaveLength(15);
        expect(plan.items.map(i => i.recommendation.$refText).sort()).toEqual([...own].sort());
        expect(plan.items.every(i => i.recommendation.ref !== undefined && !i.supporting)).toBe(true);
    });

    test('no status, date or progress the page does not give: without a published status an item is `unstated`, with no progress or date', () => {
        const plan = planOf(folder);
        for (const item of plan.items) {
            const id = item.recommendation.$refText;
            expect(item.lead, id).toBeUndefined();
            const published = item.update === undefined ? {} : publishedState(page, item.update);
            // Which requirement an update answers is not ours to read in: an item addresses one only where the
            // page gives it a status and its recommendation has exactly that one requirement.
            if (item.addresses.length > 0) {
                const requirements = item.recommendation.ref!.evidence.map(e => e.name);
                expect([id, published.status !== undefined, requirements.length], id).toEqual([id, true, 1]);
                expect(
                    item.addresses.map(a => a.$refText),
                    id
                ).toEqual(requirements);
            }
            if (published.status === undefined) {
                expect([id, item.status, item.progress, item.updated], id).toEqual([id, 'unstated', undefined, undefined]);
                continue;
            }
            // "In Progress", "In Progress 25%": the status and the percentage as published, and its date.
            const [, words, percent] = /^(.*?)\s*(?:(\d{1,3})%)?$/.exec(published.status)!;
            expect([id, item.status, item.progress, item.updated]).toEqual([
                id,
                words!.toLowerCase().replace(' ', '-'),
                percent === undefined ? undefined : Number(percent),
                isoOf(published.date!)
            ]);
        }
        expect(plan.published).toBeUndefined();
    });
});

describe('where the pages give a status', () => {
    test('Cambridgeshire gives one for recommendations 23 and 28 and no other; the narrative pages give none', () => {
        const stated = (folder: string) =>
            planOf(folder)
                .items.filter(i => i.status !== 'unstated')
                .map(i => `${i.recommendation.$refText} ${i.status} ${i.progress ?? '-'} ${i.updated}`);
        expect(stated('cambridgeshire-constabulary')).toEqual(['23 in-progress - 2024-11-11', '28 in-progress 25 2024-11-11']);
        expect(stated('devon-and-cornwall-police')).toEqual([]);
        expect(stated('thames-valley-police')).toEqual([]);
    });

    test("Cambridgeshire's two items address their recommendation's one requirement; coverage lists it, not counted while in progress", () => {
        const addressed = (folder: string) => planOf(folder).items.flatMap(i => i.addresses.map(a => a.$refText));
        expect(addressed('cambridgeshire-constabulary')).toEqual(['23.1', '28.1']);
        expect(addressed('devon-and-cornwall-police')).toEqual([]);
        expect(addressed('thames-valley-police')).toEqual([]);
        const report = coverageReport(cambridgeshire);
        const listed = report.requirements
            .filter(r => r.items.length > 0)
            .map(r => [r.id, r.state, ...r.items.map(i => `${i.label}: ${i.counts ? 'counts' : `not counted, ${i.reason}`}`)]);
        expect(listed).toEqual([
            ['23.1', 'uncovered', 'plan item 23: not counted, plan item is in progress'],
            ['28.1', 'uncovered', 'plan item 28: not counted, plan item is in progress (25%)']
        ]);
    });
});
