import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { allCodes, Codes } from '../../language/src/validation/diagnostic-codes.js';
import { cleanBase, variant } from '../support/fixtures-base.js';
import { buildWorkspace } from '../support/workspace.js';

interface Case {
    code: string;
    files: Record<string, string>;
    asOf?: string;
    /** The plain-English checks on (the editor's default; the CLI's --prose). */
    prose?: boolean;
    /** File the diagnostic must appear in. */
    in: string;
    /** Text the message must contain. */
    says?: string;
    /** An edit made after the first build, as the writer makes one in the editor: the file and its new text. */
    edit?: [file: string, text: string];
}

/** The clean base without some of its files. */
const without = (...names: string[]) => Object.fromEntries(Object.entries(cleanBase).filter(([name]) => !names.includes(name)));

// One case a line: a table of codes, read down the code column.
// prettier-ignore
const cases: Case[] = [
    { code: 'GDL0001', files: variant([['guidance.gdl', 'section s-two "Two" {', 'section s-two "Two" { #']]), in: 'guidance.gdl' },
    { code: 'GDL0001', files: variant([['guidance.gdl', 'section s-two "Two" {', 'section "Two" {']]), in: 'guidance.gdl' },
    { code: 'GDL0002', files: variant([['guidance.gdl', 'addresses 12.1, 12.3', 'addresses 12.1, 12.9']]), in: 'guidance.gdl', says: "Unknown evidence requirement '12.9'" },
    { code: 'GDL0002', files: variant([['guidance.gdl', 'see s-two', 'see s-tow']]), in: 'guidance.gdl', says: "did you mean 's-two'?" },
    { code: 'GDL0003', files: variant([], { 'more.gdl': 'audience responders "Again"' }), in: 'more.gdl', says: "Audience id 'responders' is defined more than once" },
    { code: 'GDL0003', files: variant([], { 'more.gdl': 'audience responders "Again"' }), in: 'framework.gdl', says: 'more.gdl:1' },
    { code: 'GDL0004', files: variant([['guidance.gdl', 'owner "Lead"', 'owner "Lead" owner "Other"']]), in: 'guidance.gdl', says: "'owner' is given more than once" },
    { code: 'GDL0005', files: variant([['guidance.gdl', 'approved 2025-01-10', 'approved 2025-02-30']]), in: 'guidance.gdl', says: "'2025-02-30' is not a calendar date" },
    { code: 'GDL0006', files: variant([['guidance.gdl', 'addresses 12.1, 12.3', 'addresses 12.1, 12.3, 12.1']]), in: 'guidance.gdl' },
    { code: 'GDL0007', files: variant([], { 'deep.gdl': 'guidance D "Deep" { owner "o" status draft section d0 "S" { section d1 "S" { section d2 "S" { section d3 "S" { section d4 "S" { section d5 "S" { section d6 "S" { section d7 "S" { section d8 "S" { section d9 "S" { section d10 "S" { section d11 "S" { section d12 "S" { section d13 "S" { section d14 "S" { section d15 "S" { section d16 "S" { section d17 "S" { section d18 "S" { section d19 "S" { section d20 "S" { section d21 "S" { section d22 "S" { section d23 "S" { section d24 "S" { section d25 "S" { section d26 "S" { section d27 "S" { section d28 "S" { section d29 "S" { section d30 "S" { section d31 "S" { section d32 "S" { section d33 "S" { section d34 "S" { section d35 "S" { section d36 "S" { section d37 "S" { section d38 "S" { section d39 "S" { }}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}} }' }), in: 'deep.gdl', says: 'Blocks are nested more than 32 levels deep here' },
    { code: 'GDL0007', files: variant([['guidance.gdl', 'section s-two "Two" {', 'section s-two "Two" {\n        """\n        >>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>> quoted\n        """']]), in: 'guidance.gdl', says: 'Prose nests quotes, lists or emphasis more than 32 levels deep' },
    { code: 'GDL0008', files: variant([], { 'latin.gdl': 'audience caf "Caf\uFFFD staff"' }), in: 'latin.gdl', says: 'not valid UTF-8' },
    { code: 'GDL0009', files: variant([], { 'junk.gdl': Array(150).fill('#').join(' ') }), in: 'junk.gdl', says: 'not read past here' },
    { code: 'GDL0007', files: variant([['guidance.gdl', 'section s-two "Two" {', 'section s-two "Two" {\n        """\n        - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - deep\n        """']]), in: 'guidance.gdl', says: 'Prose nests quotes, lists or emphasis' },
    { code: 'GDL0101', files: variant([['framework.gdl', 'evidence 12.1 { text "First requirement." }', 'evidence 12.1 { }']]), in: 'framework.gdl' },
    { code: 'GDL0102', files: variant([['framework.gdl', 'text "By 27 March 2025, take steps."', '']]), in: 'framework.gdl' },
    { code: 'GDL0103', files: variant([['framework.gdl', 'deadline 2025-03-27', '']]), in: 'framework.gdl' },
    { code: 'GDL0104', files: variant([['framework.gdl', 'evidence 12.2', 'evidence 13.2'], ['plan.gdl', 'addresses 12.2', 'addresses 13.2']]), in: 'framework.gdl', says: 'belongs to 13' },
    { code: 'GDL0201', files: variant([['guidance.gdl', 'addresses 12.1, 12.3', 'addresses 12.3']]), in: 'framework.gdl', says: 'Evidence requirement 12.1 is not covered' },
    { code: 'GDL0201', files: variant([['plan.gdl', 'status complete progress 100%', 'status in-progress progress 40%']]), in: 'framework.gdl', says: 'plan item 12 (plan item is in progress (40%))' },
    { code: 'GDL0202', files: variant([['training.gdl', 'maps PP-1 addresses 12.3', 'maps PP-1']]), in: 'framework.gdl', says: 'needs guidance and training coverage but is covered only by guidance' },
    { code: 'GDL0203', files: variant([['guidance.gdl', 'addresses 12.1, 12.3', 'addresses 12.3'], ['plan.gdl', 'responds-to F', 'responds-to F\n    waive 12.1 { reason "r" approved-by "A" expires 2025-12-31 }']]), in: 'plan.gdl', says: 'The waiver of 12.1 expired on 2025-12-31 (as of 2026-01-15); 12.1 counts as a gap again.' },
    { code: 'GDL0201', files: variant([['guidance.gdl', 'addresses 12.1, 12.3', 'addresses 12.3'], ['plan.gdl', 'responds-to F', 'responds-to F\n    waive 12.1 { reason "r" approved-by "A" expires 2025-12-31 }']]), in: 'framework.gdl', says: 'its waiver does not count (expired on 2025-12-31)' },
    { code: 'GDL0204', files: variant([['guidance.gdl', 'addresses 12.1, 12.3', 'addresses 12.3'], ['plan.gdl', 'responds-to F', 'responds-to F\n    waive 12.1 { reason "r" approved-by "A" expires 2026-02-01 }']]), in: 'plan.gdl', says: 'expires on 2026-02-01, in 17 days' },
    { code: 'GDL0204', files: variant([['guidance.gdl', 'addresses 12.1, 12.3', 'addresses 12.3'], ['plan.gdl', 'responds-to F', 'responds-to F\n    waive 12.1 { reason "r" approved-by "A" expires 2026-01-16 }']]), in: 'plan.gdl', says: 'expires on 2026-01-16, tomorrow.' },
    { code: 'GDL0204', files: variant([['guidance.gdl', 'addresses 12.1, 12.3', 'addresses 12.3'], ['plan.gdl', 'responds-to F', 'responds-to F\n    waive 12.1 { reason "r" approved-by "A" expires 2026-01-15 }']]), in: 'plan.gdl', says: 'expires on 2026-01-15, today.' },
    { code: 'GDL0205', files: variant([['plan.gdl', 'responds-to F', 'responds-to F\n    waive 12.1 { reason "r" }']]), in: 'plan.gdl', says: 'has no approved-by, expires' },
    { code: 'GDL0206', files: variant([['plan.gdl', 'responds-to F', 'responds-to F\n    not-applicable 12.1 { reason "r" approved-by "A" }']]), in: 'plan.gdl', says: '12.1 is covered; its waiver is not needed.' },
    { code: 'GDL0207', files: variant([['guidance.gdl', 'addresses 12.1, 12.3', 'addresses 12.3'], ['plan.gdl', 'responds-to F', 'responds-to F\n    waive 12.1 { reason "r" approved-by "A" expires 2025-12-31 }\n    waive 12.1 { reason "r" approved-by "A" expires 2026-12-31 }']]), in: 'plan.gdl', says: '12.1 is waived more than once (also at plan.gdl:' },
    { code: 'GDL0208', files: variant([['guidance.gdl', 'addresses 12.1, 12.3', 'addresses 12.3'], ['plan.gdl', 'responds-to F', 'responds-to F\n    waive 12.1 { reason "r" approved-by "A" approved 2026-06-01 expires 2026-12-31 }']]), in: 'plan.gdl', says: 'approved on 2026-06-01, after the as-of date 2026-01-15' },
    { code: 'GDL0209', files: variant([['framework.gdl', 'evidence 12.1 { text "First requirement." }', 'evidence 12.1 { text "First requirement." revised 2025-06-01 }']]), in: 'framework.gdl', says: 'Evidence requirement 12.1 was revised on 2025-06-01; its cover was approved before then and is suspect until reviewed: guidance §s-one (2025-01-10)' },
    { code: 'GDL0210', files: cleanBase, edit: ['guidance.gdl', cleanBase['guidance.gdl']!.replace('addresses 12.1, 12.3', 'addresses 12.3')], in: 'guidance.gdl', says: 'Evidence requirement 12.1 is no longer covered: guidance §s-one was its last cover. The requirement: "First requirement."' },
    { code: 'GDL0301', files: cleanBase, asOf: '2027-02-01', in: 'guidance.gdl', says: 'due for review by 2027-01-10' },
    { code: 'GDL0302', files: variant([['guidance.gdl', 'section s-two "Two" {', 'section s-two "Two" { status draft']]), in: 'guidance.gdl', says: "relies on 's-two', which is draft" },
    { code: 'GDL0302', files: variant([['training.gdl', 'status approved', 'status draft']]), in: 'plan.gdl', says: "Completed plan item '12' relies on 'M'" },
    { code: 'GDL0303', files: variant([['guidance.gdl', 'approved 2025-01-10', '']]), in: 'guidance.gdl' },
    { code: 'GDL0304', files: variant([['guidance.gdl', 'review-by 2027-01-10', 'review-by 2024-12-01']]), in: 'guidance.gdl' },
    { code: 'GDL0305', files: variant([['guidance.gdl', 'review-by 2027-01-10', '']]), in: 'guidance.gdl' },
    { code: 'GDL0306', files: variant([['guidance.gdl', 'approved 2025-01-10', 'approved 2026-06-01']]), in: 'guidance.gdl' },
    { code: 'GDL0307', files: variant([['guidance.gdl', 'owner "Lead"', '']]), in: 'guidance.gdl', says: "Section 's-one' has no owner" },
    { code: 'GDL0308', files: variant([['guidance.gdl', '{ """Sub text.""" }', '{ }']]), in: 'guidance.gdl', says: "Section 's-two-a'" },
    { code: 'GDL0309', files: variant([['guidance.gdl', 'see s-two', 'see s-one']]), in: 'guidance.gdl' },
    { code: 'GDL0310', files: variant([['guidance.gdl', 'audience responders', '']]), in: 'guidance.gdl' },
    { code: 'GDL0311', files: variant([['guidance.gdl', 'Text.', 'Text. TBC.']]), in: 'guidance.gdl', says: "Section 's-one' is not a draft, but its text carries a drafting note, 'TBC'" },
    { code: 'GDL0312', files: variant([['guidance.gdl', 'Text.', 'See shared/reference/notes.md.']]), in: 'guidance.gdl', says: "Section 's-one' is not a draft, but its text names the file 'shared/reference/notes.md'" },
    { code: 'GDL0313', files: variant([['guidance.gdl', 'cites PHA.s2A', 'cites PHA.s2A source "Home Office, terms of reference (22 October 2025)"']]), in: 'guidance.gdl', says: "Section 's-one' was approved on 2025-01-10 but cites a source dated 22 October 2025" },
    { code: 'GDL0401', files: variant([['training.gdl', 'maps PP-1 ', '']]), in: 'training.gdl' },
    { code: 'GDL0402', files: variant([['training.gdl', 'assesses M-LO1 ', '']]), in: 'training.gdl' },
    { code: 'GDL0403', files: variant([['training.gdl', ' correct', '']]), in: 'training.gdl' },
    { code: 'GDL0404', files: variant([['training.gdl', 'question "Q?" ', '']]), in: 'training.gdl' },
    { code: 'GDL0405', files: variant([['training.gdl', 'option "a" ', '']]), in: 'training.gdl' },
    { code: 'GDL0406', files: variant([], { 'm2.gdl': 'module M2 "Two" { audience responders outcome M2-LO1 "x" { maps PP-1 } check M2-Q1 { question "?" assesses M2-LO1, M-LO1 option "a" option "b" correct } }' }), in: 'm2.gdl', says: "assesses 'M-LO1', an outcome of another module (M)" },
    { code: 'GDL0407', files: variant([['training.gdl', 'duration 30 minutes', 'duration 3 hours']]), in: 'training.gdl', says: "adds up to 4 hours 30 minutes, 2 hours 30 minutes more than the module's duration of 2 hours" },
    { code: 'GDL0407', files: variant([['training.gdl', 'duration 2 hours', 'duration 3 hours']]), in: 'training.gdl', says: "adds up to 2 hours, 1 hour less than the module's duration of 3 hours" },
    { code: 'GDL0408', files: variant([], { 'm3.gdl': 'module M3 "Empty" { audience responders }' }), in: 'm3.gdl' },
    { code: 'GDL0409', files: variant([['training.gdl', 'course CP "Course" { audience responders', 'course CP "Course" { audience others']], { 'aud.gdl': 'audience others "Others"' }), in: 'training.gdl' },
    { code: 'GDL0410', files: variant([['training.gdl', 'modules M ', '']]), in: 'training.gdl' },
    { code: 'GDL0411', files: variant([['training.gdl', 'duration 90 minutes ', '']]), in: 'training.gdl', says: "Content 'Intro' of module 'M' has no duration" },
    { code: 'GDL0412', files: variant([['training.gdl', 'supports M-LO1 ', '']]), in: 'training.gdl', says: "Learning outcome 'M-LO1' is supported by no activity of module 'M'" },
    { code: 'GDL0413', files: variant([['training.gdl', 'supports M-LO1 ', '']]), in: 'training.gdl', says: "Activity 'M-A1' supports no learning outcome" },
    { code: 'GDL0414', files: variant([['training.gdl', '{ duration 90 minutes', '{ duration 90 minutes uses M-H1'], ['training.gdl', 'rationale "because" }', 'rationale "because" }\n    handout M-H1 "Sheet" { file "sheet.pdf" }']]), in: 'training.gdl', says: "Handout 'M-H1' is the file 'sheet.pdf', which does not exist." },
    { code: 'GDL0415', files: variant([['training.gdl', '{ duration 90 minutes', '{ duration 90 minutes uses M-H1'], ['training.gdl', 'rationale "because" }', 'rationale "because" }\n    handout M-H1 "Sheet" { file "../sheet.pdf" }']]), in: 'training.gdl', says: 'outside the workspace' },
    { code: 'GDL0416', files: variant([['training.gdl', '{ duration 90 minutes', '{ duration 90 minutes uses M-H1'], ['training.gdl', 'rationale "because" }', 'rationale "because" }\n    handout M-H1 "Sheet" { }']]), in: 'training.gdl', says: "Handout 'M-H1' names no file" },
    { code: 'GDL0417', files: variant([['training.gdl', 'rationale "because" }', 'rationale "because" }\n    handout M-H1 "Sheet" { file "exhibits.gdl" }']]), in: 'training.gdl', says: "Handout 'M-H1' is used by no step of module 'M'" },
    { code: 'GDL0418', files: variant([['training.gdl', 'pass-mark 80%', 'pass-mark 150%']]), in: 'training.gdl', says: 'has a pass mark of 150%' },
    { code: 'GDL0419', files: variant([['training.gdl', 'pass-mark 80%', '']]), in: 'training.gdl', says: 'the default of 80% is used' },
    { code: 'GDL0420', files: variant([['training.gdl', 'rationale "because" }', 'rationale "because" }\n    pool M-P1 draw 2 from M-Q1']]), in: 'training.gdl', says: "Pool 'M-P1' draws 2 questions from 1" },
    { code: 'GDL0421', files: variant([['training.gdl', 'rationale "because" }', 'rationale "because" }\n    pool M-P1 draw 0 from M-Q1']]), in: 'training.gdl', says: "Pool 'M-P1' draws no questions" },
    { code: 'GDL0422', files: variant([['training.gdl', 'rationale "because" }', 'rationale "because" }\n    pool M-P1 draw 1 from M-Q1\n    pool M-P2 draw 1 from M-Q1']]), in: 'training.gdl', says: "Knowledge check 'M-Q1' is also in pool 'M-P1'" },
    { code: 'GDL0423', files: variant([], { 'm2.gdl': 'module M2 "Two" { pool M2-P1 draw 1 from M-Q1 }' }), in: 'm2.gdl', says: "Pool 'M2-P1' lists 'M-Q1', a knowledge check of another module (M)" },
    { code: 'GDL0424', files: variant([['training.gdl', 'option "a" option', 'option "a" correct option']]), in: 'training.gdl', says: "Knowledge check 'M-Q1' is single-answer but marks 2 options `correct`" },
    { code: 'GDL0425', files: variant([['training.gdl', 'check M-Q1 {', 'check M-Q1 true-false {'], ['training.gdl', 'option "a" option "b" correct ', '']]), in: 'training.gdl', says: "Knowledge check 'M-Q1' is true-false but gives no `answer true` or `answer false`" },
    { code: 'GDL0426', files: variant([['training.gdl', 'check M-Q1 {', 'check M-Q1 true-false {'], ['training.gdl', 'rationale', 'answer true rationale']]), in: 'training.gdl', says: "Knowledge check 'M-Q1' is true-false but lists options" },
    { code: 'GDL0427', files: variant([['training.gdl', 'rationale', 'answer true rationale']]), in: 'training.gdl', says: "Knowledge check 'M-Q1' is single-answer but gives an `answer`" },
    { code: 'GDL0428', files: variant([['training.gdl', 'check M-Q1 {', 'check M-Q1 multiple-answer {'], ['training.gdl', 'option "a" option', 'option "a" correct option']]), in: 'training.gdl', says: "Knowledge check 'M-Q1' marks every option `correct`" },
    { code: 'GDL0429', files: variant([], { 'm4.gdl': 'module M4 "Four" { pass-mark 80%\n' + [1, 2, 3, 4].map(i => `check M4-Q${i} { question "Q?" option "a" option "b" correct option "c" }`).join('\n') + ' }' }), in: 'm4.gdl', says: "In module 'M4' the correct answer is option 2 in 4 of 4 single-answer checks" },
    { code: 'GDL0430', files: variant([], { 'm4.gdl': 'module M4 "Four" { pass-mark 80%\n' + ['a', 'b', 'c', 'a'].map((c, i) => `check M4-Q${i + 1} { question "Q?" ${['a', 'b', 'c'].map(o => (o === c ? `option "${o}, the fullest" correct` : `option "${o}"`)).join(' ')} }`).join('\n') + ' }' }), in: 'm4.gdl', says: "In module 'M4' the correct answer is the longest option in 4 of 4 single-answer checks" },
    { code: 'GDL0431', files: variant([['training.gdl', 'rationale "because" }', 'rationale "because" }\n    handout M-H1 "Sheet" { file "exhibits.gdl" }']], { 'm2.gdl': 'module M2 "Two" { content "C" { uses M-H1 } }' }), in: 'm2.gdl', says: "Content 'C' of module 'M2' uses 'M-H1', a handout of another module (M)" },
    { code: 'GDL0501', files: variant([['plan.gdl', 'progress 100%', 'progress 50%']]), in: 'plan.gdl', says: 'Plan item 12 is complete but its progress is 50%' },
    { code: 'GDL0501', files: variant([['plan.gdl', 'status complete progress 100%', 'status not-started progress 10%']]), in: 'plan.gdl' },
    { code: 'GDL0502', files: variant([['plan.gdl', 'status complete progress 100%', 'status in-progress progress 50%']]), in: 'plan.gdl', says: 'was due by 2025-03-27 and its plan item is in progress (50%) (as of 2026-01-15)' },
    { code: 'GDL0501', files: variant([['plan.gdl', 'status complete progress 100%', 'status unstated progress 25%']]), in: 'plan.gdl', says: 'Plan item 12 is unstated (the force gave none) but its progress is 25%' },
    { code: 'GDL0502', files: variant([['plan.gdl', 'status complete progress 100%', 'status unstated']]), in: 'plan.gdl', says: 'was due by 2025-03-27 and its plan item is unstated (the force gave none) (as of 2026-01-15)' },
    { code: 'GDL0502', files: variant([['plan.gdl', 'status complete progress 100% updated 2025-03-01 lead "L" update "Done."', 'status unstated']]), in: 'plan.gdl', says: 'was due by 2025-03-27 and its plan item is unstated (the force gave none), no update published (as of 2026-01-15)' },
    { code: 'GDL0503', files: variant([['framework.gdl', '\n}\naudience', '\n    recommendation 13 { text "t" deadline 2025-03-27 evidence 13.1 { text "x" } }\n}\naudience'], ['plan.gdl', 'addresses 12.2', 'addresses 12.2']], { 'cover.gdl': 'guidance G2 "g" { owner "o" status approved approved 2025-01-01 review-by 2027-01-01 audience responders section s-13 "s" { addresses 13.1 """x""" } }' }), in: 'plan.gdl', says: 'no item for recommendation 13' },
    { code: 'GDL0504', files: variant([['plan.gdl', 'responds-to F', 'responds-to F\n    item 12 { status complete progress 100% }']]), in: 'plan.gdl' },
    { code: 'GDL0505', files: variant([['framework.gdl', '\n}\naudience', '\n    recommendation 13 { text "t" deadline 2025-03-27 evidence 13.1 { text "x" } }\n}\naudience'], ['plan.gdl', 'addresses 12.2', 'addresses 12.2, 13.1']]), in: 'plan.gdl', says: 'addresses 13.1, which belongs to recommendation 13' },
    { code: 'GDL0506', files: variant([], { 'f2.gdl': 'framework F2 "Other" { recommendation 30 { text "t" deadline 2025-01-01 } }\nplan P2 "p" { responds-to F item 30 { status complete progress 100% } }' }), in: 'f2.gdl' },
    { code: 'GDL0507', files: variant([['plan.gdl', 'status complete progress 100%', '']]), in: 'plan.gdl' },
    { code: 'GDL0508', files: variant([['plan.gdl', 'updated 2025-03-01', 'updated 2026-06-01']]), in: 'plan.gdl' },
    { code: 'GDL0509', files: variant([['plan.gdl', 'progress 100%', 'progress 150%']]), in: 'plan.gdl' },
    { code: 'GDL0510', files: variant([['plan.gdl', 'responds-to F', '']]), in: 'plan.gdl' },
    { code: 'GDL0511', files: variant([['plan.gdl', 'exhibits X-AUDIT }', 'exhibits X-AUDIT\n        on 2025-02-01 { status in-progress progress 50% }\n        on 2025-01-01 { status in-progress progress 20% } }']]), in: 'plan.gdl', says: 'The update of plan item 12 dated 2025-01-01 comes after one dated 2025-02-01' },
    { code: 'GDL0511', files: variant([['plan.gdl', 'exhibits X-AUDIT }', 'exhibits X-AUDIT\n        on 2025-04-01 { status in-progress progress 50% } }']]), in: 'plan.gdl', says: "the item's own `updated` date is its latest update" },
    { code: 'GDL0508', files: variant([['plan.gdl', 'exhibits X-AUDIT }', 'exhibits X-AUDIT\n        on 2026-02-01 { status in-progress progress 50% } }']]), in: 'plan.gdl', says: 'dated 2026-02-01, after the as-of date 2026-01-15' },
    { code: 'GDL0512', files: variant([['framework.gdl', '\n}\naudience', '\n    recommendation 15 { to pccs text "t" deadline 2025-03-27 }\n}\naudience'], ['plan.gdl', 'responds-to F', 'responds-to F\n    item 15 { status complete progress 100% updated 2025-03-01 lead "L" update "We helped." }']]), in: 'plan.gdl', says: 'Recommendation 15 is made to PCCs, not to chief constables' },
    { code: 'GDL0513', files: variant([['plan.gdl', 'item 12 {', 'item 12 supporting {']]), in: 'plan.gdl', says: 'Recommendation 12 is made to chief constables' },
    { code: 'GDL0314', files: variant([['guidance.gdl', '"""More."""', '"""More on section 2A."""']]), in: 'guidance.gdl', says: "'section 2A' names PHA.s2A (Offence of stalking), which section 's-two' does not cite: add `cites PHA.s2A`." },
    { code: 'GDL0315', files: variant([['guidance.gdl', '"""More."""', '"""More on section 2."""'], ['legislation.gdl', '"Summary only."', '"Summary only." provision s2 "Offence of harassment" address "https://www.legislation.gov.uk/ukpga/1997/40/section/2" verified 2025-06-01']], { 'spa.gdl': 'legislation SPA "Stalking Protection Act 2019" { address "https://www.legislation.gov.uk/ukpga/2019/9" chapter 9 verified 2025-06-01 provision s2 "Power to make orders" address "https://www.legislation.gov.uk/ukpga/2019/9/section/2" provision s8 "Offence of breaching order" address "https://www.legislation.gov.uk/ukpga/2019/9/section/8" }' }), in: 'guidance.gdl', says: "'section 2' could be section 2 of any of PHA, SPA" },
    { code: 'GDL0316', files: variant([['guidance.gdl', '"""More."""', '"""More on the Stalking Protection Act 2019."""']], { 'spa.gdl': 'legislation SPA "Stalking Protection Act 2019" { address "https://www.legislation.gov.uk/ukpga/2019/9" chapter 9 verified 2025-06-01 provision s2 "Power to make orders" address "https://www.legislation.gov.uk/ukpga/2019/9/section/2" provision s8 "Offence of breaching order" address "https://www.legislation.gov.uk/ukpga/2019/9/section/8" }' }), in: 'guidance.gdl', says: "names the Stalking Protection Act 2019, but section 's-two' cites none of its provisions: cite the provision it relies on (declared for that Act: SPA.s2, SPA.s8), or declare that provision if it is not among them." },
    { code: 'GDL0317', files: variant([['legislation.gdl', 'ukpga/1997/40/section/2A', 'ukpga/1997/41/section/2A']]), in: 'legislation.gdl', says: 'section 2A of Protection from Harassment Act 1997 is at https://www.legislation.gov.uk/ukpga/1997/40/section/2A' },
    { code: 'GDL0317', files: variant([['legislation.gdl', 'address "https://www.legislation.gov.uk/ukpga/1997/40"', 'address "https://www.lawteacher.net/pha-1997"']]), in: 'legislation.gdl', says: 'it is on www.lawteacher.net, not legislation.gov.uk: use https://www.legislation.gov.uk/ukpga/1997/40' },
    { code: 'GDL0318', files: cleanBase, asOf: '2026-06-02', in: 'legislation.gdl', says: 'Provision PHA.s2A was last verified on 2025-06-01, more than 12 months before 2026-06-02' },
    { code: 'GDL0319', files: variant([['legislation.gdl', ' verified 2025-06-01', '']]), in: 'legislation.gdl', says: 'Provision PHA.s2A has no `verified` date' },
    { code: 'GDL0320', files: variant([['guidance.gdl', 'see s-two', 'see s-two source "Stalking, https://en.wikipedia.org/wiki/Stalking"']]), in: 'guidance.gdl', says: "'https://en.wikipedia.org/wiki/Stalking' is on wikipedia.org, which is not an authority" },
    { code: 'GDL0321', files: cleanBase, asOf: '2025-05-01', in: 'legislation.gdl', says: 'recorded as verified on 2025-06-01, after the as-of date (2025-05-01)' },
    { code: 'GDL0601', files: variant([['exhibits.gdl', 'address "https://example.org/audit"', 'file "audits/audit.pdf"']]), in: 'exhibits.gdl', says: "Exhibit 'X-AUDIT' is the file 'audits/audit.pdf', which does not exist." },
    { code: 'GDL0602', files: variant([['exhibits.gdl', 'address "https://example.org/audit"', 'file "../../etc/passwd"']]), in: 'exhibits.gdl', says: 'outside the workspace' },
    { code: 'GDL0602', files: variant([['exhibits.gdl', 'address "https://example.org/audit"', 'file "/etc/passwd"']]), in: 'exhibits.gdl', says: 'outside the workspace' },
    { code: 'GDL0603', files: variant([['exhibits.gdl', 'address "https://example.org/audit"', '']]), in: 'exhibits.gdl', says: "Exhibit 'X-AUDIT' does not say where it is" },
    { code: 'GDL0604', files: variant([['exhibits.gdl', 'kind audit dated 2025-02-01 owner "Analyst"', 'dated 2025-02-01']]), in: 'exhibits.gdl', says: "Exhibit 'X-AUDIT' has no kind, owner" },
    { code: 'GDL0605', files: variant([['exhibits.gdl', 'owner "Analyst"', 'owner "Analyst" verified-by "Auditor"']]), in: 'exhibits.gdl', says: 'gives who verified it but not when' },
    { code: 'GDL0606', files: { ...without('plan.gdl', 'guidance.gdl'), 'a/plan.gdl': 'force a "Force A"\n' + cleanBase['plan.gdl'], 'b/guidance.gdl': 'force b "Force B"\n' + cleanBase['guidance.gdl'] }, in: 'a/plan.gdl', says: "'G' is Force B's, not Force A's" },
    { code: 'GDL0611', files: variant([], { 'kent/force.gdl': 'force kent "Kent Police"\nforce essex "Essex Police"', 'kent/plan.gdl': 'plan KP "Plan" { force "Kent Police" responds-to F }' }), in: 'kent/force.gdl', says: "Force 'kent' is declared in the same folder as force 'essex'" },
    { code: 'GDL0606', files: { ...without('plan.gdl'), 'a/force.gdl': 'force a "Force A"', 'a/plan.gdl': cleanBase['plan.gdl']!.replace('plan P', 'plan P') }, in: 'a/plan.gdl', says: "'X-AUDIT' is in no force's folder: it does not count for Force A." },
    { code: 'GDL0607', files: variant([], { 'kent/force.gdl': 'force kent "Kent Police"' }), in: 'kent/force.gdl', says: "Force 'kent' has no action plan in its folder." },
    { code: 'GDL0608', files: variant([], { 'kent/force.gdl': 'force kent "Kent Police"' }), in: 'guidance.gdl', says: "Section 's-one' addresses 12.1, 12.3 but is in no force's folder" },
    { code: 'GDL0609', files: variant([['framework.gdl', 'evidence 12.1 { text "First requirement." }', 'evidence 12.1 { text "First requirement." revised 2025-06-01 }']]), in: 'guidance.gdl', says: "Section 's-one' covers 12.1 as approved on 2025-01-10, before 12.1 was revised on 2025-06-01" },
    { code: 'GDL0610', files: variant([['exhibits.gdl', 'dated 2025-02-01', 'dated 2026-06-01']]), in: 'exhibits.gdl', says: "Exhibit 'X-AUDIT' is dated 2026-06-01, after the as-of date 2026-01-15" },
    { code: 'GDL0701', prose: true, files: variant([], { 'plain.gdl': 'guidance PG "Plain" { owner "o" status approved approved 2025-01-01 review-by 2027-01-01 audience responders section pg-1 "s" { """Officers must, notwithstanding the aforementioned considerations, ascertain comprehensively whether the perpetrator\'s behaviour constitutes a persistent, fixated and obsessive pattern of unwanted communication.""" } }' }), in: 'plain.gdl', says: "Hard to read for Responders (reading age 16)" },
    { code: 'GDL0702', prose: true, files: variant([], { 'plain.gdl': 'guidance PG "Plain" { owner "o" status approved approved 2025-01-01 review-by 2027-01-01 audience responders section pg-1 "s" { """Officers should utilise the radio.""" } }' }), in: 'plain.gdl', says: "'utilise' has a simpler alternative: 'use'." },
    { code: 'GDL0703', prose: true, files: variant([], { 'plain.gdl': 'guidance PG "Plain" { owner "o" status approved approved 2025-01-01 review-by 2027-01-01 audience responders section pg-1 "s" { """The statement is written by the victim.""" } }' }), in: 'plain.gdl', says: "'written' may be passive voice" },
    { code: 'GDL0704', prose: true, files: variant([], { 'plain.gdl': 'guidance PG "Plain" { owner "o" status approved approved 2025-01-01 review-by 2027-01-01 audience responders section pg-1 "s" { """Ask whether the policeman came.""" } }' }), in: 'plain.gdl', says: "'policeman' may be inconsiderate: consider 'officer' or 'police officer'" },
    { code: 'GDL0705', prose: true, files: variant([], { 'plain.gdl': 'guidance PG "Plain" { owner "o" status approved approved 2025-01-01 review-by 2027-01-01 audience responders section pg-1 "s" { """Check the the log.""" } }' }), in: 'plain.gdl', says: "'the' is repeated." },
    { code: 'GDL0706', prose: true, files: variant([], { 'plain.gdl': 'guidance PG "Plain" { owner "o" status approved approved 2025-01-01 review-by 2027-01-01 audience responders section pg-1 "s" { """Call back in a hour.""" } }' }), in: 'plain.gdl', says: "Use 'an' before 'hour', not 'a'." },
    { code: 'GDL0707', prose: true, files: variant([], { 'plain.gdl': 'guidance PG "Plain" { owner "o" status approved approved 2025-01-01 review-by 2027-01-01 audience responders section pg-1 "s" { """Check the stalkng log.""" } }' }), in: 'plain.gdl', says: "'stalkng' is not in the en-GB dictionary or the workspace word list." },
    { code: 'GDL0709', prose: true, files: variant([], { 'plain.gdl': `guidance PG "Plain" { owner "o" status approved approved 2025-01-01 review-by 2027-01-01 audience responders section pg-1 "s" { """${'Check the log. '.repeat(14_000)}""" } }` }), in: 'plain.gdl', says: 'This text is 209,999 characters long: the plain-English checks read texts of up to 200,000, so none of them is run on it. Split it into sections to have it checked.' },
    { code: 'GDL0010', files: variant([], { 'nul.gdl': 'guidance nul "Null" { owner "o" status draft }' }), in: 'nul.gdl', says: "Guidance document id 'nul' cannot name a published page: Windows keeps that name for a device (CON, PRN, AUX, NUL, COM1–9, LPT1–9), so on Windows the page would be lost and the site could not be copied there. Give it another id." },
    { code: 'GDL0708', prose: true, files: variant([], { 'gdl.config.json': '{ "prose": { "severity": { "GDL0703": "loud" } } }' }), in: 'gdl.config.json', says: 'the severity of GDL0703 must be one of off, hint, info, warning, error; the defaults are used instead.' },
];

