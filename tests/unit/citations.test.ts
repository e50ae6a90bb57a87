import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { describe, expect, test } from 'vitest';
import { legislationMentions, type ActFacts } from '../../language/src/validation/provision-mentions.js';
import { addMonths } from '../../language/src/dates.js';
import { cleanBase, variant } from '../support/fixtures-base.js';
import { expected, findings as textFindings } from '../support/text-findings.js';
import { buildWorkspace } from '../support/workspace.js';

// Statute citations and legal currency (GDL0314-GDL0321): what each finds, at which words, and the quick fix.

const spa = `
legislation SPA "Stalking Protection Act 2019" {
    address "https://www.legislation.gov.uk/ukpga/2019/9"
    chapter 9
    verified 2025-06-01
    provision s1 "Applications for orders" address "https://www.legislation.gov.uk/ukpga/2019/9/section/1"
    provision s2 "Power to make orders" address "https://www.legislation.gov.uk/ukpga/2019/9/section/2"
    provision s8 "Offence of breaching order" address "https://www.legislation.gov.uk/ukpga/2019/9/section/8"
}`;

/** The clean base with PHA s2, s4A, the SPA, and a section whose prose is `prose` (indented as written in a file). */
function withProse(prose: string, cites = ''): Record<string, string> {
    return variant(
        [
            [
                'legislation.gdl',
                '"Summary only."',
                `"Summary only."
    provision s2 "Offence of harassment" address "https://www.legislation.gov.uk/ukpga/1997/40/section/2" verified 2025-06-01
    provision s4A "Stalking involving fear of violence or serious alarm or distress" address "https://www.legislation.gov.uk/ukpga/1997/40/section/4A" verified 2025-06-01`
            ],
            [
                'guidance.gdl',
                '    section s-two "Two" {\n        """More."""',
                `    section s-two "Two" {${cites}\n        """\n${prose}\n        """`
            ]
        ],
        { 'spa.gdl': spa }
    );
}

const citationCodes = new Set(['GDL0314', 'GDL0315', 'GDL0316']);
const findings = (files: Record<string, string>, file = 'guidance.gdl', codes = citationCodes) => textFindings(files, file, codes);

