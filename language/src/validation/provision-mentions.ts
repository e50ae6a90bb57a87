/**
 * Where a text names legislation: an Act by its title ("the Protection from Harassment Act 1997", "PHA 1997",
 * "the 1997 Act") or a provision ("section 2A", "s.4A", "s 4A(1)", "sections 2A and 4A", "Schedule 15"), each
 * matched to the Acts the workspace declares. Nothing here knows an Act the workspace does not declare: an Act
 * is known by its declaration's id and title, a provision by its address (…/section/2A) or its id (s2A, Sch15).
 * Offsets are offsets in the text as given (a token as written, quotes and indentation included).
 */

import { blankWebAddresses } from './web-addresses.js';
import { TextMemo } from '../text-memo.js';

/** What the finder needs to know of one declared Act. */
export interface ActFacts {
    /** The declaration's id (PHA1997). */
    readonly id: string;
    readonly title: string;
    /** Its provisions by what a text calls them: `section 2A` → s2A, `schedule 15` → Sch15. */
    readonly provisions: ReadonlyMap<string, string>;
}

/** A provision or an Act named in a text. */
export interface LegislationMention {
    readonly start: number;
    readonly end: number;
    readonly text: string;
    /** The Act meant, when that is clear. */
    readonly act?: string;
    /** The provision meant (its id in the Act), for a named provision whose Act is clear. */
    readonly provision?: string;
    /** For a provision: what the text calls it (`section 2A`), and whether the text names its Act with it. */
    readonly key?: string;
    readonly explicit?: boolean;
    /** For a provision: the declared Acts that have it (the one named with it, when it is). */
    readonly candidates: readonly string[];
}

/** The key a text's "section 2A" or "Schedule 15" is looked up by. */
export function provisionKey(kind: 'section' | 'schedule', number: string): string {
    return `${kind} ${number.toUpperCase()}`;
}