describe('the diagnostic catalogue', () => {
    test('every code is unique, documented and exercised by a case below', () => {
        const codes = allCodes().map(c => c.code);
        expect(new Set(codes).size).toBe(codes.length);
        for (const info of allCodes()) {
            expect(info.template.length, info.code).toBeGreaterThan(0);
            expect(info.explanation.length, info.code).toBeGreaterThan(20);
        }
        expect([...new Set(cases.map(c => c.code))].sort()).toEqual(codes);
    });

    test('the README documents every code', () => {
        const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
        for (const info of allCodes()) {
            expect(readme, info.code).toMatch(new RegExp(`^\\| ${info.code} \\| .+ \\|$`, 'm'));
        }
    });

    test('the clean workspace raises no diagnostic at all', async () => {
        const workspace = await buildWorkspace(cleanBase);
        expect(workspace.diagnostics().map(d => `${d.code} ${d.message}`)).toEqual([]);
    });
});

describe.each(cases)('$code fires', c => {
    test(`in ${c.in}${c.says ? `: ${c.says}` : ''}`, async () => {
        const workspace = await buildWorkspace(c.files, c.asOf, c.prose ? s => (s.gdl.Settings.prose = { enabled: true }) : undefined);
        if (c.edit) {
            await workspace.edit(...c.edit);
        }
        const matching = workspace.diagnostics(c.in).filter(d => d.code === c.code);
        expect(
            matching.map(d => d.message),
            JSON.stringify(workspace.diagnostics().map(d => `${d.code} ${d.message}`))
        ).not.toEqual([]);
        if (c.says) {
            expect(
                matching.some(d => d.message.includes(c.says!)),
                matching.map(d => d.message).join('\n')
            ).toBe(true);
        }
        const info = Object.values(Codes).find(i => i.code === c.code)!;
        const severity = { error: 1, warning: 2, info: 3, hint: 4 }[info.severity];
        if (c.code !== 'GDL0001' && c.code !== 'GDL0002') {
            expect(matching[0]!.severity).toBe(severity);
        }
    });
});