describe('provisions named in prose and not cited (GDL0314-GDL0316)', () => {
    test('each way of naming a provision is found at its words, positions counted through the block indentation', async () => {
        const prose = [
            '        Stalking is an offence under section 2A; where it causes fear of violence, s.4A applies',
            '        (see s 4A(1) and sections 2A and',
            '        4A). Breach of an order is an offence under section 8 of the Stalking Protection Act 2019.'
        ].join('\n');
        const files = withProse(prose);
        expect(await findings(files)).toEqual(
            expected(files['guidance.gdl']!, [
                ['GDL0314', 'section 2A'],
                ['GDL0314', 's.4A'],
                ['GDL0314', 's 4A(1)'],
                ['GDL0314', 'sections 2A and\n        4A'],
                ['GDL0314', 'sections 2A and\n        4A'],
                ['GDL0314', 'section 8 of the Stalking Protection Act 2019']
            ])
        );
        const workspace = await buildWorkspace(files);
        const first = workspace.diagnostics('guidance.gdl').find(d => d.code === 'GDL0314')!;
        // "        Stalking is an offence under " is 37 characters: the words start at column 38 of the prose's first line.
        const line = files['guidance.gdl']!.split('\n').findIndex(l => l.includes('section 2A;'));
        expect(first.range.start).toEqual({ line, character: 37 });
        expect(first.severity).toBe(4); // a hint
        expect(first.message).toBe(
            "'section 2A' names PHA.s2A (Offence of stalking), which section 's-two' does not cite: add `cites PHA.s2A`."
        );
    });

    test('not reported when the section, a section above or below it, cites the provision', async () => {
        const prose = '        Stalking (section 2A) and s4A; section 8 of the Stalking Protection Act 2019.';
        expect(await findings(withProse(prose, '\n        cites PHA.s2A, PHA.s4A, SPA.s8'))).toEqual([]);
        const below = withProse(prose);
        const files = {
            ...below,
            'guidance.gdl': below['guidance.gdl']!.replace(
                'section s-two-a "Sub" {',
                'section s-two-a "Sub" { cites PHA.s2A, PHA.s4A, SPA.s8'
            )
        };
        expect(await findings(files)).toEqual([]);
    });

    test("another Act's sections, addresses, comments and numbers that are not sections are not findings", async () => {
        const prose = [
            '        Arrest under section 24 of PACE; search under s18 of the Police and Criminal Evidence Act 1984.',
            '        The text is at legislation.gov.uk/ukpga/1997/40/section/2A and https://www.legislation.gov.uk/ukpga/2019/9/section/8.',
            '        Call 2A on extension 4A; there were 2 incidents in 8 days.'
        ].join('\n');
        expect(await findings(withProse(prose))).toEqual([]);
        expect(await findings(withProse('        Text.', '\n        // Remember section 2A.'))).toEqual([]);
    });

    test('a bare section several Acts have: settled by the Act named before it, by a section only one Act has, or reported with the Acts', async () => {
        const said = async (prose: string, cites = '') =>
            (await buildWorkspace(withProse(prose, cites)))
                .diagnostics('guidance.gdl')
                .filter(d => citationCodes.has(String(d.code)))
                .map(d => `${d.code} ${d.message}`);
        expect(await said('        Harassment is an offence (s2).')).toEqual([
            "GDL0315 's2' could be section 2 of any of PHA, SPA, and section 's-two' cites none of them: name the Act in the text and cite the provision."
        ]);
        // The SPA's: named just before it.
        expect(await said('        Under the Stalking Protection Act 2019 a court may make an order (s2).')).toEqual([
            "GDL0314 's2' names SPA.s2 (Power to make orders), which section 's-two' does not cite: add `cites SPA.s2`."
        ]);
        // Section 2A is only the 1997 Act's, so the section 2 listed with it is too.
        expect((await said('        Harassment and stalking (ss2 and 2A).')).map(m => / names (\S+) /.exec(m)?.[1])).toEqual([
            'PHA.s2',
            'PHA.s2A'
        ]);
        // A page that cites section 2 of one of the Acts means that one.
        expect(await said('        Harassment (s2).', '\n        cites PHA.s2')).toEqual([]);
    });

    test('an Act named on its own, none of its provisions cited: a hint naming the provisions', async () => {
        const files = withProse('        See the Stalking Protection Act 2019 and the 1997 Act.');
        expect(await findings(files)).toEqual(
            expected(files['guidance.gdl']!, [
                ['GDL0316', 'Stalking Protection Act 2019'],
                ['GDL0316', '1997 Act']
            ])
        );
        expect(await findings(withProse('        See the Stalking Protection Act 2019.', '\n        cites SPA.s1'))).toEqual([]);
    });

    test('in training: a step or the module cites for all of its text', async () => {
        const module = (cites: string) =>
            variant([
                [
                    'training.gdl',
                    'content "Intro" { duration 90 minutes """x""" }',
                    `content "Intro" { duration 90 minutes ${cites} """Stalking (section 2A).""" }`
                ],
                ['training.gdl', 'rationale "because"', 'rationale "Section 2A is summary only."']
            ]);
        const files = module('');
        expect(await findings(files, 'training.gdl')).toEqual(
            expected(files['training.gdl']!, [
                ['GDL0314', 'section 2A'],
                ['GDL0314', 'Section 2A']
            ])
        );
        expect(await findings(module('cites PHA.s2A'), 'training.gdl')).toEqual([]);
    });
});

describe('the quick fix', () => {
    async function fix(files: Record<string, string>, file: string) {
        const workspace = await buildWorkspace(files);
        const document = workspace.documents.get(file)!;
        const diagnostic = workspace.diagnostics(file).find(d => d.code === 'GDL0314') as Diagnostic;
        const actions = (await workspace.services.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.uri.toString() },
            range: diagnostic.range,
            context: { diagnostics: [diagnostic] }
        })) as CodeAction[];
        const action = actions.find(a => a.title.startsWith('Cite '))!;
        const edits = action.edit!.changes![document.uri.toString()]!;
        const fixed = TextDocument.applyEdits(document.textDocument, edits);
        const formatter = workspace.services.lsp.Formatter!;
        const after = await buildWorkspace({ ...files, [file]: fixed });
        const formatEdits = await formatter.formatDocument(after.documents.get(file)!, {
            textDocument: { uri: after.documents.get(file)!.uri.toString() },
            options: { tabSize: 4, insertSpaces: true }
        });
        return {
            title: action.title,
            fixed,
            after,
            formatted: TextDocument.applyEdits(after.documents.get(file)!.textDocument, formatEdits)
        };
    }

    test('a section without cites gets a `cites` line, where and as the formatter puts it, and the hint goes', async () => {
        const { title, fixed, after, formatted } = await fix(withProse('        Stalking (section 2A).'), 'guidance.gdl');
        expect(title).toBe("Cite PHA.s2A in section 's-two'");
        const inserted = '    section s-two "Two" {\n        cites PHA.s2A\n        """';
        expect(fixed).toContain(inserted);
        expect(after.codes('guidance.gdl')).not.toContain('GDL0314');
        // The formatter leaves the inserted line as it is (it may reformat other one-line blocks of the fixture).
        expect(formatted).toContain(inserted);
    });

    test('a section that cites already gets the provision added to its list', async () => {
        const files = variant(
            [
                [
                    'guidance.gdl',
                    '"""\n        Text.\n        """',
                    '"""\n        Text under section 2A and s8 of the Stalking Protection Act 2019.\n        """'
                ]
            ],
            { 'spa.gdl': spa }
        );
        const workspace = await buildWorkspace(files);
        expect(workspace.codes('guidance.gdl')).toEqual(['GDL0314']);
        const { fixed } = await fix(files, 'guidance.gdl');
        expect(fixed).toContain('cites PHA.s2A, SPA.s8\n');
    });

    test('a step written on one line gets the citation first on its line', async () => {
        const files = variant([['training.gdl', '"""x"""', '"""Stalking (section 2A)."""']]);
        const { title, fixed, after } = await fix(files, 'training.gdl');
        expect(title).toBe("Cite PHA.s2A in the step 'Intro'");
        expect(fixed).toContain('content "Intro" { cites PHA.s2A duration 90 minutes """Stalking (section 2A).""" }');
        expect(after.codes('training.gdl')).not.toContain('GDL0314');
    });
});

