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

// Invented place names (a force is "<place> Police" or "<place> Constabulary"): 22 × 4 = 88 distinct names.
const placeStarts = 'Ash Brack Cald Dun Elm Fen Glen Harr Ivel Kest Lath Marr Nether Orm Penn Quarr Roth Sel Thorn Ulver Wend Yarl'.split(
    ' '
);
const placeEnds = ['mere', 'shire', 'dale', 'wold'];

/** The name of the `f`th force (1-based): "Ashmere Police", "Brackmere Constabulary"…; unique for any `f`. */
export function forceTitle(f: number): string {
    const i = f - 1;
    const round = Math.floor(i / (placeStarts.length * placeEnds.length));
    const place = placeStarts[i % placeStarts.length]! + placeEnds[Math.floor(i / placeStarts.length) % placeEnds.length]!;
    return `${place}${round > 0 ? ` ${round + 1}` : ''} ${f % 2 === 1 ? 'Police' : 'Constabulary'}`;
}

/** A force's evidence on file: what each kind is, when it is dated, who owns it; one is a file in the force's folder, one verified. */
const exhibitKinds: ReadonlyArray<{ key: string; title: string; kind: string; dated: string; owner: string; verified?: string }> = [
    {
        key: 'letter',
        title: 'Response to the recommendations, sent to the NPCC',
        kind: 'letter',
        dated: '2024-11-15',
        owner: 'Chief Constable'
    },
    {
        key: 'plan',
        title: 'The stalking action plan, as published',
        kind: 'web-page',
        dated: '2024-11-20',
        owner: 'Head of Public Protection'
    },
    {
        key: 'profile',
        title: 'Stalking problem profile 2025',
        kind: 'other',
        dated: '2025-01-31',
        owner: 'Head of Analysis',
        verified: '2025-03-14'
    },
    {
        key: 'minutes',
        title: 'Daily management meeting minutes, February 2025',
        kind: 'minutes',
        dated: '2025-02-28',
        owner: 'Head of Public Protection'
    },
    {
        key: 'agreement',
        title: 'Information sharing agreement with the stalking advocacy service',
        kind: 'agreement',
        dated: '2025-02-20',
        owner: 'Data Protection Officer'
    },
    {
        key: 'referrals',
        title: 'Victim referral return, February 2025',
        kind: 'data-return',
        dated: '2025-03-10',
        owner: 'Head of Victim Care'
    },
    { key: 'audit', title: 'Stalking crime audit, quarter 4 2024-25', kind: 'audit', dated: '2025-03-14', owner: 'Head of Assurance' },
    {
        key: 'training',
        title: 'Stalking training completion return',
        kind: 'training-record',
        dated: '2025-03-18',
        owner: 'Head of Learning'
    }
];

/** The exhibits each plan item cites, by recommendation (recommendation 15 is made to PCCs: the force supports it). */
const itemExhibits: Record<string, string[]> = {
    '7': ['audit'],
    '10': ['training'],
    '11': ['profile', 'audit'],
    '12': ['minutes'],
    '13': ['minutes'],
    '14': ['referrals'],
    '15': ['agreement'],
    '16': ['agreement'],
    '17': ['audit'],
    '18': ['audit', 'training'],
    '20': ['training'],
    '22': ['profile'],
    '23': ['minutes'],
    '25': ['agreement'],
    '27': ['letter'],
    '28': ['plan']
};
/** Recommendations answered early, on the date of the exhibit that shows it (their deadline is 22 November 2024). */
const answeredEarly: Record<string, string> = { '27': '2024-11-15', '28': '2024-11-20' };

