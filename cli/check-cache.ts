import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, promises as fs, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { fileState } from '../language/src/file-state.js';
import * as path from 'node:path';
import { GdlSettings } from '../language/src/gdl-settings.js';
import { moduleFolder } from '../language/src/module-folder.js';
import { basePoliceWords, enGbDictionary } from '../language/src/prose/prose-resources.js';
import type { AssuranceLevel } from '../language/src/coverage/coverage-model.js';
import { configFiles, fingerprints, sameFingerprints, workspaceSources, type WorkspaceSources } from './workspace-sources.js';
import { displayFsPath } from './display-path.js';
import { toolManifest, toolVersion } from './tool-version.js';

/**
 * `gdl check`'s cache of its last answers, for CI and the editor's Check task, which check a workspace that
 * barely changes again and again. An answer (the lines printed and the exit code) is reused only when
 * everything it was worked out from is the same: the tool (its version, its code and the words it ships), the
 * options that change the output (the as-of date in force, level, force, prose, strict), the folder given and
 * the working folder (paths are printed relative to it), every source's bytes, the workspace's gdl.config.json
 * and gdl-words.txt, and the state on disk of every file a source names (an exhibit or a handout: there, a
 * folder, missing, or a link out of the workspace). Nothing in the cache is trusted blindly: an entry that does
 * not parse, has another format, a signature that does not match, or was made by another version or for another
 * check is ignored with one note, and the fresh answer replaces it.
 *
 * Each entry is signed with a key of the user's own, kept outside every workspace ({@link cacheKeyFile}): the cache
 * folder is in the workspace, and a plain checksum could be recomputed by anyone able to put a file there — a pull
 * request committing `.gdl-cache/` could make CI print "0 errors" and pass. An entry made on another machine or by
 * another user, or changed since, is ignored with a note. Where no key can be kept (no home folder that can be
 * written), nothing is cached.
 */

/** The folder the cache is kept in, in the workspace folder unless `--cache-dir` moves it. */
export const CACHE_FOLDER = '.gdl-cache';
/** An entry's file: named by the check it answers (a hex hash). */
const entryName = (check: string) => `check-${check.slice(0, 32)}.json`;
/** The files the cache folder holds: its .gitignore, its entries, and an entry being written (writeAtomically's `.NAME.PID.tmp`). */
const isCacheFile = (name: string) => name === '.gitignore' || /^\.?check-[0-9a-f]{32}\.json(\.\d+\.tmp)?$/.test(name);
/** The format marker every entry carries; a change of layout changes it. */
export const CACHE_FORMAT = 'gdl-check-cache/2';

/** What `--no-cache` and `--cache-dir` say. */
export interface CacheOptions {
    /** False with `--no-cache`: neither read nor write the cache. */
    readonly cache?: boolean;
    /** `--cache-dir`: keep the cache in this folder instead of `.gdl-cache/` in the workspace folder. */
    readonly cacheDir?: string;
}

/** The options of `gdl check` that change what it prints. */
export interface CheckedWith {
    readonly asOf?: string;
    readonly level?: AssuranceLevel;
    readonly force?: string;
    readonly prose?: boolean;
    readonly strict?: boolean;
}

/** What a check worked out: its exit code, and the files on disk (not sources) it looked at, with their state as it saw them. */
export interface CheckRun {
    readonly exitCode: number;
    readonly lookedAt: ReadonlyMap<string, string>;
}

/** An answer as stored: what it was worked out from, and what was printed. */
interface Entry {
    readonly tool: string;
    readonly check: string;
    readonly inputs: string;
    /** Each file a source names, with its state on disk when the answer was worked out. */
    readonly files: [string, string][];
    readonly lines: string[];
    readonly exitCode: number;
}

/** What the cache knows about this check before it is run. */
interface Inputs {
    readonly folder: string;
    readonly file: string;
    /** The check asked for (folder, working folder, options): names the entry. */
    readonly check: string;
    /** Everything read from disk besides the named files: the sources, the configuration, the date in force. */
    readonly inputs: string;
}

type Lookup = { readonly hit: Entry } | { readonly ignored?: string };

/**
 * Runs `check` (which prints through the `out` it is given) unless the cache holds its answer for exactly these
 * inputs, in which case the same lines are printed and the same exit code returned without parsing anything.
 */