describe('legislation addresses (GDL0317)', () => {
    const address = (act: string, provision: string) =>
        variant([
            ['legislation.gdl', 'address "https://www.legislation.gov.uk/ukpga/1997/40"', `address "${act}"`],
            ['legislation.gdl', 'address "https://www.legislation.gov.uk/ukpga/1997/40/section/2A"', `address "${provision}"`]
        ]);
    const messages = async (files: Record<string, string>) =>
        (await buildWorkspace(files))
            .diagnostics('legislation.gdl')
            .filter(d => d.code === 'GDL0317')
            .map(d => d.message);

    test('the official addresses, versions and formats of them are not findings', async () => {
        expect(await messages(cleanBase)).toEqual([]);
        expect(
            await messages(
                address(
                    'https://www.legislation.gov.uk/ukpga/1997/40/contents',
                    'https://www.legislation.gov.uk/ukpga/1997/40/section/2A/enacted'
                )
            )
        ).toEqual([]);
    });

    test('another site, another Act, another section, and http are each reported with the right address', async () => {
        expect(
            await messages(address('https://www.legislation.gov.uk/ukpga/1997/41', 'https://www.cps.gov.uk/legal-guidance/stalking'))
        ).toEqual([
            "PHA's address 'https://www.legislation.gov.uk/ukpga/1997/41' is not the official text: Protection from Harassment Act 1997 is at https://www.legislation.gov.uk/ukpga/1997/40.",
            "PHA.s2A's address 'https://www.cps.gov.uk/legal-guidance/stalking' is not the official text: it is on www.cps.gov.uk, not legislation.gov.uk: use https://www.legislation.gov.uk/ukpga/1997/40/section/2A."
        ]);
        expect(
            await messages(
                address('https://www.legislation.gov.uk/ukpga/1997/40', 'http://legislation.gov.uk/ukpga/1997/40/section/2A/data.html')
            )
        ).toEqual([
            "PHA.s2A's address 'http://legislation.gov.uk/ukpga/1997/40/section/2A/data.html' is not the official text: write it as https://www.legislation.gov.uk/ukpga/1997/40/section/2A."
        ]);
        expect(
            await messages(
                address('https://www.legislation.gov.uk/ukpga/1997/40', 'https://www.legislation.gov.uk/ukpga/1997/40/section/4A')
            )
        ).toEqual([
            "PHA.s2A's address 'https://www.legislation.gov.uk/ukpga/1997/40/section/4A' is not the official text: section 2A of Protection from Harassment Act 1997 is at https://www.legislation.gov.uk/ukpga/1997/40/section/2A."
        ]);
    });

    test('without a chapter, the year in the title still has to match', async () => {
        const files = variant([
            ['legislation.gdl', '    chapter 40\n', ''],
            [
                'legislation.gdl',
                'address "https://www.legislation.gov.uk/ukpga/1997/40"',
                'address "https://www.legislation.gov.uk/ukpga/1998/40"'
            ]
        ]);
        expect((await messages(files))[0]).toContain("the 1997 Act's address has the year 1998");
    });
});