/**
 * A national workspace: the bundled framework, audiences and legislation, a shared curriculum, and
 * `forces` forces, each declared in its folder (`force-N/force.gdl`, `force force-N "Ashmere Police"`)
 * with 7 guidance documents, 5 training modules, 5 course packs, 8 exhibits (one a file) and a plan
 * whose items cite exhibits and have dated history, at the sizes of the Example Constabulary. Every
 * force covers every requirement with its own material at the default (evidenced) level; no errors,
 * no warnings. Ids are unique across the workspace (f1-…, f2-…).
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
        mkdirSync(path.join(folder, 'exhibits'), { recursive: true });
        const p = `f${f}`;
        const title = forceTitle(f);
        const site = `https://www.${title.split(' ')[0]!.toLowerCase()}${f > 88 ? f : ''}.police.example`;
        const lead = `${title} stalking lead`;
        writeFileSync(path.join(folder, 'force.gdl'), `force force-${f} "${title}" {\n    address "${site}"\n}\n`);
        const exhibits = exhibitKinds.map(e => {
            const where =
                e.key === 'profile'
                    ? `    file "exhibits/problem-profile-summary.md"\n`
                    : `    address "${site}/${e.key === 'plan' ? 'stalking-action-plan' : `stalking/${e.key}`}"\n`;
            const verified = e.verified ? `    verified-by "Force Assurance Manager"\n    verified ${e.verified}\n` : '';
            return `exhibit ${p}-ex-${e.key} "${e.title}" {\n    kind ${e.kind}\n    dated ${e.dated}\n    owner "${e.owner}"\n${where}${verified}}\n`;
        });
        writeFileSync(path.join(folder, 'exhibits.gdl'), `// ${title}'s evidence on file.\n\n${exhibits.join('\n')}`);
        writeFileSync(
            path.join(folder, 'exhibits/problem-profile-summary.md'),
            `# ${title}: stalking problem profile 2025 (summary)\n\n${words(next, 60)}\n`
        );
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
                `guidance ${p}-doc-${d} "${words(next, 6)}" {\n    owner "${lead}"\n    version "1.0"\n    status approved\n    approved 2025-02-01\n    review-by 2027-02-01\n    audience ${audiences.join(', ')}\n${sections.join('\n')}\n}\n`
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
            const checks = Array.from({ length: 4 }, (_, o) => {
                const question = words(next, 10);
                // The correct answer moves from check to check and is never the one longest option, as in a
                // balanced quiz (GDL0429, GDL0430): if it would be, it trades texts with its neighbour.
                const texts = [0, 1, 2].map(() => words(next, 4));
                const correct = (m + o) % 3;
                if (texts.every((t, i) => i === correct || t.length < texts[correct]!.length)) {
                    const neighbour = (correct + 1) % 3;
                    [texts[correct], texts[neighbour]] = [texts[neighbour]!, texts[correct]!];
                }
                const options = texts.map((t, i) => `option "${t}"${i === correct ? ' correct' : ''}`).join(' ');
                return `    check ${id}-q${o + 1} { question "${question}?" assesses ${id}-lo${o + 1} ${options} rationale "${words(next, 15)}" }`;
            });
            // A running order that adds up to the module's three hours: 15 + 30 + 4 × 30 + 15 minutes.
            const activities = Array.from(
                { length: 4 },
                (_, o) =>
                    `    activity ${id}-a${o + 1} "${words(next, 4)}" { duration 30 minutes supports ${id}-lo${o + 1} """${words(next, 40)}""" }`
            );
            writeFileSync(
                path.join(folder, `module-${m}.gdl`),
                `module ${id} "${words(next, 5)}" {\n    audience ${audiences[m - 1]}\n    owner "Training lead"\n    status approved\n    approved 2025-02-01\n    review-by 2027-02-01\n    duration 3 hours\n${m === 1 ? `    exhibits ${p}-ex-training\n` : ''}    delivery classroom\n    pass-mark 80%\n${outcomes.join('\n')}\n    introduction { duration 15 minutes }\n    content "${words(next, 3)}" { duration 30 minutes trainer-notes "${words(next, 20)}" """${words(next, 120)}""" }\n${activities.join('\n')}\n    break { duration 15 minutes }\n${checks.join('\n')}\n}\n`
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
        const items = Object.entries(evidence).map(([rec, ids]) => {
            // Published not started with the plan; for most, an update in progress in the new year; complete by March 2025.
            const history = answeredEarly[rec]
                ? [`        on ${answeredEarly[rec]} { status complete progress 100% update "${words(next, 12)}" }`]
                : [
                      `        on 2024-11-20 { status not-started progress 0% update "${words(next, 12)}" }`,
                      ...(next() < 0.6
                          ? [
                                `        on 2025-01-15 { status in-progress progress ${10 * (2 + Math.floor(next() * 7))}% update "${words(next, 20)}" }`
                            ]
                          : [])
                  ];
            return (
                `    item ${rec}${rec === '15' ? ' supporting' : ''} {\n        status complete\n        progress 100%\n        updated 2025-03-20\n        lead "${lead}"\n        update """${words(next, 50)}"""\n` +
                (ids.length > 0 ? `        addresses ${ids.join(', ')}\n` : '') +
                `        evidence ${p}-doc-1, ${p}-m1\n        exhibits ${itemExhibits[rec]!.map(e => `${p}-ex-${e}`).join(', ')}\n${history.join('\n')}\n    }`
            );
        });
        writeFileSync(
            path.join(folder, 'plan.gdl'),
            `plan ${p}-plan "${title} stalking action plan" {\n    force "${title}"\n    responds-to SC2024\n    executive-lead "Assistant Chief Constable"\n    operational-lead "${lead}"\n    published 2024-11-20\n    address "${site}/stalking-action-plan"\n${items.join('\n')}\n}\n`
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