export async function cachedCheck(
    folder: string,
    options: CheckedWith & CacheOptions,
    out: (line: string) => void,
    note: (text: string) => void,
    check: (out: (line: string) => void) => Promise<CheckRun>
): Promise<number> {
    if (options.cache === false) {
        return (await check(out)).exitCode;
    }
    const cwd = process.cwd();
    // No sources, or one that cannot be read: the check says so, and there is nothing to keep.
    const sources = await workspaceSources(folder).catch(() => undefined);
    const unchanged = sources && fingerprints(sources);
    const before = sources && (await inputsOf(folder, sources, options, cwd).catch(() => undefined));
    if (!before || !unchanged) {
        return (await check(out)).exitCode;
    }
    const key = cacheKey();
    const tool = key && toolIdentity(options.prose === true);
    const found = tool === undefined || !key ? {} : await lookup(before, tool, key);
    if ('hit' in found) {
        for (const line of found.hit.lines) {
            out(line);
        }
        return found.hit.exitCode;
    }
    if (found.ignored) {
        note(`ignored the check cache in ${displayFsPath(before.folder, cwd)} (${found.ignored}); checking afresh`);
    }
    const lines: string[] = [];
    const run = await check(line => {
        lines.push(line);
        out(line);
    });
    // Kept only when nothing changed while the check ran (an editor saving a file, say): told by the files' sizes, times
    // and inodes, taken before they were read for the key, without reading them all again.
    const after = await workspaceSources(folder).catch(() => undefined);
    if (tool !== undefined && key && after && sameFingerprints(unchanged, fingerprints(after))) {
        const files = [...run.lookedAt].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        const refused = await store(
            before,
            { tool, check: before.check, inputs: before.inputs, files, lines, exitCode: run.exitCode },
            key
        );
        if (refused) {
            note(`the answer is not kept in ${displayFsPath(before.folder, cwd)}: ${refused}`);
        }
    }
    return run.exitCode;
}

async function inputsOf(folder: string, sources: WorkspaceSources, options: CheckedWith & CacheOptions, cwd: string): Promise<Inputs> {
    const check = hash(
        JSON.stringify([
            CACHE_FORMAT,
            cwd,
            folder,
            sources.root,
            options.level ?? null,
            options.force ?? null,
            options.prose === true,
            options.strict === true
        ])
    );
    const settings = new GdlSettings();
    settings.asOf = options.asOf;
    const read = async (file: string) => hash(await fs.readFile(file));
    const readIfThere = (file: string) => read(file).catch(() => null);
    const inputs = hash(
        JSON.stringify({
            check,
            asOf: settings.effectiveAsOf(),
            // Problems are sorted with the collation of the locale in force.
            locale: new Intl.Collator().resolvedOptions().locale,
            root: realpathSync(sources.root),
            sources: await Promise.all(sources.files.map(async file => [file, await read(file)])),
            outside: sources.outside,
            config: await Promise.all(configFiles(sources.root).map(readIfThere))
        })
    );
    const cacheFolder = path.resolve(options.cacheDir ?? path.join(sources.root, CACHE_FOLDER));
    return { folder: cacheFolder, file: path.join(cacheFolder, entryName(check)), check, inputs };
}

async function lookup(inputs: Inputs, tool: string, key: Buffer): Promise<Lookup> {
    let text: string;
    try {
        text = await fs.readFile(inputs.file, 'utf8');
    } catch {
        return {}; // none yet, or not readable: checked afresh, quietly
    }
    const entry = parseEntry(text, key);
    if (typeof entry === 'string') {
        return { ignored: entry };
    }
    if (entry.tool !== tool) {
        return { ignored: 'it was made by another version of gdl' };
    }
    if (entry.check !== inputs.check) {
        return { ignored: 'it was made for another check: another folder, working folder or options' };
    }
    // Made for other sources, another day or another configuration, or a named file has come or gone: out of date.
    if (entry.inputs !== inputs.inputs || entry.files.some(([file, state]) => fileState(file) !== state)) {
        return {};
    }
    return { hit: entry };
}

/** The entry in a cache file, or why it is not one. */
function parseEntry(text: string, key: Buffer): Entry | string {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        return 'it is damaged: not valid JSON';
    }
    const outer = isObject(parsed) ? parsed : {};
    if (outer.format !== CACHE_FORMAT) {
        return `it is not a check cache entry of format ${CACHE_FORMAT}`;
    }
    if (!isObject(outer.entry) || typeof outer.signature !== 'string') {
        return 'it is damaged: no entry or signature';
    }
    if (sign(outer.entry, key) !== outer.signature) {
        return 'its signature does not match: it was changed since, or made by another user or on another machine';
    }
    const entry = outer.entry;
    const strings = (value: unknown) => Array.isArray(value) && value.every(item => typeof item === 'string');
    if (
        typeof entry.tool !== 'string' ||
        typeof entry.check !== 'string' ||
        typeof entry.inputs !== 'string' ||
        !Array.isArray(entry.files) ||
        !entry.files.every(pair => strings(pair) && (pair as string[]).length === 2) ||
        !strings(entry.lines) ||
        !Number.isInteger(entry.exitCode)
    ) {
        return 'it is damaged: an entry of the wrong shape';
    }
    return entry as unknown as Entry;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Writes the entry atomically; a folder that cannot be written leaves the check uncached, and says nothing. A folder
 * holding anything but the cache's own files (`--cache-dir` naming a folder of sources, gdl's code, templates) is
 * left alone: the reason is returned, to be said.
 */
