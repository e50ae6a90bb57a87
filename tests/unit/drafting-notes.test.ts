import { describe, expect, test } from 'vitest';
import { cleanBase, variant } from '../support/fixtures-base.js';
import { expected, findings as textFindings } from '../support/text-findings.js';
import { buildWorkspace } from '../support/workspace.js';

// GDL0311 (a drafting note) and GDL0312 (a path to a file) in the text of material that is not a draft,
// each reported at its words. The clean base raises nothing, so every finding below comes from the text added.

const codes = new Set(['GDL0311', 'GDL0312']);

/** Each GDL0311 and GDL0312 finding in a file, as `code @line:col "the words"`. */
const findings = (files: Record<string, string>, file: string) => textFindings(files, file, codes);

const page = (sectionStatus: string, prose: string) => `
guidance D "Drafted" {
    owner "Lead"
    status approved
    approved 2025-01-10
    review-by 2027-01-10
    audience responders
    section d-one "One" {
        ${sectionStatus}
        """
${prose}
        """
    }
}`;

const markers = String.raw`        Report it. TODO: add the local number.
        The maximum penalty is TBC and FIXME later; the team is XXX.
        See [check] and the sources [citation needed].
        Verify the current maximum penalty on
        legislation.gov.uk before publishing.
        The meeting day is to be confirmed.
        DRAFT: second paragraph.
        Notes are in shared/reference/notes.md §4.4 and ../private/list.md,
        C:\Users\me\notes.docx, file:///srv/notes.txt and /home/me/notes.txt.`;

describe('drafting notes and file paths in approved text', () => {
    test('each kind of marker and path is reported at its words, a phrase across a line break whole', async () => {
        const text = page('', markers);
        const found = await findings({ ...cleanBase, 'page.gdl': text }, 'page.gdl');
        expect(found).toEqual(
            expected(text, [
                ['GDL0311', 'TODO'],
                ['GDL0311', 'TBC'],
                ['GDL0311', 'FIXME'],
                ['GDL0311', 'XXX'],
                ['GDL0311', '[check]'],
                ['GDL0311', '[citation needed]'],
                ['GDL0311', 'Verify the current maximum penalty on\n        legislation.gov.uk before publishing'],
                ['GDL0311', 'to be confirmed'],
                ['GDL0311', 'DRAFT'],
                ['GDL0312', 'shared/reference/notes.md'],
                ['GDL0312', '../private/list.md'],
                ['GDL0312', String.raw`C:\Users\me\notes.docx`],
                ['GDL0312', 'file:///srv/notes.txt'],
                ['GDL0312', '/home/me/notes.txt']
            ])
        );
        // As `gdl check` prints them: the TODO is on line 11 (the prose's first line), column 20.
        expect(found[0]).toBe('GDL0311 @11:20 "TODO"');
    });

    test('the message names the item and the note, a long phrase shortened', async () => {
        const workspace = await buildWorkspace({ ...cleanBase, 'page.gdl': page('', markers) });
        const messages = workspace.diagnostics('page.gdl').map(d => d.message);
        expect(messages).toContain(
            "Section 'd-one' is not a draft, but its text carries a drafting note, 'Verify … before publishing': settle it, or keep the note in a `//` comment."
        );
        expect(messages).toContain(
            "Section 'd-one' is not a draft, but its text names the file 'shared/reference/notes.md', which readers cannot open: cite the source itself, or keep the path in a `//` comment."
        );
    });

    test('the same text in a draft or withdrawn section is not reported', async () => {
        expect(await findings({ ...cleanBase, 'page.gdl': page('status draft', markers) }, 'page.gdl')).toEqual([]);
        expect(await findings({ ...cleanBase, 'page.gdl': page('status withdrawn', markers) }, 'page.gdl')).toEqual([]);
    });

    test('ordinary sentences, web addresses and Markdown links are not drafting notes or paths', async () => {
        const ordinary = String.raw`        Call handlers verify the caller's identity and check the address before the call ends.
        Keep a TODO-free page: review it before publication of the annual report.
        The reference list is at https://www.college.police.uk/reference/notes.md and on
        legislation.gov.uk/ukpga/1997/40/section/2A; write to mailto:team@example.org.
        Arrangements are to be confirmed in writing, and/or by phone, 24/7.
        He said "[the victim] was followed"; see [the checklist](https://example.org/check) and Part XXX of the Act.`;
        expect(await findings({ ...cleanBase, 'page.gdl': page('', ordinary) }, 'page.gdl')).toEqual([]);
    });

    test("a `note`, an exhibit's file and a `//` comment are for authors; a provision's summary is text readers see", async () => {
        const files = variant([
            ['exhibits.gdl', 'address "https://example.org/audit"', 'file "shared/audit.md" note "TODO: verify before publishing"'],
            ['legislation.gdl', '"Summary only."', '// TODO: shared/reference/notes.md\n        "Summary only. TBC."']
        ]);
        expect(await findings(files, 'exhibits.gdl')).toEqual([]);
        expect(await findings(files, 'legislation.gdl')).toEqual(expected(files['legislation.gdl']!, [['GDL0311', 'TBC']]));
    });
});

