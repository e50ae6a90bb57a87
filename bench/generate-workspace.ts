import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { repositoryRoot } from '../tests/support/repository.js';
import * as path from 'node:path';

/** A small deterministic generator (mulberry32): the same seed gives the same workspace. */
export function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const vocabulary = (
    'stalking harassment victim suspect risk pattern behaviour contact report officer supervisor investigation evidence ' +
    'statement safeguarding order breach screening referral advocate course conduct fixated obsessive unwanted repeated online device ' +
    'account message location tracking property loitering following monitoring fear alarm distress record crime allocation review'
).split(' ');

function words(next: () => number, count: number): string {
    return Array.from({ length: count }, () => vocabulary[Math.floor(next() * vocabulary.length)]).join(' ');
}

// The 39 evidence requirements of the bundled framework, by recommendation.
const evidence: Record<string, string[]> = {
    '7': ['7.1', '7.2'],
    '10': ['10.1', '10.2', '10.3', '10.4', '10.5'],
    '11': ['11.1', '11.2', '11.3', '11.4'],
    '12': ['12.1', '12.2', '12.3', '12.4'],
    '13': ['13.1', '13.2'],
    '14': ['14.1', '14.2', '14.3', '14.4', '14.5'],
    '15': [],
    '16': ['16.1'],
    '17': ['17.1'],
    '18': ['18.1', '18.2', '18.3', '18.4'],
    '20': ['20.1', '20.2', '20.3', '20.4'],
    '22': ['22.1'],
    '23': ['23.1'],
    '25': ['25.1', '25.2', '25.3'],
    '27': ['27.1'],
    '28': ['28.1']
};
const all = Object.values(evidence).flat();
const audiences = ['call-handlers', 'first-responders', 'investigators', 'supervisors', 'specialist-officers'];

/**
 * A national workspace: the bundled framework, audiences and legislation, a shared curriculum, and
 * `forces` forces each with 7 guidance documents, 5 training modules, 5 course packs and a plan,
 * at the sizes of the Example Constabulary. Every force covers every requirement; no errors.
 */
export function generateForces(target: string, forces: number, seed = 1): void {
    const next = random(seed);
    const repo = repositoryRoot();
    mkdirSync(path.join(target, 'common'), { recursive: true });
    copyFileSync(path.join(repo, 'guidance/framework/super-complaint-2024.gdl'), path.join(target, 'common/framework.gdl'));
    copyFileSync(path.join(repo, 'guidance/common/audiences.gdl'), path.join(target, 'common/audiences.gdl'));
    copyFileSync(path.join(repo, 'guidance/common/legislation.gdl'), path.join(target, 'common/legislation.gdl'));
    writeFileSync(
        path.join(target, 'common/curriculum.gdl'),
        `curriculum national "Stalking outcomes (synthetic)" {\n${Array.from({ length: 10 }, (_, i) => `    outcome NC-${i + 1} "${words(next, 12)}"`).join('\n')}\n}\n`
    );
    for (let f = 1; f <= forces; f++) {
        const folder = path.join(target, `force-${f}`);
        mkdirSync(folder, { recursive: true });
        const p = `f${f}`;
        for (let d = 1; d <= 7; d++) {
            const sections = Array.from({ length: 8 }, (_, s) => {
                const covers = all.filter((_, i) => i % 56 === (d - 1) * 8 + s || (i + 17) % 56 === (d - 1) * 8 + s);
                return (
                    `    section ${p}-d${d}-s${s + 1} "${words(next, 5)}" {\n` +
                    (covers.length > 0 ? `        addresses ${covers.join(', ')}\n` : '') +
                    `        cites PHA1997.s2A\n` +
                    (s > 0 ? `        see ${p}-d${d}-s${s}\n` : '') +
                    `        source "Synthetic source ${d}.${s}"\n        """\n        ${words(next, 60)}\n\n        ${words(next, 80)}\n        """\n    }`
                );
            });
            writeFileSync(
                path.join(folder, `guidance-${d}.gdl`),
                `guidance ${p}-doc-${d} "${words(next, 6)}" {\n    owner "Force ${f} lead"\n    version "1.0"\n    status approved\n    approved 2025-02-01\n    review-by 2027-02-01\n    audience ${audiences.join(', ')}\n${sections.join('\n')}\n}\n`
            );
        }
        for (let m = 1; m <= 5; m++) {
            const id = `${p}-m${m}`;
            const outcomes = Array.from({ length: 4 }, (_, o) => {
                const addresses = new Set([
                    all[(m * 4 + o) % all.length]!,
                    ...(m === 1 && o === 0 ? ['10.1', '10.2', '10.3', '10.4', '10.5', '12.3', '13.1', '20.2'] : [])
                ]);
                return `    outcome ${id}-lo${o + 1} "${words(next, 10)}" { maps NC-${((m + o) % 10) + 1} addresses ${[...addresses].join(', ')} }`;
            });
            const checks = Array.from(
                { length: 4 },
                (_, o) =>
                    `    check ${id}-q${o + 1} { question "${words(next, 10)}?" assesses ${id}-lo${o + 1} option "${words(next, 4)}" option "${words(next, 4)}" correct option "${words(next, 4)}" rationale "${words(next, 15)}" }`
            );
            const activities = Array.from(
                { length: 3 },
                (_, o) =>
                    `    activity ${id}-a${o + 1} "${words(next, 4)}" { duration 30 minutes supports ${id}-lo${o + 1} """${words(next, 40)}""" }`
            );
            writeFileSync(
                path.join(folder, `module-${m}.gdl`),
                `module ${id} "${words(next, 5)}" {\n    audience ${audiences[m - 1]}\n    owner "Training lead"\n    status approved\n    approved 2025-02-01\n    review-by 2027-02-01\n    duration 3 hours\n    delivery classroom\n${outcomes.join('\n')}\n    content "${words(next, 3)}" { trainer-notes "${words(next, 20)}" """${words(next, 120)}""" }\n${activities.join('\n')}\n${checks.join('\n')}\n}\n`
            );
        }
        writeFileSync(
            path.join(folder, 'courses.gdl'),
            Array.from(
                { length: 5 },
                (_, c) =>
                    `course ${p}-c${c + 1} "${words(next, 4)}" { audience ${audiences[c]} modules ${p}-m${c + 1} editions trainer, learner }`
            ).join('\n') + '\n'
        );
        const items = Object.entries(evidence).map(
            ([rec, ids]) =>
                `    item ${rec} {\n        status complete\n        progress 100%\n        updated 2025-03-20\n        lead "Force ${f} lead"\n        update """${words(next, 50)}"""\n${ids.length > 0 ? `        addresses ${ids.join(', ')}\n` : ''}        evidence ${p}-doc-1, ${p}-m1\n    }`
        );
        writeFileSync(
            path.join(folder, 'plan.gdl'),
            `plan ${p}-plan "Force ${f} stalking action plan" {\n    force "Force ${f}"\n    responds-to SC2024\n${items.join('\n')}\n}\n`
        );
    }
}

