import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// A workspace of two forces, written afresh for each test that needs it: a shared framework with
// recommendation 12 (to chief constables, requirement 12.3) and recommendation 15 (to PCCs,
// requirement 15.1); Kent Police and Surrey Police each in a folder of their own, each with a plan
// answering 12 and supporting 15; only Kent's guidance covers 12.3.

export const TWO_FORCES_AS_OF = '2026-01-15';

const framework = `
framework F "Two-force framework" {
    published 2024-09-27
    recommendation 12 {
        to chief-constables
        deadline 2025-03-27
        text "Make risk identification, assessment and management effective."
        evidence 12.3 { text "Recognising the heightened risk associated with breaches of protective orders." }
    }
    recommendation 15 {
        to pccs
        deadline 2025-03-27
        text "Review the specialist support services commissioned for stalking victims."
        evidence 15.1 { text "Specialist advocacy services are commissioned." }
    }
}
audience responders "Responders"
`;

const plan = (id: string, title: string) => `
plan ${id}-plan "${title} stalking action plan" {
    force "${title}"
    responds-to F
    item 12 { status in-progress progress 50% updated 2025-03-01 lead "Head of Public Protection, ${title}" }
    item 15 supporting { status complete progress 100% updated 2025-03-01 lead "Force stalking lead" addresses 15.1 }
}
`;

const kentGuidance = `
guidance risk "Risk" {
    owner "Public protection lead"
    status approved
    approved 2025-02-01
    review-by 2027-02-01
    audience responders
    section breaches "Breaches of protective orders" {
        addresses 12.3
        """
        Treat a breach of a protective order as a sign of heightened risk.
        """
    }
}
`;

/** Writes the two-force workspace into a new temporary folder and returns its path. */
export function twoForces(): string {
    const folder = mkdtempSync(path.join(tmpdir(), 'gdl-two-forces-'));
    const write = (file: string, text: string) => {
        mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
        writeFileSync(path.join(folder, file), text);
    };
    write('framework/framework.gdl', framework);
    write('kent/force.gdl', 'force kent "Kent Police"\n');
    write('kent/plan.gdl', plan('kent', 'Kent Police'));
    write('kent/guidance.gdl', kentGuidance);
    write('surrey/force.gdl', 'force surrey "Surrey Police"\n');
    write('surrey/plan.gdl', plan('surrey', 'Surrey Police'));
    return folder;
}
