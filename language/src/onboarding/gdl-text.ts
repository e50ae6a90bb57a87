import { AstUtils, GrammarAST } from 'langium';
import { GdlGrammar } from '../generated/grammar.js';

// Writing GDL source text from imported or generated content: quoting, prose blocks and ids. Every
// generator (init, import of documents and of published plans) writes through these, so what it
// writes always parses back to the same text.

/**
 * Characters a source file must not hold. Control characters (other than tab and line breaks; a NUL
 * makes the file unreadable as text) become their visible symbols (U+2400–U+2421, "␀", "␇"). U+FFFD,
 * the mark of text damaged before it reached us, becomes "?": the check reports a U+FFFD as bytes in
 * the wrong encoding. The import report says when either happened ({@link unwritableCharacters}).
 */
export function visible(text: string): string {
    return text.replace(CONTROL, c => String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0))).replace(/\uFFFD/g, '?');
}

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** How many characters of `text` {@link visible} changes: control characters and U+FFFD. */
export function unwritableCharacters(text: string): { control: number; replacement: number } {
    return { control: text.match(CONTROL)?.length ?? 0, replacement: text.match(/\uFFFD/g)?.length ?? 0 };
}

/** A one-line GDL string: backslashes and quotes escaped, line breaks and tabs as spaces. */
export function gdlString(value: string): string {
    const oneLine = visible(value)
        .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
        .replace(/ {2,}/g, ' ')
        .trim();
    return `"${oneLine.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * A triple-quoted prose block, indented to `indent` spaces. Prose has no escapes: a run of three or
 * more quotes in the text (which would end the block) gets a Markdown backslash before its third
 * quote, which renders the same quote. Lines keep their relative indentation; the block is dedented
 * when read (gdl-value-converter.ts).
 */
export function gdlProse(markdown: string, indent: number): string {
    const pad = ' '.repeat(indent);
    const safe = visible(markdown.replace(/\r\n?/g, '\n').replace(/[\u2028\u2029]/g, '\n')).replace(/""(?=")/g, '""\\');
    const lines = safe.split('\n').map(line => (line.trim() === '' ? '' : pad + line.trimEnd()));
    return `${pad}"""\n${lines.join('\n')}\n${pad}"""`;
}

/**
 * `//` comment lines holding `text`, indented `indent` spaces and wrapped at `width` columns. Line
 * breaks in the text are spaces: nothing in it (a file name, a page's words) can end the comment.
 */
export function gdlComment(text: string, indent = 0, width = 100): string[] {
    const pad = ' '.repeat(indent);
    const words = visible(text).replace(/\s+/g, ' ').trim().split(' ');
    const lines: string[] = [];
    let line = '';
    for (const word of words) {
        if (line && indent + 3 + line.length + 1 + word.length > width) {
            lines.push(`${pad}// ${line}`);
            line = word;
        } else {
            line = line ? `${line} ${word}` : word;
        }
    }
    return [...lines, `${pad}// ${line}`.trimEnd()];
}

/**
 * The mark of an imported file in its header: how a second import of the same bytes is recognised.
 * One word, so that wrapping the header comment never splits it.
 */
export function provenanceMark(sha256: string): string {
    return `SHA-256:${sha256.slice(0, 16)}`;
}

/** A prose block when the text runs over lines or holds a quote, else a string. */
export function gdlText(value: string, indent: number): string {
    return /[\n"]/.test(value.trim()) ? `\n${gdlProse(value.trim(), indent + 4)}` : ` ${gdlString(value)}`;
}

let keywordSet: ReadonlySet<string> | undefined;

/** The grammar's keywords: an id spelled like one would not parse as an id. */
/** What the grammar reads as an id (its ID terminal): a letter or _, then letters, digits, _ and -. */
export const GDL_ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Every keyword of the grammar: words an id cannot be. */
export function gdlKeywords(): ReadonlySet<string> {
    keywordSet ??= new Set(
        AstUtils.streamAllContents(GdlGrammar())
            .filter(GrammarAST.isKeyword)
            .map(k => k.value)
    );
    return keywordSet;
}

const SMALL_WORDS = new Set(['a', 'an', 'and', 'the', 'of', 'to', 'in', 'on', 'for', 'or', 'with', 'by', 'at', 'from', 'is', 'are', 'be']);

/**
 * A readable id from a title: lower case ASCII words joined by hyphens, leading numbering ("1.2",
 * "3.") and small words dropped, at most `words` words. Starts with a letter; never a
 * keyword (judged with the `prefix` it is given, if any: "sog-introduction" is no keyword). The same
 * title always gives the same slug.
 */
export function slugFromTitle(title: string, words = 5, prefix?: string): string {
    const plain = title
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/['\u2019]/g, '')
        .replace(/^\s*\d+(\.\d+)*[.):]?\s+/, '')
        .toLowerCase();
    const all = plain.split(/[^a-z0-9]+/).filter(Boolean);
    // Small words go, except a last single letter that names something ("Appendix A", "Q&A").
    const significant = all.filter((w, i) => !SMALL_WORDS.has(w) || (i === all.length - 1 && w.length === 1));
    const chosen = (significant.length > 0 ? significant : all).slice(0, words);
    // At most 60 characters (a word of hundreds of letters made an id no file could be named by: GDL0010).
    let slug = chosen.join('-').slice(0, 60).replace(/-+$/, '') || 'untitled';
    if (prefix) {
        slug = `${prefix}-${slug}`;
    } else if (!/^[a-z]/.test(slug)) {
        slug = `s-${slug}`;
    }
    return gdlKeywords().has(slug) ? `${slug}-x` : slug;
}

/** Short initials for a prefix: "Stalking operational guidance" → "sog". */
export function initialsOf(title: string): string {
    const slug = slugFromTitle(title, 4);
    const initials = slug
        .split('-')
        .map(w => w[0])
        .join('');
    return /^[a-z]/.test(initials) ? initials : `d${initials}`;
}

/**
 * Hands out ids unique among `taken` (the workspace's ids and those already given): the wanted id,
 * else the id with -2, -3… Deterministic: the same titles in the same order against the same
 * workspace give the same ids.
 */
export class IdAllocator {
    private readonly taken: Set<string>;

    constructor(taken: Iterable<string> = []) {
        this.taken = new Set([...taken].map(t => t.toLowerCase()));
    }

    has(id: string): boolean {
        return this.taken.has(id.toLowerCase());
    }

    take(wanted: string): string {
        let id = wanted;
        for (let n = 2; this.taken.has(id.toLowerCase()) || gdlKeywords().has(id); n++) {
            id = `${wanted}-${n}`;
        }
        this.taken.add(id.toLowerCase());
        return id;
    }
}
