import type { FrameworkFacts } from './framework-facts.js';
import { isCalendarDate, isBefore, MONTH_PATTERN, monthNumber } from '../dates.js';
import { GDL_ID, gdlKeywords, gdlProse, gdlString } from './gdl-text.js';
import { ImportError, type ImportNote } from './import-report.js';
import { append } from '../arrays.js';

// Reading a force's published stalking action plan page (its text, as saved from the force's web
// site) into a GDL `plan`. Two shapes are met: structured pages that quote each recommendation, its
// evidence requirements ("7.1 - Evidence requirements of progress/completion: …") and sometimes an
// update block ("Recommendation Owner:", "Force Update:", "Date:", "Status:"); and narrative pages
// that describe the force's response in paragraphs. Recommendations are numbered by an explicit heading
// ("Recommendation 12"), from their evidence requirement ids, or by matching the framework's quoted text
// (whole, or a leading part of exactly one recommendation's); narrative paragraphs are kept word for
// word; site furniture (cookie banners, "Quickly exit this site", beta banners) is left out and listed.

export interface ImportedPlanItem {
    recommendation: string;
    status?: 'not-started' | 'in-progress' | 'complete';
    progress?: number;
    /** YYYY-MM-DD. */
    updated?: string;
    /** Word for word, paragraphs joined by blank lines. */
    update?: string;
    /** "Recommendation Owner:" as written. */
    owner?: string;
    /** "Status:" as written. */
    statusText?: string;
    /** "Date:" as written. */
    dateText?: string;
    /** The line of the page the recommendation starts on (1-based). */
    line: number;
}

export interface ImportedPlan {
    force?: string;
    executiveLead?: string;
    operationalLead?: string;
    items: ImportedPlanItem[];
    /** Paragraphs that are not furniture nor recommendation or evidence text nor update blocks, word for word. */
    narrative: string[];
    notes: ImportNote[];
}

// ---------------------------------------------------------------- lines of the page

/** Lines every page of the forces' common web platform carries, whatever the page says. */
const FURNITURE = [
    /^Quickly exit this site\b/i,
    /\bLeave this site\.?$/i,
    /^Skip to (?:main )?content\.?$/i,
    /\bcookies?\b.*\b(?:website|site|preferences|settings|notice|page)\b/i,
    /^(?:Accept|Reject|Customise|Hide|Manage)\b.*\bcookies?\b/i,
    /^Sorry, there was a technical problem\b/i,
    /^This site is a beta\b/i
];

const EVIDENCE_LINE =
    /^(\d{1,3}\.\d{1,3})\s*(?:[-\u2010-\u2015:]\s*)?(?:Evidence requirements? of progress\s*\/\s*completion\s*:?\s*(.*))?$/i;
const FIELD_LINES = {
    executive: /^Executive Lead\s*:\s*(.*)$/i,
    operational: /^Operational Lead\s*:\s*(.*)$/i,
    owner: /^Recommendation Owner\s*:\s*(.*)$/i,
    update: /^(?:Force )?Update\s*:\s*(.*)$/i,
    date: /^Date(?: of update)?\s*:\s*(.*)$/i,
    status: /^Status\s*:\s*(.*)$/i
} as const;
/** A recommendation's first line: "By 27 March 2025, …", "27 March 2025, …" (the "By" lost), "By 22 November 2024 (56 days …), …". */
const RECOMMENDATION_START = new RegExp(
    `^(?:By\\s+)?\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH_PATTERN}\\s+\\d{4}\\b\\s*(?:\\([^)]*\\))?\\s*,`,
    'i'
);

/** An explicit heading naming the recommendation: "Recommendation 12", "Recommendation 13: Stalking Protection Orders", "Recommendation 12 -". */
const RECOMMENDATION_HEADING = /^Recommendation\s+(\d{1,3})(?![.]?\d)\s*(?:[:.\-\u2010-\u2015]\s*(.*))?$/i;

type FieldKind = keyof typeof FIELD_LINES;
type LineKind = 'blank' | 'furniture' | 'evidence' | 'heading' | FieldKind | 'text';

interface PageLine {
    /** 1-based line number. */
    n: number;
    /** The line without surrounding white space. */
    text: string;
    kind: LineKind;
    /** The evidence requirement id, for an evidence line; the recommendation's number, for a heading. */
    id?: string;
    /** What follows the label ("Date: 11/11/2024" → "11/11/2024"; the evidence text). */
    value?: string;
}

function classify(text: string, n: number): PageLine {
    if (text === '') {
        return { n, text, kind: 'blank' };
    }
    if (FURNITURE.some(p => p.test(text))) {
        return { n, text, kind: 'furniture' };
    }
    const evidence = EVIDENCE_LINE.exec(text);
    if (evidence) {
        return { n, text, kind: 'evidence', id: evidence[1]!, ...(evidence[2]?.trim() ? { value: evidence[2].trim() } : {}) };
    }
    const heading = RECOMMENDATION_HEADING.exec(text);
    if (heading) {
        return { n, text, kind: 'heading', id: String(Number(heading[1])), value: heading[2]?.trim() ?? '' };
    }
    for (const [kind, pattern] of Object.entries(FIELD_LINES) as Array<[FieldKind, RegExp]>) {
        const field = pattern.exec(text);
        if (field) {
            return { n, text, kind, value: field[1]!.trim() };
        }
    }
    return { n, text, kind: 'text' };
}

