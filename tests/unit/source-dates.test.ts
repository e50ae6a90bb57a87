import { describe, expect, test } from 'vitest';
import { variant } from '../support/fixtures-base.js';
import { expected, findings as textFindings } from '../support/text-findings.js';
import { buildWorkspace } from '../support/workspace.js';

// GDL0313: approved material citing a source dated after its approval, reported at the date inside the source
// string. In the clean base the guidance document and the module are approved on 2025-01-10 (the sections inherit
// the document's date) and nothing is reported, so every finding below comes from the sources added.

const codes = new Set(['GDL0313']);
const findings = (files: Record<string, string>, file: string) => textFindings(files, file, codes);

/** The clean base with these `source` lines on section s-one (approved 2025-01-10 through its document). */
const sectionSources = (...sources: string[]) =>
    variant([['guidance.gdl', 'cites PHA.s2A', ['cites PHA.s2A', ...sources.map(s => `source ${JSON.stringify(s)}`)].join('\n        ')]]);

describe('a source dated after the approval date', () => {
    test('each way of writing a date is reported at the date, on its line and column', async () => {
        const files = sectionSources(
            'Home Office, Stalking legislation review: terms of reference (22 October 2025): https://www.gov.uk/government/publications/x',
            'Home Office, circular 2025-10-23 on stalking',
            'Ministry of Justice, factsheet (3 Feb 2025)',
            'College of Policing, APP update (1st Sept. 2025)',
            'Stalking Protection Orders: statutory guidance (updated February 2025)',
            'NPCC letter, March 4, 2025',
            'Victims review (2026)',
            'Stalking Reform Act 2028, s1'
        );
        const text = files['guidance.gdl']!;
        const found = await findings(files, 'guidance.gdl');
        expect(found).toEqual(
            expected(text, [
                ['GDL0313', '22 October 2025'],
                ['GDL0313', '2025-10-23'],
                ['GDL0313', '3 Feb 2025'],
                ['GDL0313', '1st Sept. 2025'],
                ['GDL0313', 'February 2025'],
                ['GDL0313', 'March 4, 2025'],
                ['GDL0313', '2026'],
                ['GDL0313', '2028']
            ])
        );
        // As `gdl check` prints it: the first source is on line 11, its date at column 79 (8 spaces, `source "` and 62 characters before it).
        expect(found[0]).toBe('GDL0313 @11:79 "22 October 2025"');
    });

    test('the message names the section, its approval date and the date as written', async () => {
        const workspace = await buildWorkspace(sectionSources('Home Office, terms of reference (22 October 2025)'));
        expect(workspace.diagnostics('guidance.gdl').map(d => d.message)).toEqual([
            "Section 's-one' was approved on 2025-01-10 but cites a source dated 22 October 2025: a page approved then cannot rely on it. Re-approve the material, or remove the source."
        ]);
    });

    test('a date on or before the approval date is not reported', async () => {
        const files = sectionSources(
            'Approval briefing (10 January 2025)',
            'Circular 2025-01-10',
            'Factsheet (9 Jan 2025)',
            'Review (December 2024)',
            'Super-complaint report (2024)',
            'Stalking Protection Act 2019, s1'
        );
        expect(await findings(files, 'guidance.gdl')).toEqual([]);
    });

    test('a month or a year that includes the approval date is not reported', async () => {
        const files = sectionSources('Guidance (January 2025)', 'Factsheet (Jan 2025)', 'Annual report (2025)', 'Crime Act 2025');
        expect(await findings(files, 'guidance.gdl')).toEqual([]);
        // The day after the month is reported: the first of February is after 10 January.
        const later = sectionSources('Guidance (January 2025)', 'Factsheet (1 February 2025)');
        expect(await findings(later, 'guidance.gdl')).toEqual(expected(later['guidance.gdl']!, [['GDL0313', '1 February 2025']]));
    });

    test('numbers in web addresses, case numbers and ranges are not dates', async () => {
        const files = sectionSources(
            'Home Office guidance: https://www.gov.uk/government/publications/2026/stalking-review',
            'Search results: https://www.gov.uk/search/news?published=2026-03-01&topic=stalking',
            'Stalking Act, legislation.gov.uk/ukpga/2026/17/section/2 and www.example.org/2027-03-01/page',
            'DPP v Baker [2004] EWHC 2031 (Admin)',
            'Force plan for 2025-26 and 2026/27'
        );
        expect(await findings(files, 'guidance.gdl')).toEqual([]);
        // The same date outside the address is one.
        const outside = sectionSources('Home Office guidance (2026): https://www.gov.uk/government/publications/2026/stalking-review');
        // Line 11, after `        source "Home Office guidance (`: only the year in brackets, not the one in the address.
        expect(await findings(outside, 'guidance.gdl')).toEqual(['GDL0313 @11:39 "2026"']);
    });

    test('a draft, a withdrawn section, a draft without an approval date and a section re-approved later are not reported', async () => {
        const source = 'Home Office, terms of reference (22 October 2025)';
        const draft = sectionSources(source);
        draft['guidance.gdl'] = draft['guidance.gdl']!.replace('section s-one "One" {', 'section s-one "One" { status draft');
        expect(await findings(draft, 'guidance.gdl')).toEqual([]);
        const withdrawn = sectionSources(source);
        withdrawn['guidance.gdl'] = withdrawn['guidance.gdl']!.replace('section s-one "One" {', 'section s-one "One" { status withdrawn');
        expect(await findings(withdrawn, 'guidance.gdl')).toEqual([]);
        const undated = sectionSources(source);
        undated['guidance.gdl'] = undated['guidance.gdl']!.replace('status approved\n    approved 2025-01-10', 'status draft');
        expect(await findings(undated, 'guidance.gdl')).toEqual([]);
        const reapproved = sectionSources(source);
        reapproved['guidance.gdl'] = reapproved['guidance.gdl']!.replace(
            'section s-one "One" {',
            'section s-one "One" { approved 2025-11-03'
        );
        expect(await findings(reapproved, 'guidance.gdl')).toEqual([]);
    });

    test("a document's own sources are checked against its approval date, a subsection's once, on the subsection", async () => {
        const files = variant([
            ['guidance.gdl', 'audience responders', 'audience responders\n    source "Home Office, review (June 2025)"'],
            ['guidance.gdl', '{ """Sub text.""" }', '{ source "Letter (2 July 2025)" """Sub text.""" }']
        ]);
        expect(await findings(files, 'guidance.gdl')).toEqual(
            expected(files['guidance.gdl']!, [
                ['GDL0313', 'June 2025'],
                ['GDL0313', '2 July 2025']
            ])
        );
        const messages = (await buildWorkspace(files)).diagnostics('guidance.gdl').map(d => d.message);
        expect(messages[0]).toMatch(/^Guidance 'G' was approved on 2025-01-10 but cites a source dated June 2025:/);
        expect(messages[1]).toMatch(/^Section 's-two-a' was approved on 2025-01-10 but cites a source dated 2 July 2025:/);
    });
});

describe('training modules', () => {
    const edit: [string, string, string] = [
        'training.gdl',
        'delivery classroom',
        'delivery classroom\n    source "College of Policing, module refresh (November 2025)"'
    ];

    test("an approved module's source dated after its approval is reported; a draft module's is not", async () => {
        const approved = variant([edit]);
        expect(await findings(approved, 'training.gdl')).toEqual(expected(approved['training.gdl']!, [['GDL0313', 'November 2025']]));
        const messages = (await buildWorkspace(approved)).diagnostics('training.gdl').map(d => d.message);
        expect(messages).toContain(
            "Module 'M' was approved on 2025-01-10 but cites a source dated November 2025: a page approved then cannot rely on it. Re-approve the material, or remove the source."
        );
        const draft = variant([edit, ['training.gdl', 'status approved', 'status draft']]);
        expect(await findings(draft, 'training.gdl')).toEqual([]);
    });
});
