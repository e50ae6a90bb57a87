import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { random } from './generate-workspace.js';

const vocabulary = (
    'stalking harassment victim suspect risk pattern behaviour contact report officer supervisor investigation evidence ' +
    'statement safeguarding order breach screening referral advocate course conduct fixated obsessive unwanted repeated online device'
).split(' ');

/**
 * One file holding a whole corpus, the shape of the scale corpus (`generateScaleCorpus`: `n`
 * requirements of about 60 words, 5 to a recommendation, and a guidance section of about 40 words
 * covering each, 5% left uncovered) but in ONE framework and ONE guidance document in ONE file.
 * n = 19,000 is about 20 MB. Valid: no errors. Returns the file written.
 */
export function generateOneFile(target: string, n: number, seed = 1): string {
    const next = random(seed);
    const words = (count: number) => Array.from({ length: count }, () => vocabulary[Math.floor(next() * vocabulary.length)]).join(' ');
    const framework: string[] = ['framework BIG "One big framework" {'];
    const guidance: string[] = [
        'guidance big "One big guidance document" {',
        '    owner "Lead"',
        '    status approved',
        '    approved 2025-01-01',
        '    review-by 2027-01-01'
    ];
    for (let rec = 1; (rec - 1) * 5 < n; rec++) {
        framework.push(
            `    recommendation ${rec} {`,
            '        to chief-constables',
            '        deadline 2025-03-27',
            `        text "${words(30)}"`
        );
        for (let e = 1; e <= 5 && (rec - 1) * 5 + e <= n; e++) {
            framework.push(`        evidence ${rec}.${e} { text "${words(60)}" }`);
            if (((rec - 1) * 5 + e) % 20 !== 0) {
                guidance.push(
                    `    section s-${rec}-${e} "${words(4)}" {`,
                    `        addresses ${rec}.${e}`,
                    `        """${words(40)}"""`,
                    '    }'
                );
            }
        }
        framework.push('    }');
    }
    framework.push('}');
    guidance.push('}');
    mkdirSync(target, { recursive: true });
    const file = path.join(target, 'everything.gdl');
    writeFileSync(file, framework.join('\n') + '\n' + guidance.join('\n') + '\n');
    return file;
}

// `node out/bench/generate-one-file.js N DIR [SEED]`
if (process.argv[1] && new URL(import.meta.url).pathname === path.resolve(process.argv[1])) {
    const [count, dir, seed] = process.argv.slice(2);
    if (!count || !dir) {
        process.stderr.write('usage: generate-one-file N DIR [SEED]\n');
        process.exit(2);
    }
    const file = generateOneFile(dir, Number(count), Number(seed ?? 1));
    process.stdout.write(`generated ${file}\n`);
}