function pageLines(text: string, fileName: string): PageLine[] {
    if (text.includes('\u0000')) {
        throw new ImportError(`${fileName}: this is not a text file (it holds binary data). Save the plan page as text and import that.`);
    }
    const lines = text
        .replace(/^\uFEFF/, '')
        .split(/\r\n|\r|\n/)
        .map((line, i) => classify(line.trim(), i + 1));
    if (lines.every(l => l.kind === 'blank')) {
        throw new ImportError(`${fileName}: the file is empty. Save the force's published action plan page as text and import that.`);
    }
    if (lines.every(l => l.kind === 'blank' || l.kind === 'furniture')) {
        throw new ImportError(
            `${fileName}: the file holds only the web site's banners and cookie notices, not the plan: save the page again once it has loaded.`
        );
    }
    return lines;
}

// ---------------------------------------------------------------- is it a plan page?

/**
 * True for a force's published action plan page saved as text. Text saved from a web page (no Markdown
 * headings) is one when it has any sign of a structured plan (an evidence requirement line, an update
 * label, a "Recommendation N" heading, executive and operational leads) or is a narrative response (it
 * speaks of the super-complaint and its action plan or recommendations, on a force's page). A Markdown
 * document with headings, which may show one example update block or quote a recommendation, needs the
 * plan's shape repeated: two update blocks (at least one complete: an update with its date and status),
 * three evidence requirement lines, or two "Recommendation N" headings and two updates.
 */