/** What a provision is called in text, from its address (…/section/2A, …/schedule/15) or else its id (s2A, Sch15). */
export function provisionKeyOf(name: string, address: string | undefined): string | undefined {
    const fromAddress = address && /\/(section|schedule)\/(\d+[A-Za-z]*)(?:[/?#]|$)/.exec(address);
    if (fromAddress) {
        return provisionKey(fromAddress[1] as 'section' | 'schedule', fromAddress[2]!);
    }
    const fromId = /^(?:(s)|(sch(?:edule)?))(\d+[A-Za-z]*)$/i.exec(name);
    return fromId ? provisionKey(fromId[1] ? 'section' : 'schedule', fromId[3]!) : undefined;
}

/** The year an Act's title ends with ("… Act 1997"). */
export function actYear(title: string): string | undefined {
    return /\b((?:1[6-9]|20)\d{2})\s*$/.exec(title)?.[1];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Any Act's title, declared or not ("the Police and Criminal Evidence Act 1984"): capitalised words, the small
// words titles use between them, then "Act" and a year. A section "of" an Act no one declared is not ours to match.
// At most 12 words of at most 3 small words each: a long run of capitals is searched in linear time.
const anyActTitle = String.raw`(?:[A-Z][\p{L}'’-]{0,40},?\s{1,5}(?:(?:and|of|from|for|the|in|on|to|etc\.?)\s{1,5}){0,3}){1,12}Act\s+(?:1[6-9]|20)\d{2}(?!\d)`;
const number = String.raw`\d+[A-Z]{0,2}(?![\p{L}\p{N}])`;
const subsection = String.raw`(?:\((?:\d+[A-Za-z]{0,2}|[a-z]{1,4})\))*`;
const listed = String.raw`(?:\s*(?:,|\band\b|\bor\b|\bto\b|&)\s*(?:s\.?\s*)?${number}${subsection})*`;
const provisionWords = String.raw`(?<![\p{L}\p{N}_])(?:(?<section>[Ss]ections?|ss?\.?|SS?\.?)|(?<schedule>[Ss]chedules?|[Ss]ch\.?))\s*(?<numbers>${number}${subsection}${listed})`;
const eachNumber = new RegExp(`(?:^|(?<=[\\s,&]|s\\.?))(${number})`, 'gu');

/** Every Act and provision a text names, in text order; a provision whose Act the workspace does not declare is not one. */
export function legislationMentions(text: string, acts: readonly ActFacts[]): readonly LegislationMention[] {
    if (!/\d/.test(text)) {
        return [];
    }
    // Remembered by text for each list of Acts (the same list while no file's Acts change).
    return patternsOf(acts).mentions.get(text);
}

function searchMentions(text: string, acts: readonly ActFacts[]): LegislationMention[] {
    const searched = blankWebAddresses(text);
    const { byAct, declaredAfter, anyAct } = patternsOf(acts);
    const actMentions = findActs(searched, text, atWordStarts(searched, anyAct).next().done ? [] : byAct);
    const context = new ActContext(actMentions, searched);
    const byEnd = new Map(actMentions.filter(a => a.act).map(a => [a.end, a]));
    const consumed = new Set<ActMention>();
    const mentions: LegislationMention[] = [];
    for (const m of searched.matchAll(provisionPattern)) {
        const kind = m.groups!.schedule ? 'schedule' : 'section';
        const start = m.index;
        let end = m.index + m[0].length;
        declaredAfter.lastIndex = end;
        const declared = declaredAfter.exec(searched);
        const named = declared ? byEnd.get(end + declared[0].length) : undefined;
        let explicit: string | undefined;
        if (named) {
            explicit = named.act;
            consumed.add(named);
            end = named.end;
        } else {
            otherAfter.lastIndex = end;
            const other = otherAfter.exec(searched);
            if (other) {
                // Another Act's ("section 24 of PACE"): and the context for the bare sections after it.
                context.add({ start: end, end: end + other[0].length, text: other[0], act: undefined });
                continue;
            }
        }
        if (!explicit && context.otherActBefore(start)) {
            continue; // "section 24(5)" after "section 24 of PACE": that Act's
        }
        const keys = [...m.groups!.numbers!.matchAll(eachNumber)].map(n => provisionKey(kind, n[1]!));
        // In a list, a section only one Act has says whose the others are ("sections 4 and 4A": the 1997 Act's).
        const listAct = keys.map(k => acts.filter(a => a.provisions.has(k))).find(c => c.length === 1)?.[0]?.id;
        for (const key of keys) {
            const own = explicit ?? (listAct && acts.find(a => a.id === listAct)?.provisions.has(key) ? listAct : undefined);
            const meant: { act?: string; candidates?: string[] } | undefined = own ? { act: own } : context.resolve(key, start, acts);
            const provision = meant?.act ? acts.find(a => a.id === meant.act)?.provisions.get(key) : undefined;
            if (!meant || (meant.act && !provision)) {
                continue; // no declared Act has it, or the Act meant does not declare it: nothing to cite
            }
            mentions.push({
                start,
                end,
                text: text.slice(start, end),
                key,
                explicit: explicit !== undefined,
                ...(meant.act ? { act: meant.act, provision } : {}),
                candidates: explicit ? [explicit] : acts.filter(a => a.provisions.has(key)).map(a => a.id)
            });
        }
    }
    // An Act named on its own, not as part of a provision's reference.
    for (const act of actMentions) {
        if (act.act && !consumed.has(act)) {
            mentions.push({ start: act.start, end: act.end, text: act.text, act: act.act, candidates: [] });
        }
    }
    return mentions.sort((a, b) => a.start - b.start || a.end - b.end);
}

interface ActMention {
    readonly start: number;
    readonly end: number;
    readonly text: string;
    /** The declared Act, or undefined for an Act the workspace does not declare. */
    readonly act: string | undefined;
}

// What a text calls a declared Act: its title, its id's letters and year ("PHA 1997", "PHA1997"), and "the 1997 Act"
// when no other declared Act is of that year.
function aliases(act: ActFacts, acts: readonly ActFacts[]): string[] {
    const names = [escape(act.title).replace(/\s+/g, String.raw`\s+`)];
    const id = /^([A-Z]{2,})(\d{4})$/.exec(act.id);
    if (id) {
        names.push(`${id[1]}\\s*${id[2]}`);
    }
    const year = actYear(act.title);
    if (year && acts.filter(a => actYear(a.title) === year).length === 1) {
        // The year first, then the look back for "the": a pattern starting with a look-behind is tried at every
        // position of every text (this one alias was most of the citation check's time).
        names.push(String.raw`${year}(?<=\bthe\s{1,5}${year})\s+Act`);
    }
    return names;
}

function actAlternatives(acts: readonly ActFacts[]): string {
    return acts.flatMap(act => aliases(act, acts)).join('|') || '(?!)';
}

/** The patterns for one list of declared Acts: compiled once per list (a build's), not once per text. */
interface ActPatterns {
    /** Each Act's names, each a global pattern (searched with {@link atWordStarts}: it does not check what is before). */
    readonly byAct: readonly { readonly id: string; readonly names: readonly RegExp[] }[];
    /**
     * An Act named right after a provision: "section 2A of the Protection from Harassment Act 1997", "s4A PHA 1997".
     * Sticky: read from where the provision ends.
     */
    readonly declaredAfter: RegExp;
    /**
     * Whether a text names any of the Acts at all (most texts name none: one search, not one per name). Global, and
     * searched with {@link atWordStarts}.
     */
    readonly anyAct: RegExp;
    /** What each text names, remembered by text. */
    readonly mentions: TextMemo<readonly LegislationMention[]>;
}

const compiled = new WeakMap<readonly ActFacts[], ActPatterns>();

function patternsOf(acts: readonly ActFacts[]): ActPatterns {
    let patterns = compiled.get(acts);
    if (!patterns) {
        patterns = {
            byAct: acts.map(act => ({
                id: act.id,
                names: aliases(act, acts).map(alias => new RegExp(`(?:${alias})(?![\\p{L}\\p{N}])`, 'gu'))
            })),
            declaredAfter: new RegExp(
                String.raw`(?:\s+(?:of|in|under)\s+(?:the\s+)?|\s+)(?:${actAlternatives(acts)})(?![\p{L}\p{N}])`,
                'uy'
            ),
            anyAct: new RegExp(`(?:${actAlternatives(acts)})(?![\\p{L}\\p{N}])`, 'gu'),
            mentions: new TextMemo(text => searchMentions(text, acts))
        };
        compiled.set(acts, patterns);
    }
    return patterns;
}

// A provision's words, and another Act's named right after it ("section 24 of PACE": not ours to match). Sticky.
const provisionPattern = new RegExp(provisionWords, 'gu');
const otherAfter = new RegExp(String.raw`\s+(?:of|in|under)\s+(?:the\s+)?(?:${anyActTitle}|[A-Z]{2,}\b)`, 'uy');
const anyActPattern = new RegExp(anyActTitle, 'gu');

/**
 * The matches of a global pattern that start a word: what `(?<![\p{L}\p{N}])` before the pattern would give (the
 * same matches, the same alternative chosen at each), without it. A pattern that starts with a look-behind is tried
 * at every position of the text; one that starts with its words skips to where they might begin.
 */
export function* atWordStarts(text: string, pattern: RegExp): Generator<RegExpExecArray> {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        if (startsWord(text, m.index)) {
            yield m;
        } else {
            // The next position, a whole character on (a character outside the BMP is two code units).
            pattern.lastIndex = m.index + (text.codePointAt(m.index)! > 0xffff ? 2 : 1);
        }
    }
}

const letterOrNumber = /[\p{L}\p{N}]/u;

function startsWord(text: string, at: number): boolean {
    if (at === 0) {
        return true;
    }
    const low = text.charCodeAt(at - 1);
    const before =
        low >= 0xdc00 && low <= 0xdfff && at >= 2 && text.charCodeAt(at - 2) >= 0xd800 && text.charCodeAt(at - 2) <= 0xdbff
            ? text.slice(at - 2, at)
            : text.charAt(at - 1);
    return !letterOrNumber.test(before);
}

function findActs(searched: string, text: string, byAct: ActPatterns['byAct']): ActMention[] {
    const found: ActMention[] = [];
    for (const act of byAct) {
        for (const name of act.names) {
            for (const m of atWordStarts(searched, name)) {
                found.push({ start: m.index, end: m.index + m[0].length, text: text.slice(m.index, m.index + m[0].length), act: act.id });
            }
        }
    }
    // Acts the workspace does not declare set the context too: "section 24 of PACE" after "the Police and Criminal Evidence Act 1984".
    // (Every title ends "Act" and a year: a text without "Act" names none.)
    if (!searched.includes('Act')) {
        return found.sort((a, b) => a.start - b.start);
    }
    const declared = found.length > 0 ? new Uint8Array(searched.length + 1) : undefined;
    found.forEach(f => declared!.fill(1, f.start, f.end));
    for (const m of searched.matchAll(anyActPattern)) {
        if (!declared?.subarray(m.index, m.index + m[0].length).includes(1)) {
            found.push({ start: m.index, end: m.index + m[0].length, text: m[0], act: undefined });
        }
    }
    return found.sort((a, b) => a.start - b.start);
}

/** The Acts a text names, in text order, for deciding whose a bare "section 2" is; each look-up is a binary search. */
class ActContext {
    private readonly named: ReadonlySet<string>;
    private readonly paragraphs: number[];

    constructor(
        private readonly mentions: ActMention[],
        text: string
    ) {
        this.named = new Set(mentions.flatMap(a => (a.act ? [a.act] : [])));
        this.paragraphs = [0, ...[...text.matchAll(/\n[ \t]*\n/g)].map(m => m.index + m[0].length)];
    }

    /** Adds an Act the workspace does not declare, named at a provision ("section 24 of PACE"). */
    add(mention: ActMention): void {
        this.mentions.splice(this.countBefore(mention.start), 0, mention);
    }

    /** Whether the Act named nearest before `at`, in the same paragraph, is one the workspace does not declare. */
    otherActBefore(at: number): boolean {
        const before = this.lastBefore(at);
        const paragraph = this.paragraphs[upperBound(this.paragraphs, at) - 1] ?? 0;
        return before !== undefined && before.act === undefined && before.start >= paragraph;
    }

    /**
     * The Act a bare "section 2A" at `at` means: the Act named nearest before it when that Act has it; else the one
     * Act named in the text that has it; else the one declared Act that has it. Otherwise open: the Acts that have it.
     */
    resolve(key: string, at: number, acts: readonly ActFacts[]): { act?: string; candidates?: string[] } | undefined {
        const candidates = acts.filter(a => a.provisions.has(key)).map(a => a.id);
        if (candidates.length === 0) {
            return undefined;
        }
        const before = this.lastBefore(at);
        if (before?.act && candidates.includes(before.act)) {
            return { act: before.act };
        }
        const named = candidates.filter(id => this.named.has(id));
        if (named.length === 1 || (named.length === 0 && candidates.length === 1)) {
            return { act: named[0] ?? candidates[0]! };
        }
        return { candidates: named.length > 0 ? named : candidates };
    }

    // The last Act named wholly before `at`.
    private lastBefore(at: number): ActMention | undefined {
        for (let i = this.countBefore(at) - 1; i >= 0; i--) {
            if (this.mentions[i]!.end <= at) {
                return this.mentions[i];
            }
        }
        return undefined;
    }

    // How many mentions start before `at`.
    private countBefore(at: number): number {
        let low = 0;
        let high = this.mentions.length;
        while (low < high) {
            const mid = (low + high) >> 1;
            if (this.mentions[mid]!.start < at) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}

// The number of sorted `values` at or before `at`.
function upperBound(values: readonly number[], at: number): number {
    let low = 0;
    let high = values.length;
    while (low < high) {
        const mid = (low + high) >> 1;
        if (values[mid]! <= at) {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    return low;
}
