import { automatedReadability } from 'automated-readability';
import { colemanLiau } from 'coleman-liau';
import { daleChall } from 'dale-chall';
import { daleChallFormula, daleChallGradeLevel } from 'dale-chall-formula';
import { flesch } from 'flesch';
import { gunningFog } from 'gunning-fog';
import type { Root, Sentence, SentenceContent } from 'nlcst';
import { toString } from 'nlcst-to-string';
import { smogFormula } from 'smog-formula';
import { spache } from 'spache';
import { spacheFormula } from 'spache-formula';
import { syllable } from 'syllable';
import type { VFile } from 'vfile';

/** The `source` of a readability finding. */
export const READABILITY_SOURCE = 'gdl-readability';

/** Reading-age options: the text's reading age, and the share of the seven formulas that must rate a sentence above it. */
export interface ReadabilityOptions {
    readonly age: number;
    readonly threshold: number;
    /** Sentences shorter than this many words are not judged (the formulas mean little on them). */
    readonly minWords?: number;
}

// The Dale–Chall and Spache lists of familiar words, as sets: looked up for every word checked.
const daleChallWords = new Set(daleChall);
const spacheWords = new Set(spache);
// Syllables by word: the same few thousand words come back again and again.
const syllablesOf = new Map<string, number>();

function syllables(word: string): number {
    let count = syllablesOf.get(word);
    if (count === undefined) {
        count = syllable(word);
        if (syllablesOf.size < 100_000) {
            syllablesOf.set(word, count);
        }
    }
    return count;
}

const gradeToAge = (grade: number) => Math.round(grade + 5);
const fleschToAge = (score: number) => 20 - Math.floor(score / 10);
const smogToAge = (grade: number) => Math.ceil(Math.sqrt(grade) + 2.5);

/** How many of the seven readability formulas rate one sentence above a reading age, and how many words it has. */
export function sentenceRating(sentence: Sentence, age: number): { above: number; of: number; words: number } {
    const familiar = new Set<string>();
    const easy = new Set<string>();
    let words = 0;
    let letters = 0;
    let syllableCount = 0;
    let polysyllabic = 0;
    let complexPolysyllabic = 0;
    // A sentence's words are its children (parse-english): read directly, not through unist-util-visit, whose cost per
    // node visited (it names a function for each) was most of this rule's time.
    for (const node of sentence.children as SentenceContent[]) {
        if (node.type !== 'WordNode') {
            continue;
        }
        const value = toString(node);
        const caseless = value.toLowerCase();
        const count = syllables(value);
        words++;
        letters += value.length;
        syllableCount += count;
        if (count >= 3) {
            polysyllabic++;
            // Gunning fog leaves out proper nouns: a capitalised word is taken for one.
            if (value.charCodeAt(0) === caseless.charCodeAt(0)) {
                complexPolysyllabic++;
            }
        }
        if (spacheWords.has(caseless)) {
            familiar.add(caseless);
        }
        if (daleChallWords.has(caseless)) {
            easy.add(caseless);
        }
    }
    const counts = {
        character: letters,
        letter: letters,
        complexPolysillabicWord: complexPolysyllabic,
        polysillabicWord: polysyllabic,
        difficultWord: words - easy.size,
        unfamiliarWord: words - familiar.size,
        sentence: 1,
        syllable: syllableCount,
        word: words
    };
    const ages = [
        gradeToAge(automatedReadability(counts)),
        gradeToAge(colemanLiau(counts)),
        gradeToAge(daleChallGradeLevel(daleChallFormula(counts))[1]),
        fleschToAge(flesch(counts)),
        gradeToAge(gunningFog(counts)),
        smogToAge(smogFormula(counts)),
        gradeToAge(spacheFormula(counts))
    ];
    return { above: ages.filter(a => a > age).length, of: ages.length, words };
}

/**
 * A retext plugin: a sentence that enough of seven readability formulas (automated readability, Coleman–Liau,
 * Dale–Chall, Flesch, Gunning fog, SMOG, Spache) rate above the reading age is a finding. The same formulas and
 * counts as retext-readability, with its word lists looked up in sets and syllables remembered by word: it scanned
 * both lists for every word, the largest single cost of the plain-English checks.
 */
export default function gdlReadability(options: ReadabilityOptions) {
    const minWords = options.minWords ?? 5;
    return (tree: Root, file: VFile) => {
        eachSentence(tree, (sentence, parent) => {
            const rating = sentenceRating(sentence, options.age);
            if (rating.words >= minWords && rating.above / rating.of >= options.threshold) {
                const found = file.message(
                    `Hard to read: ${rating.above} out of ${rating.of} algorithms rate this sentence above the reading age`,
                    {
                        ancestors: parent ? [parent, sentence] : [sentence],
                        ...(sentence.position ? { place: sentence.position } : {}),
                        ruleId: 'readability',
                        source: READABILITY_SOURCE
                    }
                );
                found.actual = toString(sentence);
                found.expected = [];
            }
        });
    };
}

type Parent = { type: string; children?: unknown[] };

// Every sentence of the tree, with its parent, in order (a sentence's own content is not searched for sentences).
function eachSentence(node: Parent, found: (sentence: Sentence, parent: Parent | undefined) => void, parent?: Parent): void {
    if (node.type === 'SentenceNode') {
        found(node as Sentence, parent);
        return;
    }
    for (const child of (node.children ?? []) as Parent[]) {
        eachSentence(child, found, node);
    }
}