export function looksLikePlanPage(text: string): boolean {
    const lines = text
        .replace(/^\uFEFF/, '')
        .split(/\r\n|\r|\n/)
        .map(l =>
            l
                .trim()
                .replace(/^(?:[-*+>]\s+|#{1,6}\s+)+/, '')
                // A heading's own anchor (our published pages write `## <a id="recommendation-7"></a>Recommendation 7`).
                .replace(/^<a\s+(?:id|name)="[^"]*"\s*>(?:\s*<\/a>)?/i, '')
                .replace(/\*\*|__/g, '')
        );
    const raw = text.split(/\r\n|\r|\n/).map(l => l.trim());
    const markdownHeadings = raw.some(l => /^#{1,6}\s+\S/.test(l)) || raw.some((l, i) => i > 0 && /^(=+|-+)$/.test(l) && raw[i - 1] !== '');
    const evidenceLines = lines.filter(l => EVIDENCE_LINE.test(l) && /evidence requirement/i.test(l)).length;
    const updates = lines.filter(l => /^Force Update\s*:/i.test(l) || FIELD_LINES.update.test(l)).length;
    const statuses = lines.filter(l => FIELD_LINES.status.test(l)).length;
    const labels = lines.filter(l => FIELD_LINES.owner.test(l) || FIELD_LINES.update.test(l) || FIELD_LINES.status.test(l)).length;
    const headings = lines.filter(l => RECOMMENDATION_HEADING.test(l)).length;
    const leads = lines.some(l => FIELD_LINES.executive.test(l)) && lines.some(l => FIELD_LINES.operational.test(l));
    const completeBlocks = lines.filter((l, i) => {
        if (!FIELD_LINES.update.test(l)) {
            return false;
        }
        const after = lines.slice(i + 1, i + 40);
        const nextUpdate = after.findIndex(a => FIELD_LINES.update.test(a));
        const own = nextUpdate < 0 ? after : after.slice(0, nextUpdate);
        return own.some(a => FIELD_LINES.date.test(a)) && own.some(a => FIELD_LINES.status.test(a));
    }).length;
    const repeated =
        evidenceLines >= 3 ||
        (Math.max(updates, statuses) >= 2 && completeBlocks >= 1) ||
        (headings >= 2 && Math.max(updates, statuses) >= 2);
    if (repeated) {
        return true;
    }
    if (markdownHeadings) {
        return false;
    }
    if (evidenceLines > 0 || labels > 0 || headings > 0 || leads) {
        return true;
    }
    const aboutTheComplaint = /super[\s-]?complaint/i.test(text) && /action plan|recommendations?\b/i.test(text);
    const webPage = lines.some(l => FURNITURE.some(p => p.test(l))) || detectForce(lines) !== undefined;
    return aboutTheComplaint && webPage;
}

// ---------------------------------------------------------------- the force

// Words after "Police" that make it part of another body's name: "Police and Crime Commissioner", "National Police Chiefs' Council".
const NOT_FORCE_AFTER =
    /^\s*(?:and\s+Crime|Crime|Chiefs?|Conduct|Federation|Professional|Commissioner|Officers?|Staff|Service of Northern)\b/;
const LEADING_WORDS = new Set([
    'The',
    'In',
    'At',
    'On',
    'By',
    'For',
    'Our',
    'We',
    'This',
    'That',
    'Today',
    'As',
    'With',
    'From',
    'Where',
    'When',
    'And',
    'National'
]);

/** The force the page is by, as written there ("Thames Valley Police", "Cambridgeshire Constabulary"); the name written most often. */
function detectForce(lines: readonly string[]): string | undefined {
    const counts = new Map<string, number>();
    const pattern = /\b([A-Z][A-Za-z'\u2019-]+(?:\s+(?:and|&|[A-Z][A-Za-z'\u2019-]+))*)\s+(Police(?:\s+Service)?|Constabulary)\b/g;
    for (const line of lines) {
        if (FURNITURE.some(p => p.test(line))) {
            continue;
        }
        for (const match of line.matchAll(pattern)) {
            if (NOT_FORCE_AFTER.test(line.slice(match.index + match[0].length))) {
                continue;
            }
            const words = match[1]!.split(/\s+/);
            while (words.length > 0 && (LEADING_WORDS.has(words[0]!) || /^(?:and|&)$/.test(words[0]!))) {
                words.shift();
            }
            while (words.length > 0 && /^(?:and|&)$/.test(words.at(-1)!)) {
                words.pop();
            }
            if (words.length === 0) {
                continue;
            }
            const name = `${words.join(' ')} ${match[2]!.replace(/\s+/g, ' ')}`;
            counts.set(name, (counts.get(name) ?? 0) + 1);
        }
    }
    let best: string | undefined;
    for (const [name, count] of counts) {
        if (best === undefined || count > counts.get(best)!) {
            best = name;
        }
    }
    return best;
}

// ---------------------------------------------------------------- comparing text

/** White space only. */
function sameText(a: string, b: string): boolean {
    return a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
}

/** Tolerant: white space, curly and straight quotes, dashes, and a leading "By" lost or added. */
function looseText(s: string): string {
    return s
        .replace(/[\u2018\u2019\u201A\u201B\u2032`]/g, "'")
        .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
        .replace(/[\u2010-\u2015\u2212]/g, '-')
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/^By\s+/i, '');
}

function quoted(text: string): string {
    return `“${text.replace(/\s*\n\s*/g, ' ')}”`;
}

/** The text up to its first full stop (question or exclamation mark) that ends a sentence. */
function firstSentence(text: string): string {
    return /^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
}

/**
 * How the page's text quotes part of a recommendation's: a leading part of it ("prefix": its first
 * paragraph or sentence, or its text cut short, an ellipsis at the end allowed; at least 40 characters,
 * ending at a word's end), or its first sentence with a different rest ("first-sentence").
 */
function partOf(page: string, full: string): 'prefix' | 'first-sentence' | undefined {
    const p = looseText(page.replace(/\s*(?:\.{3}|\u2026)\s*$/, ''));
    const f = looseText(full);
    if (p.length >= 40 && p.length < f.length && f.startsWith(p) && /^[\s.,;:!?)]/.test(f.slice(p.length))) {
        return 'prefix';
    }
    const sentence = firstSentence(f);
    if (sentence.length >= 40 && sentence.length < f.length && firstSentence(p) === sentence && p.length > sentence.length) {
        return 'first-sentence';
    }
    return undefined;
}

/** A short title over a recommendation ("Stalking Protection Orders"), not its text: a few words, no full stop, no deadline. */
function isTitle(text: string): boolean {
    return !RECOMMENDATION_START.test(text) && text.split(/\s+/).length <= 12 && !/[.!?]$/.test(text);
}

// ---------------------------------------------------------------- dates and statuses

type DateReading = { iso: string } | { problem: string };

/** "11/11/2024" (UK day first), "11 November 2024", "11th Nov 2024", "2024-11-11". */
function readDate(text: string): DateReading {
    let day: number, month: number, year: number;
    const numeric = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(text);
    const written = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH_PATTERN})\\.?,?\\s+(\\d{4})$`, 'i').exec(text);
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (numeric) {
        [day, month, year] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
    } else if (written) {
        [day, month, year] = [Number(written[1]), monthNumber(written[2]!), Number(written[3])];
    } else if (iso) {
        [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    } else {
        return { problem: 'is not a date written as dd/mm/yyyy or as day, month and year (11 November 2024)' };
    }
    const value = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (!isCalendarDate(value)) {
        return { problem: `is not a real date (day ${day} of month ${month} of ${year})` };
    }
    return { iso: value };
}

const STATUS_WORDS: Record<string, NonNullable<ImportedPlanItem['status']>> = {
    'in progress': 'in-progress',
    complete: 'complete',
    completed: 'complete',
    'not started': 'not-started',
    'not yet started': 'not-started'
};

// ---------------------------------------------------------------- reading the page

interface UpdateBlock {
    first: number;
    owner?: PageLine;
    update?: PageLine;
    paragraphs: PageLine[];
    date?: PageLine;
    status?: PageLine;
}

type Unit =
    | { type: 'text'; lines: PageLine[] }
    | { type: 'evidence'; line: PageLine }
    | { type: 'heading'; line: PageLine }
    | { type: 'block'; block: UpdateBlock };

type Recommendation = FrameworkFacts['recommendations'][number];

/**
 * Reads the text of a force's published action plan page. `framework` numbers the recommendations
 * quoted on the page and checks their text and evidence requirements; without it, recommendations
 * are numbered from their evidence requirement ids only.
 */
export function readPlanPage(text: string, fileName: string, framework: FrameworkFacts | undefined): ImportedPlan {
    const lines = pageLines(text, fileName);
    const notes: ImportNote[] = [];
    const narrative: string[] = [];
    const items: ImportedPlanItem[] = [];
    const plan: ImportedPlan = { items, narrative, notes };
    const byNumber = new Map((framework?.recommendations ?? []).map(r => [r.number, r]));

    const furniture = lines.filter(l => l.kind === 'furniture');
    if (furniture.length > 0) {
        notes.push({
            kind: 'left-out',
            what: 'web site furniture',
            where: furniture.length === 1 ? `line ${furniture[0]!.n}` : `lines ${furniture.map(l => l.n).join(', ')}`,
            detail: `Banners and cookie notices of the force's web site, not part of the plan: ${furniture.map(l => `${quoted(l.text)} (line ${l.n})`).join('; ')}`
        });
    }

    /** The start of a framework recommendation's text, or (without a framework) a deadline-led first line. */
    const startsRecommendation = (line: PageLine) =>
        RECOMMENDATION_START.test(line.text) &&
        (byNumber.size === 0 ||
            [...byNumber.values()].some(r => {
                const [a, b] = [looseText(line.text), looseText(r.text)];
                const n = Math.min(a.length, b.length, 60);
                return n > 20 && a.slice(0, n) === b.slice(0, n);
            }));

    // Units: runs of text lines, evidence lines and update blocks (with a "Force Update:"'s further paragraphs).
    const units: Unit[] = [];
    let block: UpdateBlock | undefined;
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        switch (line.kind) {
            case 'blank':
            case 'furniture':
                break;
            case 'executive':
            case 'operational': {
                const key = line.kind === 'executive' ? 'executiveLead' : 'operationalLead';
                const label = line.kind === 'executive' ? 'Executive Lead' : 'Operational Lead';
                block = undefined;
                if (line.value === '') {
                    notes.push({
                        kind: 'not-carried',
                        what: `empty "${label}:"`,
                        where: `line ${line.n}`,
                        detail: `The page names no ${label.toLowerCase()}.`
                    });
                } else if (plan[key] === undefined) {
                    plan[key] = line.value;
                } else {
                    notes.push({
                        kind: 'not-carried',
                        what: `second "${label}:"`,
                        where: `line ${line.n}`,
                        detail: `The plan keeps the first, ${quoted(plan[key])}; this one, ${quoted(line.value!)}, is not carried.`
                    });
                }
                break;
            }
            case 'evidence':
                block = undefined;
                units.push({ type: 'evidence', line });
                break;
            case 'heading':
                block = undefined;
                units.push({ type: 'heading', line });
                if (line.value) {
                    // "Recommendation 13: Stalking Protection Orders": what follows the number is read as the first line under the heading.
                    units.push({ type: 'text', lines: [{ n: line.n, text: line.value, kind: 'text' }] });
                }
                break;
            case 'owner':
            case 'update':
            case 'date':
            case 'status': {
                const field = line.kind;
                const last = units.at(-1);
                if (!block || last?.type !== 'block' || last.block !== block || block[field]) {
                    block = { first: line.n, paragraphs: [] };
                    units.push({ type: 'block', block });
                }
                block[field] = line;
                if (field === 'update') {
                    // Further paragraphs of the update: up to the next label, or to a recommendation's text.
                    let j = i + 1;
                    while (
                        j < lines.length &&
                        (lines[j]!.kind === 'text' || lines[j]!.kind === 'blank') &&
                        !startsRecommendation(lines[j]!)
                    ) {
                        j++;
                    }
                    let taken = lines.slice(i + 1, j).filter(l => l.kind === 'text');
                    // Followed straight by evidence lines: the block had no date or status, and the last
                    // paragraphs are the next recommendation's text.
                    if (j < lines.length && lines[j]!.kind === 'evidence') {
                        const start = taken.findIndex(l => RECOMMENDATION_START.test(l.text));
                        taken = start >= 0 ? taken.slice(0, start) : taken;
                    }
                    append(block.paragraphs, taken);
                    i = taken.length > 0 ? taken.at(-1)!.n - 1 : i;
                }
                break;
            }
            case 'text': {
                const last = units.at(-1);
                block = undefined;
                if (last?.type === 'text') {
                    last.lines.push(line);
                } else {
                    units.push({ type: 'text', lines: [line] });
                }
                break;
            }
        }
    }

    let current: ImportedPlanItem | undefined;
    /** The heading "Recommendation N" the page is under when N is not a recommendation of the framework. */
    let unknownHeading: PageLine | undefined;
    const unknownNumbers = new Set<string>();
    const blockOf = new Map<ImportedPlanItem, UpdateBlock>();

    const itemFor = (number: string, line: number, pageText: string | undefined): ImportedPlanItem | undefined => {
        const known = items.find(it => it.recommendation === number);
        if (known) {
            if (pageText !== undefined) {
                notes.push({
                    kind: 'changed',
                    what: `recommendation ${number} again`,
                    where: `line ${line}`,
                    detail: `Recommendation ${number} appears a second time (first at line ${known.line}); what follows is read as part of the same item.`
                });
            }
            return known;
        }
        if (framework && !byNumber.has(number)) {
            if (unknownNumbers.has(number) && pageText === undefined) {
                return undefined;
            }
            unknownNumbers.add(number);
            notes.push({
                kind: 'not-carried',
                what: `recommendation ${number}`,
                where: `line ${line}`,
                detail:
                    `The framework ${framework.id} has no recommendation ${number}, so the plan has no item for it` +
                    (pageText !== undefined ? `. The page's text: ${quoted(pageText)}` : '.')
            });
            return undefined;
        }
        const item: ImportedPlanItem = { recommendation: number, line };
        items.push(item);
        const recommendation = byNumber.get(number);
        if (recommendation && pageText !== undefined) {
            compareRecommendation(recommendation, pageText, line);
        }
        if (recommendation && recommendation.recipients.length > 0 && !recommendation.recipients.includes('chief-constables')) {
            notes.push({
                kind: 'suggestion',
                what: `recommendation ${number} is made to others`,
                where: `line ${line}`,
                detail: `Recommendation ${number} is made to ${recommendation.recipients.join(', ')}, not to chief constables: if the item records the force's support, write \`item ${number} supporting\`.`
            });
        }
        return item;
    };

    const compareRecommendation = (recommendation: Recommendation, pageText: string, line: number) => {
        if (sameText(pageText, recommendation.text)) {
            return;
        }
        const loose = looseText(pageText) === looseText(recommendation.text);
        const part = loose ? undefined : partOf(pageText, recommendation.text);
        if (part) {
            notes.push({
                kind: part === 'prefix' ? 'changed' : 'suggestion',
                what: `text of recommendation ${recommendation.number}`,
                where: `line ${line}`,
                detail:
                    part === 'prefix'
                        ? `The page quotes the framework's recommendation ${recommendation.number} in part: page ${quoted(pageText)}; framework ${quoted(recommendation.text)}. The item refers to the framework's recommendation.`
                        : `The page quotes the first sentence of the framework's recommendation ${recommendation.number} and its text then differs: page ${quoted(pageText)}; framework ${quoted(recommendation.text)}. The item refers to the framework's recommendation ${recommendation.number}; check which text is right.`
            });
            return;
        }
        notes.push({
            kind: loose ? 'changed' : 'suggestion',
            what: `text of recommendation ${recommendation.number}`,
            where: `line ${line}`,
            detail: loose
                ? `The page's text differs from the framework's only in quotes, dashes or a leading "By": page ${quoted(pageText)}; framework ${quoted(recommendation.text)}. The item refers to the framework's recommendation.`
                : `The page's text differs from the framework's: page ${quoted(pageText)}; framework ${quoted(recommendation.text)}. The item refers to the framework's recommendation ${recommendation.number}; check which text is right.`
        });
    };

    /** The recommendation whose whole text is lines[i..i+k) (joined), exactly or loosely; the longest first. */
    const matchAt = (run: PageLine[], i: number): { recommendation: Recommendation; length: number } | undefined => {
        for (let length = Math.min(6, run.length - i); length >= 1; length--) {
            const joined = run
                .slice(i, i + length)
                .map(l => l.text)
                .join(' ');
            const found =
                [...byNumber.values()].find(r => r.text !== '' && sameText(joined, r.text)) ??
                [...byNumber.values()].find(r => r.text !== '' && looseText(joined) === looseText(r.text));
            if (found) {
                return { recommendation: found, length };
            }
        }
        // A leading part of exactly one recommendation's text (its first paragraph or sentence, or its text
        // cut short), or (one line) a text whose first sentence is that of exactly one recommendation.
        const only = (joined: string, kinds: ReadonlyArray<ReturnType<typeof partOf>>) => {
            const found = [...byNumber.values()].filter(r => r.text !== '' && kinds.includes(partOf(joined, r.text)));
            return found.length === 1 ? found[0] : undefined;
        };
        for (let length = Math.min(6, run.length - i); length >= 1; length--) {
            const joined = run
                .slice(i, i + length)
                .map(l => l.text)
                .join(' ');
            const found = only(joined, length === 1 ? ['prefix', 'first-sentence'] : ['prefix']);
            if (found) {
                return { recommendation: found, length };
            }
        }
        return undefined;
    };

    /** A "Recommendation N" heading with nothing under it before its evidence or update. */
    const readHeading = (heading: PageLine) => {
        setCurrent(itemFor(heading.id!, heading.n, undefined), heading);
    };

    const setCurrent = (item: ImportedPlanItem | undefined, heading?: PageLine) => {
        current = item;
        unknownHeading = item === undefined ? heading : undefined;
    };

    /**
     * The lines under a heading "Recommendation N", up to the first text of another recommendation: the
     * recommendation's text as the page quotes it (matched or not), after any short titles. Returns how
     * many lines of the run it took.
     */
    const readUnderHeading = (heading: PageLine, run: PageLine[], spans: Array<{ start: number; end: number; number: string }>) => {
        const number = heading.id!;
        const own = spans[0]?.number === number ? spans[0] : undefined;
        const end = own?.end ?? spans[0]?.start ?? run.length;
        const lines = run.slice(0, end);
        const firstText = lines.findIndex(l => !isTitle(l.text));
        const titleCount = own ? own.start : firstText < 0 ? lines.length : firstText;
        const titles = lines.slice(0, titleCount);
        const body = lines.slice(titleCount);
        if (own) {
            spans.shift();
        }
        const item = itemFor(number, heading.n, body.length > 0 ? body.map(l => l.text).join('\n') : undefined);
        if (titles.length > 0) {
            notes.push({
                kind: 'left-out',
                what: `title of recommendation ${number}`,
                where: `line ${titles[0]!.n}`,
                detail: `The page's title for recommendation ${number} under its heading is not carried (the item refers to the framework's recommendation): ${titles.map(l => quoted(l.text)).join(' ')}`
            });
        }
        setCurrent(item, heading);
        return end;
    };

    const readRun = (run: PageLine[], next: Unit | undefined, heading: PageLine | undefined) => {
        const hint = next?.type === 'evidence' ? next.line.id!.split('.')[0]! : undefined;
        const spans: Array<{ start: number; end: number; number: string }> = [];
        for (let i = 0; i < run.length;) {
            const match = matchAt(run, i);
            if (match) {
                spans.push({ start: i, end: i + match.length, number: match.recommendation.number });
                i += match.length;
            } else {
                i++;
            }
        }
        // Under a heading "Recommendation N": N is the page's own number for what follows. A text that is
        // another recommendation's, straight under the heading, is noted (the text decides the item).
        let at = 0;
        if (heading) {
            const first = spans[0];
            if (first && first.number !== heading.id && run.slice(0, first.start).every(l => isTitle(l.text))) {
                notes.push({
                    kind: 'suggestion',
                    what: `heading "${heading.text}"`,
                    where: `line ${heading.n}`,
                    detail: `The page heads this "${heading.text}" but quotes the text of the framework's recommendation ${first.number} (line ${run[first.start]!.n}): the item is recommendation ${first.number}. Check the page's numbering.`
                });
                if (first.start > 0) {
                    notes.push({
                        kind: 'left-out',
                        what: `title of recommendation ${first.number}`,
                        where: `line ${run[0]!.n}`,
                        detail: `The page's title under its heading is not carried: ${run
                            .slice(0, first.start)
                            .map(l => quoted(l.text))
                            .join(' ')}`
                    });
                    first.start = 0;
                }
            } else {
                at = readUnderHeading(heading, run, spans);
            }
        }
        // The evidence lines that follow name a recommendation the text before them did not match: the
        // recommendation's text is the run's last lines (from a deadline-led line, if any), as written.
        if (hint !== undefined && hint !== heading?.id && !spans.some(s => s.number === hint)) {
            const from = spans.at(-1)?.end ?? at;
            if (from < run.length) {
                const led = run.slice(from).findIndex(l => RECOMMENDATION_START.test(l.text));
                spans.push({ start: led >= 0 ? from + led : from, end: run.length, number: hint });
            }
        }
        for (const span of spans) {
            keepNarrative(run.slice(at, span.start));
            const pageText = run
                .slice(span.start, span.end)
                .map(l => l.text)
                .join('\n');
            setCurrent(itemFor(span.number, run[span.start]!.n, pageText));
            at = span.end;
        }
        if (at < run.length && (heading === undefined || spans.length > 0)) {
            // Narrative after the last recommendation ends it: an update that follows has no recommendation.
            // (Under a heading "Recommendation N" with no other recommendation's text, N lasts to the next heading.)
            setCurrent(undefined);
        }
        keepNarrative(run.slice(at));
    };

    const keepNarrative = (paragraphs: PageLine[]) => {
        for (const line of paragraphs) {
            narrative.push(line.text);
            if (RECOMMENDATION_START.test(line.text)) {
                notes.push({
                    kind: 'suggestion',
                    what: 'a recommendation with no number',
                    where: `line ${line.n}`,
                    detail:
                        `This reads like a recommendation but matches none of the framework's and has no numbered evidence requirements after it, ` +
                        `so it is kept in the plan's summary: ${quoted(line.text)}. Add \`item N { … }\` by hand if it is one.`
                });
            }
        }
    };

    const readEvidence = (line: PageLine, previous: Unit | undefined) => {
        const number = line.id!.split('.')[0]!;
        if (previous?.type !== 'text' && previous?.type !== 'evidence' && previous?.type !== 'heading') {
            // Evidence with no recommendation text before it: the ids number the recommendation.
            setCurrent(itemFor(number, line.n, undefined));
        } else if (!current) {
            setCurrent(itemFor(number, line.n, undefined));
        }
        if (current && current.recommendation !== number) {
            notes.push({
                kind: 'suggestion',
                what: `evidence requirement ${line.id}`,
                where: `line ${line.n}`,
                detail: `Listed under recommendation ${current.recommendation}, but its id belongs to recommendation ${number}: check the page.`
            });
        }
        if (!framework) {
            return;
        }
        const evidence = byNumber.get(number)?.evidence.find(e => e.id === line.id);
        if (!evidence) {
            notes.push({
                kind: 'not-carried',
                what: `evidence requirement ${line.id}`,
                where: `line ${line.n}`,
                detail:
                    `The framework ${framework.id} has no evidence requirement ${line.id}` +
                    (line.value !== undefined ? `; the page's text: ${quoted(line.value)}` : '.')
            });
        } else if (line.value !== undefined && evidence.text === undefined) {
            notes.push({
                kind: 'suggestion',
                what: `text of evidence requirement ${line.id}`,
                where: `line ${line.n}`,
                detail: `The page gives text the framework does not have: ${quoted(line.value)}.`
            });
        } else if (line.value !== undefined && evidence.text !== undefined && !sameText(line.value, evidence.text)) {
            const loose = looseText(line.value) === looseText(evidence.text);
            notes.push({
                kind: loose ? 'changed' : 'suggestion',
                what: `text of evidence requirement ${line.id}`,
                where: `line ${line.n}`,
                detail: `The page's text differs from the framework's${loose ? ' only in quotes or dashes' : ''}: page ${quoted(line.value)}; framework ${quoted(evidence.text)}.`
            });
        }
    };

    const readBlock = (b: UpdateBlock) => {
        const target = current;
        if (!target && unknownHeading) {
            notes.push({
                kind: 'not-carried',
                what: `an update of recommendation ${unknownHeading.id}`,
                where: `line ${b.first}`,
                detail: `This update is under ${quoted(unknownHeading.text)} (line ${unknownHeading.n}), a recommendation the framework ${framework?.id ?? ''} does not have, so it is not carried: ${blockText(b)}`
            });
            return;
        }
        if (!target) {
            notes.push({
                kind: 'not-carried',
                what: 'an update with no recommendation',
                where: `line ${b.first}`,
                detail: `No recommendation comes before this update, so it is not carried: ${blockText(b)}`
            });
            return;
        }
        const earlier = blockOf.get(target);
        if (earlier) {
            const [keep, drop] = laterBlock(earlier, b) === b ? [b, earlier] : [earlier, b];
            notes.push({
                kind: 'not-carried',
                what: `an earlier update of recommendation ${target.recommendation}`,
                where: `line ${drop.first}`,
                detail: `The item keeps the later update (line ${keep.first}); add this one as its history (\`on YYYY-MM-DD { … }\`) by hand: ${blockText(drop)}`
            });
            if (keep === earlier) {
                return;
            }
            for (const key of ['status', 'progress', 'updated', 'update', 'owner', 'statusText', 'dateText'] as const) {
                delete target[key];
            }
        }
        blockOf.set(target, b);
        if (b.owner?.value) {
            target.owner = b.owner.value;
        }
        const paragraphs = [b.update?.value ?? '', ...b.paragraphs.map(p => p.text)].filter(p => p !== '');
        if (paragraphs.length > 0) {
            target.update = paragraphs.join('\n\n');
        }
        if (b.date) {
            target.dateText = b.date.value!;
            const date = readDate(b.date.value!);
            if ('iso' in date) {
                target.updated = date.iso;
            } else {
                notes.push({
                    kind: 'not-carried',
                    what: `date of the update of recommendation ${target.recommendation}`,
                    where: `line ${b.date.n}`,
                    detail: `${quoted(b.date.value!)} ${date.problem}, so the item has no \`updated\` date: add it by hand.`
                });
            }
        }
        if (b.status) {
            readStatus(target, b.status);
        }
    };

    const readStatus = (target: ImportedPlanItem, line: PageLine) => {
        const written = line.value!;
        target.statusText = written;
        const percent = /(\d{1,3})\s*%/.exec(written);
        if (percent) {
            const value = Number(percent[1]);
            if (value <= 100) {
                target.progress = value;
            } else {
                notes.push({
                    kind: 'not-carried',
                    what: 'progress over 100%',
                    where: `line ${line.n}`,
                    detail: `${quoted(written)}: the item has no progress.`
                });
            }
        }
        // "In Progress 25%", "In progress (50% complete)", "Completed - 100%", "100% complete".
        const words = (percentPattern: RegExp) =>
            written
                .replace(percentPattern, ' ')
                .replace(/[\s\-\u2010-\u2015:,;.()]+/g, ' ')
                .trim()
                .toLowerCase();
        const word = words(/\d{1,3}\s*%\s*(?:complete[d]?\b)?/i) || words(/\d{1,3}\s*%/);
        const status = STATUS_WORDS[word];
        if (status) {
            target.status = status;
        } else {
            notes.push({
                kind: 'not-carried',
                what: `status of recommendation ${target.recommendation}`,
                where: `line ${line.n}`,
                detail: `${quoted(written)} is not a status the plan knows (In Progress, Complete, Not Started), so the item has no status: set it by hand.`
            });
        }
    };

    for (let u = 0; u < units.length; u++) {
        const unit = units[u]!;
        const previous = units[u - 1];
        if (unit.type === 'heading') {
            if (units[u + 1]?.type !== 'text') {
                readHeading(unit.line);
            }
        } else if (unit.type === 'text') {
            readRun(unit.lines, units[u + 1], previous?.type === 'heading' ? previous.line : undefined);
        } else if (unit.type === 'evidence') {
            readEvidence(unit.line, units[u - 1]);
        } else {
            readBlock(unit.block);
        }
    }

    for (const item of items) {
        if (!blockOf.has(item)) {
            notes.push({
                kind: 'suggestion',
                what: `no update for recommendation ${item.recommendation}`,
                where: `line ${item.line}`,
                detail: `The page gives no update for recommendation ${item.recommendation}, so its item is \`status unstated\` (nothing published). Add the force's status and update by hand if it published them elsewhere.`
            });
        }
    }
    if (framework) {
        const missing = framework.recommendations
            .filter(r => r.recipients.includes('chief-constables') && !items.some(it => it.recommendation === r.number))
            .map(r => r.number);
        if (missing.length > 0) {
            notes.push({
                kind: 'suggestion',
                what: 'recommendations the page does not list',
                where: 'the whole page',
                detail:
                    `The page lists no item for recommendation${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of ${framework.id} (made to chief constables)` +
                    (narrative.length > 0 ? '; its narrative is kept as the plan summary. Add items by hand.' : '. Add items by hand.')
            });
        }
    }
    const force = detectForce(lines.filter(l => l.kind !== 'furniture').map(l => l.text));
    if (force) {
        plan.force = force;
    }
    return plan;
}

function blockText(b: UpdateBlock): string {
    return [b.owner, b.update, ...b.paragraphs, b.date, b.status]
        .filter((l): l is PageLine => l !== undefined)
        .map(l => quoted(l.text))
        .join(' ');
}

/** The block with the later date (the second when either date cannot be read). */
function laterBlock(a: UpdateBlock, b: UpdateBlock): UpdateBlock {
    const [da, db] = [a.date && readDate(a.date.value!), b.date && readDate(b.date.value!)];
    if (da && db && 'iso' in da && 'iso' in db) {
        return isBefore(db.iso, da.iso) ? a : b;
    }
    return b;
}

// ---------------------------------------------------------------- writing the plan

/** The plan as GDL source: header properties, the narrative as the plan's summary, one item per recommendation. */
export function writePlan(
    plan: ImportedPlan,
    options: { id: string; title: string; forceName: string; frameworkId?: string; sourceLine: string }
): string {
    for (const [what, id] of [
        ['plan id', options.id],
        ['framework id', options.frameworkId]
    ] as const) {
        if (id !== undefined && (!GDL_ID.test(id) || gdlKeywords().has(id))) {
            throw new ImportError(
                `The ${what} "${id}" is not a GDL identifier (a letter, then letters, digits, "-" or "_"; not a keyword).`
            );
        }
    }
    const out: string[] = [];
    for (const line of options.sourceLine.split(/\r\n|\r|\n/)) {
        out.push(`// ${line}`.trimEnd());
    }
    out.push(
        '// A draft: it covers nothing and is not published until it is approved. Check it against the page and the',
        "// import report beside this file, merge it into the force's plan (or approve it as the plan), then set its status.",
        ''
    );
    out.push(`plan ${options.id} ${gdlString(options.title)} {`);
    out.push(`    force ${gdlString(options.forceName)}`);
    out.push('    status draft');
    if (options.frameworkId) {
        out.push(`    responds-to ${options.frameworkId}`);
    }
    if (plan.executiveLead !== undefined) {
        out.push(`    executive-lead ${gdlString(plan.executiveLead)}`);
    }
    if (plan.operationalLead !== undefined) {
        out.push(`    operational-lead ${gdlString(plan.operationalLead)}`);
    }
    if (plan.narrative.length > 0) {
        out.push(gdlProse(plan.narrative.join('\n\n'), 4));
    }
    for (const item of plan.items) {
        if (!/^\d+$/.test(item.recommendation)) {
            throw new ImportError(`Recommendation "${item.recommendation}" (line ${item.line}) is not a recommendation number.`);
        }
        out.push('');
        out.push(`    // Recommendation ${item.recommendation}, from line ${item.line} of the page.`);
        if (item.owner !== undefined) {
            out.push(`    // Recommendation Owner: ${gdlString(item.owner)}`);
        }
        if (item.dateText !== undefined) {
            out.push(`    // Date as written: ${gdlString(item.dateText)}`);
        }
        if (item.statusText !== undefined) {
            out.push(`    // Status as written: ${gdlString(item.statusText)}`);
        }
        if (item.update === undefined && item.status === undefined) {
            out.push('    // The page gives no update for this recommendation.');
        }
        out.push(`    item ${item.recommendation} {`);
        if (item.status !== undefined) {
            out.push(`        status ${item.status}`);
        } else if (item.statusText === undefined) {
            // The page gives no status (a status it gives but the plan cannot read is left for the force to set).
            out.push('        status unstated');
        }
        if (item.progress !== undefined) {
            out.push(`        progress ${item.progress}%`);
        }
        if (item.updated !== undefined) {
            out.push(`        updated ${item.updated}`);
        }
        if (item.update !== undefined) {
            out.push('        update', gdlProse(item.update, 12));
        }
        out.push('    }');
    }
    out.push('}');
    return out.join('\n') + '\n';
}
