import type { Root as MdastRoot, InlineCode, Link } from 'mdast';
import type { Root as NlcstRoot } from 'nlcst';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRetext from 'remark-retext';
import retextEnglish from 'retext-english';
import retextEquality from 'retext-equality';
import retextIndefiniteArticle from 'retext-indefinite-article';
import retextPassive from 'retext-passive';
import retextRepeatedWords from 'retext-repeated-words';
import retextSimplify from 'retext-simplify';
import retextSpell from 'retext-spell';
import { unified, type Processor } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { termsOfArt, type ProseRule } from './prose-options.js';
import gdlReadability, { READABILITY_SOURCE } from './readability.js';
import retextRealignPositions from './realign-positions.js';
import { basePoliceWords, enGbDictionary } from './prose-resources.js';

/** One plain-English finding in a text: its rule, where it is (offsets in the text), the words and what to write instead. */
export interface ProseFinding {
    readonly rule: ProseRule;
    readonly start: number;
    readonly end: number;
    readonly actual: string;
    readonly expected: readonly string[];
    /** The rule's own words, for the readability finding ("4 out of 7 algorithms"). */
    readonly reason: string;
}

const ruleOfSource: Readonly<Record<string, ProseRule>> = {
    [READABILITY_SOURCE]: 'prose-readability',
    'retext-simplify': 'prose-simpler',
    'retext-passive': 'prose-passive',
    'retext-equality': 'prose-inconsiderate',
    'retext-repeated-words': 'prose-repeated-word',
    'retext-indefinite-article': 'prose-article',
    'retext-spell': 'prose-spelling'
};

type Transform = (tree: NlcstRoot, file: VFile) => void;

/**
 * How many of the seven readability formulas (readability.ts) must rate a sentence above the reading age: five, not its default
 * four, because police and legal words (investigation, safeguarding, harassment) are long but known to every reader.
 */
const READABILITY_AGREEMENT = 5 / 7;

// The readability rule takes its age when attached; the age here is the text's, so one transform per age, made on first use.
function readabilityByAge() {
    const byAge = new Map<number, Transform>();
    return (tree: NlcstRoot, file: VFile) => {
        const age = (file.data as { readingAge?: number }).readingAge ?? 16;
        let transform = byAge.get(age);
        if (!transform) {
            transform = gdlReadability({ age, threshold: READABILITY_AGREEMENT });
            byAge.set(age, transform);
        }
        transform(tree, file);
    };
}

/**
 * retext-equality, shown the whole text as one paragraph: it indexes its thousands of phrases again for every paragraph
 * it visits, which made it most of the cost of a long text. Its phrases never span sentences, and its findings name
 * the words themselves, so they are the same; only its own view of the tree is regrouped, the tree is not changed.
 */
function equalityInOnePass() {
    const transform = (retextEquality as unknown as () => Transform)();
    return (tree: NlcstRoot, file: VFile) => {
        const sentences = tree.children.flatMap(child => (child.type === 'ParagraphNode' ? child.children : []));
        transform({ type: 'RootNode', children: [{ type: 'ParagraphNode', children: sentences }] }, file);
    };
}

// A bare web address or e-mail address (GFM's autolink literal, or <…>) is code, not words: never spelled or read aloud.
function addressesAreCode() {
    return (tree: MdastRoot) => {
        visit(tree, 'link', (node: Link, index, parent) => {
            const only = node.children.length === 1 ? node.children[0] : undefined;
            if (
                parent &&
                index !== undefined &&
                only?.type === 'text' &&
                !/\s/.test(only.value) &&
                /^(?:[a-z][\w+.-]*:|www\.)|@/i.test(only.value)
            ) {
                const code: InlineCode = { type: 'inlineCode', value: only.value, ...(node.position ? { position: node.position } : {}) };
                parent.children[index] = code;
            }
        });
    };
}

/** The checks for one word list: Markdown parsed (code, addresses and syntax are not prose), then every retext rule. */
export class ProseProcessor {
    private readonly processor: Processor<MdastRoot, MdastRoot, MdastRoot>;

    constructor(words: readonly string[]) {
        const english = unified()
            .use(retextEnglish)
            .use(retextRealignPositions)
            // max -1: no suggestions while checking (nspell's are slow: ~0.4 s a word); the quick fix asks for them.
            .use(retextSpell, { dictionary: enGbDictionary(), personal: personalDictionary([...basePoliceWords(), ...words]), max: -1 })
            .use(readabilityByAge)
            .use(retextSimplify, { ignore: [...termsOfArt] })
            .use(retextPassive)
            .use(equalityInOnePass)
            .use(retextRepeatedWords)
            .use(retextIndefiniteArticle);
        this.processor = unified()
            .use(remarkParse)
            .use(remarkGfm)
            .use(addressesAreCode)
            .use(remarkRetext, english as never)
            .freeze() as unknown as Processor<MdastRoot, MdastRoot, MdastRoot>;
    }