async function store(inputs: Inputs, entry: Entry, key: Buffer): Promise<string | undefined> {
    const there = await fs.readdir(inputs.folder).catch(() => undefined);
    const foreign = there?.find(name => !isCacheFile(name));
    if (foreign !== undefined) {
        return `it holds files that are not the cache's ('${foreign}'); name a new or empty folder with --cache-dir`;
    }
    try {
        // Made here: it carries its own .gitignore, so that git ignores it without the user's help (like .pytest_cache).
        // A folder that was there already (--cache-dir naming one of the user's) is not given one.
        if ((await fs.mkdir(inputs.folder, { recursive: true })) !== undefined) {
            await fs.writeFile(path.join(inputs.folder, '.gitignore'), '# The cache of `gdl check`: safe to delete.\n*\n');
        }
        const { writeAtomically } = await import('./report/write-output.js');
        await writeAtomically(inputs.file, JSON.stringify({ format: CACHE_FORMAT, signature: sign(entry, key), entry }));
    } catch {
        // Read-only, full or not a folder: the answer was printed; it is only not kept.
    }
    return undefined;
}

const identities = new Map<boolean, string | undefined>();

/**
 * The tool as far as its answers go: its version, the Node.js running it, a hash of its code, and of the words
 * it ships (the base word list, and the dictionary when the plain-English checks run). Worked out once a run.
 */
function toolIdentity(prose: boolean): string | undefined {
    if (!identities.has(prose)) {
        try {
            identities.set(prose, workOutToolIdentity(prose));
        } catch {
            identities.set(prose, undefined); // its code cannot be read: no cache
        }
    }
    return identities.get(prose);
}

function workOutToolIdentity(prose: boolean): string {
    const here = moduleFolder(import.meta.url);
    const manifest = toolManifest();
    const version = toolVersion();
    const code = createHash('sha256');
    for (const file of codeFiles(here)) {
        code.update(`${path.relative(here, file)}\0`).update(readFileSync(file));
    }
    const lock = manifest ? path.join(path.dirname(manifest), 'package-lock.json') : undefined;
    if (lock && existsSync(lock)) {
        code.update(readFileSync(lock));
    }
    code.update(basePoliceWords().join('\n'));
    if (prose) {
        const dictionary = enGbDictionary();
        code.update(dictionary.aff).update(dictionary.dic);
    }
    return `${version} node ${process.version} code ${code.digest('hex').slice(0, 32)}${prose ? ' +prose' : ''}`;
}

/**
 * The files of the running code: the compiled CLI and language (out/cli, out/language; cli/ and language/src
 * under vitest), or the bundles beside this one (extension/out/*.cjs).
 */
function codeFiles(here: string): string[] {
    const top = path.dirname(here);
    const tree =
        path.basename(here) === 'cli' && existsSync(path.join(top, 'language')) ? ['cli', 'language'].map(f => path.join(top, f)) : [here];
    const files: string[] = [];
    const visit = (folder: string, deep: boolean) => {
        for (const entry of readdirSync(folder, { withFileTypes: true })) {
            const full = path.join(folder, entry.name);
            if (entry.isDirectory() && deep && entry.name !== 'node_modules') {
                visit(full, deep);
            } else if (entry.isFile() && /\.(c?js|ts|langium)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
                files.push(full);
            }
        }
    };
    for (const folder of tree) {
        visit(folder, tree.length > 1);
    }
    return files.sort();
}

function hash(data: string | Uint8Array): string {
    return createHash('sha256').update(data).digest('hex');
}

/** The entry's signature: an HMAC of it with the user's key, which nobody without the key can make. */
function sign(entry: unknown, key: Buffer): string {
    return createHmac('sha256', key).update(JSON.stringify(entry)).digest('hex');
}

/** Where the user's cache key is kept: their cache folder (XDG_CACHE_HOME, or ~/.cache), never a workspace. */
export function cacheKeyFile(): string | undefined {
    // Only an absolute folder (the XDG rule: a relative XDG_CACHE_HOME is ignored): an empty HOME or a relative
    // XDG_CACHE_HOME put the key in the working folder — the workspace — where a pull request could commit it.
    const xdg = process.env.XDG_CACHE_HOME;
    const home = homedir();
    const folder = xdg && path.isAbsolute(xdg) ? xdg : home && path.isAbsolute(home) ? path.join(home, '.cache') : undefined;
    return folder === undefined ? undefined : path.join(folder, 'gdl', 'check-cache.key');
}

let userKey: Buffer | null | undefined;

/** The user's key (made the first time, readable by them alone), or undefined when none can be kept: then nothing is cached. */
function cacheKey(): Buffer | undefined {
    if (userKey !== undefined) {
        return userKey ?? undefined;
    }
    const file = cacheKeyFile();
    if (file === undefined) {
        userKey = null;
        return undefined;
    }
    const read = () => {
        try {
            const bytes = readFileSync(file);
            return bytes.length >= 32 ? bytes : undefined;
        } catch {
            return undefined;
        }
    };
    let found = read();
    if (!found) {
        try {
            mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
            // 'wx': never over a key another run made meanwhile; that one is read instead.
            writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
        } catch {
            // made by another run at the same moment, or no folder can be written: read below, or no cache
        }
        found = read();
    }
    userKey = found ?? null;
    return found;
}
