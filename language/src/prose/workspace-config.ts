import { UriUtils, type URI, type FileSystemProvider } from 'langium';
import { proseRules, proseSeverities, type ProseSeverity } from './prose-options.js';
import { Codes } from '../validation/diagnostic-codes.js';
import { wordList } from './prose-resources.js';
import { CONFIG_FILE, WORDS_FILE } from './config-files.js';
import { describeFileError } from '../file-errors.js';

export { CONFIG_FILE, WORDS_FILE } from './config-files.js';

/** What gdl.config.json says about the prose checks (every field optional: unset is the default). */
export interface ProseFileConfig {
    readonly enabled?: boolean;
    readonly severity: Readonly<Record<string, ProseSeverity>>;
    readonly readingAge: Readonly<Record<string, number>>;
    readonly words: readonly string[];
}

/** What gdl.config.json says about citations (read here, used by the citation checks). */
export interface CitationsFileConfig {
    readonly currencyMonths?: number;
    readonly nonAuthoritative?: readonly string[];
}

/** A problem with the config file, located in it (one-based line and column). */
export interface ConfigProblem {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly problem: string;
}

/** The workspace's configuration as read: what is usable of it, and what was wrong with it. */
export interface WorkspaceConfiguration {
    readonly prose: ProseFileConfig;
    readonly citations: CitationsFileConfig;
    /** The words of gdl-words.txt and of `prose.words`. */
    readonly words: readonly string[];
    readonly problems: readonly ConfigProblem[];
    /** The config file's URI, when there is one. */
    readonly configUri?: URI;
    /** The word list's URI (where "Add to the word list" writes, whether or not it exists yet). */
    readonly wordsUri?: URI;
}

export const emptyConfiguration: WorkspaceConfiguration = {
    prose: { severity: {}, readingAge: {}, words: [] },
    citations: {},
    words: [],
    problems: []
};

const codeOfRule = new Map<string, string>(proseRules.map(rule => [rule, Codes[rule].code]));
const knownCodes = new Set(codeOfRule.values());

/** Reads gdl.config.json and gdl-words.txt at the workspace root; never throws: a malformed file is a problem and the defaults stand. */
export async function readWorkspaceConfiguration(fileSystem: FileSystemProvider, root: URI | undefined): Promise<WorkspaceConfiguration> {
    if (!root) {
        return emptyConfiguration;
    }
    const configUri = UriUtils.joinPath(root, CONFIG_FILE);
    const wordsUri = UriUtils.joinPath(root, WORDS_FILE);
    const [config, words] = await Promise.all([readIfThere(fileSystem, configUri), readIfThere(fileSystem, wordsUri)]);
    const configText = typeof config === 'string' ? config : undefined;
    const wordsText = typeof words === 'string' ? words : undefined;
    const parsed =
        configText === undefined
            ? { prose: emptyConfiguration.prose, citations: {}, problems: [] }
            : parseConfiguration(configText, CONFIG_FILE);
    // A file there that cannot be read (permissions, a folder of its name) is said, not taken for no file.
    const unread = (read: string | { unreadable: string } | undefined, file: string): ConfigProblem[] =>
        typeof read === 'object' ? [{ file, line: 1, column: 1, problem: `cannot be read (${read.unreadable})` }] : [];
    return {
        ...parsed,
        problems: [...unread(config, CONFIG_FILE), ...parsed.problems, ...unread(words, WORDS_FILE)],
        words: [...(wordsText === undefined ? [] : wordList(wordsText)), ...parsed.prose.words],
        ...(config === undefined ? {} : { configUri }),
        wordsUri
    };
}

/** A file's text; undefined when there is no such file; why not when it is there and cannot be read. */
async function readIfThere(fileSystem: FileSystemProvider, uri: URI): Promise<string | { unreadable: string } | undefined> {
    try {
        return await fileSystem.readFile(uri);
    } catch (error) {
        // No such file; or a file system that does not say why (a virtual one: taken as no file, as before).
        const code = (error as NodeJS.ErrnoException).code;
        return code === undefined || code === 'ENOENT' || code === 'ENOTDIR' ? undefined : { unreadable: describeFileError(error, 'read') };
    }
}