describe('boundaries that must not fire', () => {
    test('in progress at 50% before the deadline is consistent and not overdue', async () => {
        const workspace = await buildWorkspace(
            variant([['plan.gdl', 'status complete progress 100%', 'status in-progress progress 50%']]),
            '2025-03-10'
        );
        expect(workspace.codes('plan.gdl')).toEqual([]);
    });

    test('unstated with no progress, before the deadline: consistent and not overdue, and not "without a status"', async () => {
        const workspace = await buildWorkspace(variant([['plan.gdl', 'status complete progress 100%', 'status unstated']]), '2025-03-10');
        expect(workspace.codes('plan.gdl')).toEqual([]);
    });

    test('a review-by date on the as-of day has not passed', async () => {
        const workspace = await buildWorkspace(cleanBase, '2027-01-10');
        expect(workspace.codes()).not.toContain('GDL0301');
    });

    test('a draft section may cite a draft section', async () => {
        const workspace = await buildWorkspace(variant([['guidance.gdl', 'status approved', 'status draft']]));
        expect(workspace.codes('guidance.gdl')).not.toContain('GDL0302');
    });

    test('a current waiver satisfies an uncovered requirement without any warning', async () => {
        const workspace = await buildWorkspace(
            variant([
                ['guidance.gdl', 'addresses 12.1, 12.3', 'addresses 12.3'],
                [
                    'plan.gdl',
                    'responds-to F',
                    'responds-to F\n    waive 12.1 { reason "Not our system" approved-by "ACC" expires 2026-12-31 }'
                ]
            ])
        );
        expect(workspace.codes()).toEqual([]);
        expect(workspace.services.gdl.WorkspaceFacts.coverageModel().waived).toBe(1);
    });

    test('an impossible deadline is reported once', async () => {
        const workspace = await buildWorkspace(variant([['framework.gdl', 'deadline 2025-03-27', 'deadline 2025-02-30']]));
        expect(workspace.codes('framework.gdl').filter(c => c === 'GDL0005')).toEqual(['GDL0005']);
    });

    test('a date that is not a calendar date is reported as that, and not compared as if it were one', async () => {
        // Before: approved 2027-02-29 (no 29 February in 2027) was GDL0005, then "approved in the future" and "review before approval" on it.
        const workspace = await buildWorkspace(variant([['guidance.gdl', 'approved 2025-01-10', 'approved 2027-02-29']]));
        const codes = workspace.codes('guidance.gdl');
        expect(codes.filter(c => c === 'GDL0005')).toEqual(['GDL0005']);
        expect(
            workspace
                .diagnostics('guidance.gdl')
                .filter(d => d.message.includes('2027-02-29'))
                .map(d => d.code)
        ).toEqual(['GDL0005']);
    });

    test('a completed plan item may link to approved guidance', async () => {
        const workspace = await buildWorkspace(cleanBase);
        expect(workspace.codes('plan.gdl')).toEqual([]);
    });
});