describe('legal currency (GDL0318, GDL0319, GDL0321)', () => {
    const codesAt = async (files: Record<string, string>, asOf: string, months?: number) => {
        const workspace = await buildWorkspace(files, asOf);
        if (months !== undefined) {
            workspace.services.gdl.Settings.legalCurrencyMonths = months;
            await workspace.edit('legislation.gdl', files['legislation.gdl']!);
        }
        return workspace.codes('legislation.gdl');
    };

    test('current for 12 months to the day, lapsed the day after; the period is a setting', async () => {
        expect(addMonths('2025-06-01', 12)).toBe('2026-06-01');
        expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
        expect(await codesAt(cleanBase, '2026-06-01')).toEqual([]);
        expect(await codesAt(cleanBase, '2026-06-02')).toEqual(['GDL0318']);
        expect(await codesAt(cleanBase, '2025-12-02', 6)).toEqual(['GDL0318']);
        expect(await codesAt(cleanBase, '2025-12-01', 6)).toEqual([]);
    });

    test("a provision takes its Act's date; never verified is information at the provision's name", async () => {
        const onAct = variant([
            ['legislation.gdl', ' verified 2025-06-01', ''],
            ['legislation.gdl', '    chapter 40', '    chapter 40\n    verified 2025-06-01']
        ]);
        expect(await codesAt(onAct, '2026-01-15')).toEqual([]);
        const never = variant([['legislation.gdl', ' verified 2025-06-01', '']]);
        const workspace = await buildWorkspace(never);
        const diagnostic = workspace.diagnostics('legislation.gdl').find(d => d.code === 'GDL0319')!;
        expect(diagnostic.severity).toBe(3);
        const line = never['legislation.gdl']!.split('\n').findIndex(l => l.includes('provision s2A'));
        expect(diagnostic.range.start).toEqual({ line, character: 14 });
    });

    test('a verification after the as-of date is reported, not counted as current', async () => {
        expect(await codesAt(cleanBase, '2025-05-31')).toEqual(['GDL0321']);
    });
});

describe('non-authoritative sources (GDL0320)', () => {
    const codes = new Set(['GDL0320']);
    const withSource = (source: string) => variant([['guidance.gdl', 'see s-two', `see s-two\n        source "${source}"`]]);

    test('an address on a listed site or its subdomain is reported at the address; others are not', async () => {
        const files = withSource('Stalking, https://en.wikipedia.org/wiki/Stalking; thread at reddit.com/r/legaladviceuk/x');
        expect(await textFindings(files, 'guidance.gdl', codes)).toEqual(
            expected(files['guidance.gdl']!, [
                ['GDL0320', 'https://en.wikipedia.org/wiki/Stalking'],
                ['GDL0320', 'reddit.com/r/legaladviceuk/x']
            ])
        );
        const fine = withSource(
            'CPS, https://www.cps.gov.uk/legal-guidance/stalking-or-harassment; https://www.notx.com/a; https://www.college.police.uk/app'
        );
        expect(await textFindings(fine, 'guidance.gdl', codes)).toEqual([]);
    });

    test('the list is a setting', async () => {
        const files = withSource('https://www.example.org/stalking');
        const workspace = await buildWorkspace(files);
        expect(workspace.codes('guidance.gdl')).not.toContain('GDL0320');
        workspace.services.gdl.Settings.nonAuthoritativeSources = ['example.org'];
        await workspace.edit('guidance.gdl', files['guidance.gdl']!);
        expect(workspace.codes('guidance.gdl')).toContain('GDL0320');
    });
});

describe('the mention finder', () => {
    const acts: ActFacts[] = [
        {
            id: 'PHA1997',
            title: 'Protection from Harassment Act 1997',
            provisions: new Map([
                ['section 2A', 's2A'],
                ['section 2', 's2']
            ])
        },
        {
            id: 'SPA2019',
            title: 'Stalking Protection Act 2019',
            provisions: new Map([
                ['section 2', 's2'],
                ['schedule 1', 'Sch1']
            ])
        }
    ];

    test("'the 2019 Act' is the one Act of 2019; with two Acts of one year it names neither", () => {
        expect(legislationMentions('Orders under the 2019 Act.', acts).map(m => m.act)).toEqual(['SPA2019']);
        const twice = [...acts, { id: 'XA2019', title: 'Example Act 2019', provisions: new Map() }];
        expect(legislationMentions('Orders under the 2019 Act.', twice)).toEqual([]);
    });

    test("an Act's id and year ('PHA 1997'), a schedule, and a section qualified by it", () => {
        const found = legislationMentions('Under PHA 1997 s2, and Schedule 1 of the Stalking Protection Act 2019.', acts);
        expect(found.map(m => [m.text, m.act, m.provision])).toEqual([
            ['PHA 1997', 'PHA1997', undefined],
            ['s2', 'PHA1997', 's2'],
            ['Schedule 1 of the Stalking Protection Act 2019', 'SPA2019', 'Sch1']
        ]);
    });
});