/** The configuration in a config file's text: each section and field checked, each problem located. */
export function parseConfiguration(
    text: string,
    file: string
): { prose: ProseFileConfig; citations: CitationsFileConfig; problems: ConfigProblem[] } {
    const problems: ConfigProblem[] = [];
    const at = (offset: number, problem: string) => problems.push({ file, ...lineAndColumn(text, offset), problem });
    const keyAt = (key: string, problem: string) => at(Math.max(0, text.indexOf(`"${key}"`)), problem);
    let json: unknown;
    try {
        json = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
        const position = /at position (\d+)/.exec((error as Error).message);
        at(position ? Number(position[1]) : 0, `not valid JSON (${(error as Error).message.replace(/ in JSON at position \d+.*$/, '')})`);
        return { prose: emptyConfiguration.prose, citations: {}, problems };
    }
    if (!isObject(json)) {
        at(0, 'expected a JSON object with the sections "prose" and "citations"');
        return { prose: emptyConfiguration.prose, citations: {}, problems };
    }
    const prose = section(json, 'prose', keyAt);
    const citations = section(json, 'citations', keyAt);
    let enabled: boolean | undefined;
    if (prose.enabled !== undefined) {
        if (typeof prose.enabled === 'boolean') {
            enabled = prose.enabled;
        } else {
            keyAt('enabled', '"prose.enabled" must be true or false');
        }
    }
    const severity: Record<string, ProseSeverity> = {};
    for (const [key, value] of Object.entries(section(prose, 'severity', keyAt))) {
        const code = codeOfRule.get(key) ?? key;
        if (!knownCodes.has(code)) {
            keyAt(key, `"${key}" is not a plain-English rule (${[...knownCodes].join(', ')})`);
        } else if (!proseSeverities.includes(value as ProseSeverity)) {
            keyAt(key, `the severity of ${key} must be one of ${proseSeverities.join(', ')}`);
        } else {
            severity[code] = value as ProseSeverity;
        }
    }
    const readingAge: Record<string, number> = {};
    for (const [key, value] of Object.entries(section(prose, 'readingAge', keyAt))) {
        if (typeof value === 'number' && value >= 5 && value <= 25) {
            readingAge[key] = value;
        } else {
            keyAt(key, `the reading age of "${key}" must be a number of years from 5 to 25`);
        }
    }
    const words = strings(prose, 'words', keyAt);
    let currencyMonths: number | undefined;
    if (citations.currencyMonths !== undefined) {
        if (typeof citations.currencyMonths === 'number' && Number.isInteger(citations.currencyMonths) && citations.currencyMonths > 0) {
            currencyMonths = citations.currencyMonths;
        } else {
            keyAt('currencyMonths', '"citations.currencyMonths" must be a whole number of months');
        }
    }
    const nonAuthoritative = citations.nonAuthoritative === undefined ? undefined : strings(citations, 'nonAuthoritative', keyAt);
    return {
        prose: { ...(enabled === undefined ? {} : { enabled }), severity, readingAge, words },
        citations: { ...(currencyMonths === undefined ? {} : { currencyMonths }), ...(nonAuthoritative ? { nonAuthoritative } : {}) },
        problems
    };
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function section(parent: Record<string, unknown>, key: string, keyAt: (key: string, problem: string) => void): Record<string, unknown> {
    const value = parent[key];
    if (value === undefined) {
        return {};
    }
    if (!isObject(value)) {
        keyAt(key, `"${key}" must be an object`);
        return {};
    }
    return value;
}

function strings(parent: Record<string, unknown>, key: string, keyAt: (key: string, problem: string) => void): string[] {
    const value = parent[key];
    if (value === undefined) {
        return [];
    }
    if (!Array.isArray(value) || !value.every(v => typeof v === 'string')) {
        keyAt(key, `"${key}" must be a list of strings`);
        return [];
    }
    return value as string[];
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
    const before = text.slice(0, offset).split(/\r\n?|\n/);
    return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
