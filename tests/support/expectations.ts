import type { Heading } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';
import { expect } from 'vitest';
import { referenceRecommendations } from './reference.js';

// What a user checks, written once for the in-process tests and for the ones through the CLI.

/** The bundled guidance publishes its site, both editions of every course pack in three formats, the plan and coverage pages. */
export function expectFullSite(files: readonly string[]): void {
    for (const doc of ['ec-recognising', 'ec-risk', 'ec-spo', 'ec-victims', 'ec-investigation', 'ec-online', 'ec-partnership']) {
        expect(files).toContain(`guidance/${doc}.html`);
        expect(files).toContain(`guidance/${doc}.md`);
    }
    for (const course of ['CP-CH', 'CP-FR', 'CP-INV', 'CP-SUP', 'CP-SPEC']) {
        for (const edition of ['trainer', 'learner']) {
            for (const format of ['md', 'html', 'docx']) {
                expect(files).toContain(`courses/${course}-${edition}.${format}`);
            }
        }
    }
    expect(files).toEqual(
        expect.arrayContaining([
            'index.html',
            'index.md',
            'plans/ec-plan-2024.html',
            'coverage.html',
            'assets/govuk-frontend.min.css',
            'assets/site.css'
        ])
    );
}

/** The terminal table never cuts a location: every counted covering item has its whole `file:line` on a line of its own. */
export function expectWholeLocations(
    report: {
        requirements: ReadonlyArray<{ items: ReadonlyArray<{ kind: string; id: string; file: string; line: number; counts: boolean }> }>;
    },
    table: string
): void {
    const lines = table.split('\n');
    expect(table).not.toContain('…');
    const counted = report.requirements.flatMap(r => r.items.filter(i => i.counts));
    expect(counted.length).toBeGreaterThan(100);
    for (const item of counted) {
        const entry = `${item.kind.padEnd(8)}  ${item.id} (${item.file}:${item.line})`;
        expect(
            lines.some(line => line.endsWith(entry)),
            entry
        ).toBe(true);
    }
    // One line per counted item (or a '-' for none): no item is folded into another's line.
    expect(lines.filter(line => /(guidance|training|action) {2,}\S+ \([^()]+:\d+\)$/.test(line))).toHaveLength(counted.length);
}

/** The bundled guidance's Markdown re-parses with its headings and tables; the learner edition has no answers or trainer notes. */
export function expectCoursePackMarkdown(read: (file: string) => string): void {
    const parse = (file: string) => fromMarkdown(read(file), { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
    // A heading's text as a reader sees it, without the anchor our Markdown gives it (render-markdown's anchorTag).
    const headingText = (node: Heading) => toString(node, { includeHtml: false });
    const trainer = parse('courses/CP-FR-trainer.md');
    const headings = trainer.children.filter(n => n.type === 'heading').map(headingText);
    expect(headings).toEqual(
        expect.arrayContaining([
            'Document control',
            'Running order',
            'Learning outcomes',
            'Curriculum mapping',
            'Knowledge checks',
            'Appendix: learning outcomes and evidence requirements',
            'Evaluation form',
            'CPD record'
        ])
    );
    expect(trainer.children.filter(n => n.type === 'table').length).toBeGreaterThanOrEqual(3);
    const trainerText = read('courses/CP-FR-trainer.md');
    expect(trainerText).toContain('(correct)');
    expect(trainerText).toContain('**Trainer notes:**');
    const learner = read('courses/CP-FR-learner.md');
    for (const hidden of ['(correct)', 'Trainer notes', 'Rationale', 'Appendix', 'Running order', 'answer key']) {
        expect(learner).not.toContain(hidden);
    }
    // The learner's plenary may mention the evaluation, but the trainer's forms are not in their edition.
    const learnerHeadings = parse('courses/CP-FR-learner.md')
        .children.filter(n => n.type === 'heading')
        .map(headingText);
    expect(learnerHeadings).not.toContain('Evaluation form');
    expect(learnerHeadings).not.toContain('CPD record');
    // One section per recommendation answered (16), then the plan's waivers.
    const sections = parse('plans/ec-plan-2024.md').children.filter(n => n.type === 'heading' && n.depth === 2);
    expect(sections).toHaveLength(17);
    expect(headingText(sections.at(-1) as Heading)).toBe('Waivers');
}

/** JUnit for the bundled framework: a suite per recommendation in its order, one test case per evidence requirement, recommendation 15 (none) an empty suite. */
export function expectSuitePerRecommendation(junit: {
    totals: { tests: string };
    suites: ReadonlyArray<{ name: string; tests: string; testcase?: unknown }>;
}): void {
    const reference = referenceRecommendations();
    expect(reference).toHaveLength(16);
    expect(junit.suites.map(s => s.name)).toEqual(reference.map(r => `SC2024 recommendation ${r.id}`));
    expect(junit.suites.map(s => Number(s.tests))).toEqual(reference.map(r => r.evidence.length));
    const fifteen = junit.suites.find(s => s.name === 'SC2024 recommendation 15')!;
    expect([fifteen.tests, fifteen.testcase]).toEqual(['0', undefined]);
    // Test cases are still exactly the evidence requirements.
    expect(junit.totals.tests).toBe(String(reference.flatMap(r => r.evidence).length));
}