/**
 * The scale corpus peers are measured on: a framework of `n` requirements of about 60 words (50 to a
 * file) and `n` guidance sections each addressing one requirement (50 to a file), 5% left uncovered.
 */
export function generateScaleCorpus(target: string, n: number, seed = 1): { uncovered: number } {
    const next = random(seed);
    mkdirSync(path.join(target, 'framework'), { recursive: true });
    mkdirSync(path.join(target, 'guidance'), { recursive: true });
    let uncovered = 0;
    for (let file = 0; file * 50 < n; file++) {
        const recommendations: string[] = [];
        const sections: string[] = [];
        for (let r = 0; r < 10; r++) {
            const rec = file * 10 + r + 1;
            const ev: string[] = [];
            for (let e = 1; e <= 5 && file * 50 + r * 5 + e <= n; e++) {
                ev.push(`        evidence ${rec}.${e} { text "${words(next, 60)}" }`);
                const index = file * 50 + r * 5 + e;
                if (index % 20 === 0) {
                    uncovered++;
                } else {
                    sections.push(
                        `    section s-${rec}-${e} "${words(next, 4)}" {\n        addresses ${rec}.${e}\n        """${words(next, 40)}"""\n    }`
                    );
                }
            }
            if (ev.length > 0) {
                recommendations.push(
                    `    recommendation ${rec} {\n        to chief-constables\n        deadline 2025-03-27\n        text "${words(next, 30)}"\n${ev.join('\n')}\n    }`
                );
            }
        }
        writeFileSync(
            path.join(target, 'framework', `framework-${file + 1}.gdl`),
            `framework SCALE${file + 1} "Scale framework ${file + 1}" {\n${recommendations.join('\n')}\n}\n`
        );
        writeFileSync(
            path.join(target, 'guidance', `guidance-${file + 1}.gdl`),
            `guidance scale-${file + 1} "Scale guidance ${file + 1}" {\n    owner "Lead"\n    status approved\n    approved 2025-01-01\n    review-by 2027-01-01\n${sections.join('\n')}\n}\n`
        );
    }
    return { uncovered };
}

// `node out/bench/generate-workspace.js forces N DIR [SEED]` or `… scale N DIR [SEED]`.
if (process.argv[1] && new URL(import.meta.url).pathname === path.resolve(process.argv[1])) {
    const [kind, count, dir, seed] = process.argv.slice(2);
    if ((kind !== 'forces' && kind !== 'scale') || !count || !dir) {
        process.stderr.write('usage: generate-workspace (forces|scale) N DIR [SEED]\n');
        process.exit(2);
    }
    if (kind === 'forces') {
        generateForces(dir, Number(count), Number(seed ?? 1));
    } else {
        generateScaleCorpus(dir, Number(count), Number(seed ?? 1));
    }
    process.stdout.write(`generated ${kind} ${count} in ${dir}\n`);
}
