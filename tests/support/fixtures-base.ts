import { miniFramework } from './workspace.js';

/** A small workspace that is clean as of 2026-01-15: every construct used, everything covered. */
export const cleanBase: Record<string, string> = {
    'framework.gdl': miniFramework,
    'legislation.gdl': `
legislation PHA "Protection from Harassment Act 1997" {
    address "https://www.legislation.gov.uk/ukpga/1997/40"
    chapter 40
    provision s2A "Offence of stalking" address "https://www.legislation.gov.uk/ukpga/1997/40/section/2A" verified 2025-06-01 "Summary only."
}`,
    'guidance.gdl': `
guidance G "Guide" {
    owner "Lead"
    status approved
    approved 2025-01-10
    review-by 2027-01-10
    audience responders
    section s-one "One" {
        addresses 12.1, 12.3
        cites PHA.s2A
        see s-two
        """
        Text.
        """
    }
    section s-two "Two" {
        """More."""
        section s-two-a "Sub" { """Sub text.""" }
    }
}`,
    'training.gdl': `
module M "Module" {
    audience responders
    owner "L"
    status approved
    approved 2025-01-10
    review-by 2027-01-10
    duration 2 hours
    delivery classroom
    pass-mark 80%
    outcome M-LO1 "Recognise stalking." { maps PP-1 addresses 12.3 }
    content "Intro" { duration 90 minutes """x""" }
    activity M-A1 "Case" { duration 30 minutes supports M-LO1 """y""" }
    check M-Q1 { question "Q?" assesses M-LO1 option "a" option "b" correct rationale "because" }
}
course CP "Course" { audience responders modules M editions trainer, learner }`,
    'plan.gdl': `
plan P "Plan" {
    force "Test"
    responds-to F
    item 12 { status complete progress 100% updated 2025-03-01 lead "L" update "Done." addresses 12.2 evidence G, M exhibits X-AUDIT }
}`,
    'exhibits.gdl': `
exhibit X-AUDIT "Stalking audit" { kind audit dated 2025-02-01 owner "Analyst" address "https://example.org/audit" }`
};

/** The clean base with text replaced: each pair replaces its first occurrence in the named file. */
export function variant(
    edits: Array<[file: string, from: string, to: string]>,
    extra: Record<string, string> = {}
): Record<string, string> {
    const files = { ...cleanBase };
    for (const [file, from, to] of edits) {
        const text = files[file];
        if (text === undefined || !text.includes(from)) {
            throw new Error(`test fixture: '${from}' not found in ${file}`);
        }
        files[file] = text.replace(from, to);
    }
    return { ...files, ...extra };
}