    /** The findings in a Markdown text read at a reading age, in text order. */
    async check(text: string, readingAge: number): Promise<ProseFinding[]> {
        const file = new VFile({ value: text, data: { readingAge } });
        await this.processor.run(this.processor.parse(file), file);
        const findings: ProseFinding[] = [];
        for (const message of file.messages) {
            const rule = ruleOfSource[message.source ?? ''];
            const start = message.place && 'start' in message.place ? message.place.start.offset : undefined;
            const end = message.place && 'end' in message.place ? message.place.end.offset : undefined;
            if (
                !rule ||
                start === undefined ||
                end === undefined ||
                (rule === 'prose-spelling' && !spellable(text, start, end)) ||
                // retext-equality takes "mental" for the insult; "mental health" is the service's name.
                (rule === 'prose-inconsiderate' && /^mental$/i.test(text.slice(start, end)) && /^\s+health/i.test(text.slice(end)))
            ) {
                continue;
            }
            findings.push({
                rule,
                start,
                end,
                actual: message.actual ?? text.slice(start, end),
                expected: message.expected ?? [],
                reason: message.reason
            });
        }
        return findings.sort((a, b) => a.start - b.start || a.end - b.end);
    }
}

/**
 * Where texts are checked together, the Markdown between them: a paragraph of one full stop, after a blank line, ends
 * any paragraph, list, quote or indented code, and ends the sentence too (mdast-util-to-nlcst runs a sentence without
 * a full stop on into the next paragraph), so no text's words run into the next one's.
 */
const SEPARATOR = '\n\n.\n\n';

/**
 * Whether a text can be checked joined to others: one that opens a fence or raw HTML (which may run on to the end of
 * the document, whatever follows) is checked on its own.
 */
function joinable(text: string): boolean {
    return !/```|~~~|</.test(text);
}

/**
 * The findings of many texts read at one age, each text's in its own offsets. The rules cost as much to start as to
 * read a paragraph (retext-simplify and retext-equality index their thousands of phrases on every run), so texts that
 * can be are checked in one run.
 */
export function checkTexts(processor: ProseProcessor, texts: readonly string[], readingAge: number): Promise<ProseFinding[]>[] {
    const joined = texts.map((_, index) => index).filter(index => joinable(texts[index]!));
    const together =
        joined.length > 1
            ? checkJoined(
                  processor,
                  joined.map(i => texts[i]!),
                  readingAge
              )
            : undefined;
    return texts.map((text, index) => {
        const at = together ? joined.indexOf(index) : -1;
        // A text whose joined run fails is checked alone: one text the rules cannot read costs only its own findings.
        return at >= 0
            ? together!.then(
                  all => all[at]!,
                  () => processor.check(text, readingAge)
              )
            : processor.check(text, readingAge);
    });
}

/** The findings of texts checked in one run, each text's in its own offsets. */
async function checkJoined(processor: ProseProcessor, texts: readonly string[], readingAge: number): Promise<ProseFinding[][]> {
    const results: ProseFinding[][] = texts.map(() => []);
    const starts: number[] = [];
    let combined = '';
    for (const text of texts) {
        combined += combined === '' ? '' : SEPARATOR;
        starts.push(combined.length);
        combined += text;
    }
    for (const finding of await processor.check(combined, readingAge)) {
        // The last text that starts at or before the finding holds it (a finding never spans a break).
        let at = starts.length - 1;
        while (at > 0 && starts[at]! > finding.start) {
            at--;
        }
        const text = texts[at]!;
        const start = finding.start - starts[at]!;
        // A sentence without a full stop ends at the separator's: it ends, as checked alone, at its last character.
        let end = Math.min(finding.end - starts[at]!, text.length);
        while (end > start + 1 && /\s/.test(text[end - 1]!)) {
            end--;
        }
        if (start >= 0 && start < text.length) {
            results[at]!.push({ ...finding, start, end });
        }
    }
    return results;
}

// A second speller that does suggest, made when the first quick fix asks (the checking one never does).
// Each word, and its possessive (the SAU's): nspell's personal dictionary takes words one a line.
function personalDictionary(words: readonly string[]): string {
    return words.flatMap(word => [word, `${word}'s`]).join('\n');
}

/**
 * Whether an unknown word is a word to spell: not a section of an Act or an id (s4A, 2A, CH1-ACT3: digits), not a
 * web domain (legislation.gov.uk), not a lone letter, and not part of a word split by emphasis (**F**ixated).
 */
function spellable(text: string, start: number, end: number): boolean {
    const word = text.slice(start, end);
    if (/\d/.test(word) || /\w\.\w/.test(word) || word.length < 2) {
        return false;
    }
    const joinedBefore = /[\p{L}](?:\*\*?|__?)$|[\p{L}]$/u.test(text.slice(Math.max(0, start - 3), start));
    const joinedAfter = /^(?:\*\*?|__?)[\p{L}]/u.test(text.slice(end, end + 3));
    return !joinedBefore && !joinedAfter;
}

let suggester: ((word: string) => Promise<readonly string[]>) | undefined;
const suggestions = new Map<string, readonly string[]>();

/** Spelling suggestions for a word (for the quick fix; slow, so asked only then, and remembered). */
export async function spellingSuggestions(word: string): Promise<readonly string[]> {
    if (!suggester) {
        const checker = unified()
            .use(retextEnglish)
            .use(retextSpell, { dictionary: enGbDictionary(), max: Number.MAX_SAFE_INTEGER })
            .freeze();
        suggester = async (text: string) => {
            const file = new VFile(text);
            await checker.run(checker.parse(file), file);
            return (file.messages.find(m => m.source === 'retext-spell')?.expected ?? []).slice(0, 5);
        };
    }
    let found = suggestions.get(word);
    if (!found) {
        found = await suggester(word);
        suggestions.set(word, found);
    }
    return found;
}
