import type { CodeName } from '../validation/diagnostic-codes.js';
import { smallest } from '../arrays.js';

/** How a plain-English finding is shown: a severity, or `off` to hide it. */
export type ProseSeverity = 'off' | 'hint' | 'info' | 'warning' | 'error';

export const proseSeverities: readonly ProseSeverity[] = ['off', 'hint', 'info', 'warning', 'error'];

/** The plain-English rules, by the catalogue name of their code. */
export const proseRules = [
    'prose-readability',
    'prose-simpler',
    'prose-passive',
    'prose-inconsiderate',
    'prose-repeated-word',
    'prose-article',
    'prose-spelling'
] as const satisfies readonly CodeName[];

export type ProseRule = (typeof proseRules)[number];

/**
 * The reading age each audience's text is written for (the readability rule's `age`, readability.ts): the one place it is set,
 * overridden per workspace by `prose.readingAge` in gdl.config.json. Call handlers and first responders read
 * guidance mid-call or mid-incident, and the public must understand what they are given; investigators,
 * supervisors and specialists read longer, more technical material at a desk.
 */
export const defaultReadingAges: Readonly<Record<string, number>> = {
    public: 12,
    victims: 12,
    'call-handlers': 14,
    'first-responders': 14,
    supervisors: 16,
    investigators: 17,
    'specialist-officers': 18
};

/**
 * Words retext-simplify offers a "simpler" word for that are terms of art in police and legal writing, where the
 * simpler word would change the meaning: an arrest *warrant*, a home *address*, an evidence *requirement*, a
 * mental health *liaison* practitioner, "as soon as reasonably *practicable*" (PACE), a "*substantial* adverse
 * *effect*" (s4A PHA 1997), the *maximum* and *minimum* penalty, the *evidenced* level of assurance.
 */
export const termsOfArt: readonly string[] = [
    'warrant',
    'address',
    'requirement',
    'liaison',
    'practicable',
    'substantial',
    'effect',
    'maximum',
    'minimum',
    'evidenced'
];

/** The reading age of text whose audience is not listed (or that has none). */
export const fallbackReadingAge = 16;

/** What the plain-English checks do in a workspace: the defaults, then gdl.config.json, then the editor's settings. */
export interface ProseOptions {
    /** Whether the checks run (the editor: `gdl.prose.enabled`; the CLI: `--prose`). */
    readonly enabled: boolean;
    /** Severity by code (`GDL0703`) or name (`prose-passive`); unlisted codes keep the catalogue's. */
    readonly severity: Readonly<Record<string, ProseSeverity>>;
    /** Reading age by audience id, over {@link defaultReadingAges}. */
    readonly readingAge: Readonly<Record<string, number>>;
    /** Words the speller accepts, beyond the dictionary and the base police and legal list. */
    readonly words: readonly string[];
}

export const defaultProseOptions: ProseOptions = { enabled: true, severity: {}, readingAge: {}, words: [] };

/** The reading age for text written for these audiences: the lowest of theirs (the text must serve every one). */
export function readingAgeFor(audiences: readonly string[], options: ProseOptions): number {
    const ages = audiences.map(id => options.readingAge[id] ?? defaultReadingAges[id] ?? fallbackReadingAge);
    return smallest(ages, fallbackReadingAge);
}