describe('the wider list of drafting markers', () => {
    test('notes in brackets, sentences that are only a note, capitals labels and ?? are reported, as errors', async () => {
        const text = page(
            '',
            String.raw`        The maximum is ten years (check this). Check this.
        Breach is triable either way (verify). Needs checking.
        CHECK: penalty for s4A. The date is ?? and the source (source?) is
        [needs a source].`
        );
        const found = await findings({ ...cleanBase, 'page.gdl': text }, 'page.gdl');
        expect(found).toEqual(
            expected(text, [
                ['GDL0311', '(check this)'],
                ['GDL0311', 'Check this.'],
                ['GDL0311', '(verify)'],
                ['GDL0311', 'Needs checking.'],
                ['GDL0311', 'CHECK'],
                ['GDL0311', '??'],
                ['GDL0311', '(source?)'],
                ['GDL0311', '[needs a source]']
            ])
        );
        const workspace = await buildWorkspace({ ...cleanBase, 'page.gdl': text });
        expect(
            workspace
                .diagnostics('page.gdl')
                .filter(d => d.code === 'GDL0311')
                .every(d => d.severity === 1)
        ).toBe(true);
    });

    test('instructions to officers that use the same words are not drafting notes', async () => {
        const ordinary = String.raw`        Verify the suspect's identity and check this against the PNC before you leave.
        Check the address. Confirm the victim's details (confirm in writing where you can).
        Did the supervisor check? Officers must verify that the order was served; the court will confirm it.
        Check: is the behaviour fixated, obsessive, unwanted and repeated? Ask "what happened?" twice.`;
        expect(await findings({ ...cleanBase, 'page.gdl': page('', ordinary) }, 'page.gdl')).toEqual([]);
    });
});

describe('plans and training', () => {
    const planEdits: Array<[string, string, string]> = [
        ['plan.gdl', 'update "Done."', 'update "Done; the audit date is TBC."'],
        [
            'plan.gdl',
            'exhibits X-AUDIT }',
            'exhibits X-AUDIT\n        on 2025-01-01 { status in-progress progress 50% update "Started, dates tbd." } }'
        ]
    ];

    test("a published plan's update with TBC is reported, in the latest update and in its history", async () => {
        const files = variant(planEdits);
        expect(await findings(files, 'plan.gdl')).toEqual(
            expected(files['plan.gdl']!, [
                ['GDL0311', 'TBC'],
                ['GDL0311', 'tbd']
            ])
        );
        const workspace = await buildWorkspace(files);
        expect(workspace.diagnostics('plan.gdl').map(d => d.message)).toContain(
            "Plan item 12 is not a draft, but its text carries a drafting note, 'TBC': settle it, or keep the note in a `//` comment."
        );
    });

    test('the same plan as a draft (an imported page not yet merged) is not reported', async () => {
        const files = variant([...planEdits, ['plan.gdl', 'force "Test"', 'force "Test" status draft']]);
        expect(await findings(files, 'plan.gdl')).toEqual([]);
    });

    test("an approved module's content, trainer notes and rationale are reported; a draft module's are not", async () => {
        const edits: Array<[string, string, string]> = [
            [
                'training.gdl',
                'content "Intro" { duration 90 minutes """x""" }',
                'content "Intro" { duration 90 minutes """x [insert local contact]""" trainer-notes "See ~/slides/intro.pptx" }'
            ],
            ['training.gdl', 'rationale "because"', 'rationale "Check the wording on gov.uk before publishing."']
        ];
        const approved = variant(edits);
        expect(await findings(approved, 'training.gdl')).toEqual(
            expected(approved['training.gdl']!, [
                ['GDL0311', '[insert local contact]'],
                ['GDL0312', '~/slides/intro.pptx'],
                ['GDL0311', 'Check the wording on gov.uk before publishing']
            ])
        );
        const draft = variant([...edits, ['training.gdl', 'status approved', 'status draft']]);
        expect(await findings(draft, 'training.gdl')).toEqual([]);
    });
});
