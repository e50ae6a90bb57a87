import { DocumentState, URI, type FileSystemProvider, type LangiumDocument, type WorkspaceManager } from 'langium';
import type { DocumentBuilder } from 'langium';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { GdlSettings } from '../gdl-settings.js';
import { Codes, message } from '../validation/diagnostic-codes.js';
import * as ast from '../generated/ast.js';
import { proseTooDeep } from '../nesting-limit.js';
import { fileCache } from '../syntax-trees.js';
import { proseBlocks, type ProseBlock } from './prose-blocks.js';
import { proseMessageArgs } from './prose-messages.js';
import { readingAgeFor, type ProseOptions, type ProseSeverity } from './prose-options.js';
import { ProsePool } from './prose-pool.js';
import type { ProseFinding, ProseProcessor } from './prose-processor.js';
import { emptyConfiguration, readWorkspaceConfiguration, type WorkspaceConfiguration } from './workspace-config.js';

/** What a plain-English diagnostic carries for its quick fixes. */
export interface ProseDiagnosticData {
    readonly code: string;
    /** The words found (the unknown word, the phrase with a simpler alternative). */
    readonly actual: string;
    /** What the rule suggests writing instead (empty for spelling: suggestions are slow and asked for by the quick fix). */
    readonly replacements: readonly string[];
}

const severityOf: Record<Exclude<ProseSeverity, 'off'>, DiagnosticSeverity> = {
    error: DiagnosticSeverity.Error,
    warning: DiagnosticSeverity.Warning,
    info: DiagnosticSeverity.Information,
    hint: DiagnosticSeverity.Hint
};

/**
 * The longest text the plain-English checks read, in characters (GDL0709 past it). They need about 300 bytes of heap
 * a character (parse trees of every word): 4 MB of prose took 1.2 GB and 9 s, and tens of megabytes would exhaust a
 * thread's heap. 200,000 characters is some 35,000 words, far more than any section, and about 0.5 s to check.
 */
export const MAX_PROSE_CHECKED = 200_000;

/** The most blocks whose findings are kept (one entry per text and reading age); past it the cache starts again, so memory stays bounded. */
const CACHE_LIMIT = 20_000;

/**
 * The plain-English checks (language/src/prose/): the workspace's configuration read at the start of each build,
 * the checks run per document when it is validated, and each block's findings remembered by its text, its reading
 * age and the word list, so an edit re-checks only the block that changed.
 */
export class ProseChecks {
    private configuration: WorkspaceConfiguration = emptyConfiguration;
    // The rules (retext, the dictionary) are loaded the first time a text is checked in this thread: a check without
    // --prose, and the language server until a file is opened, never load them.
    private processor: { key: string; processor: Promise<ProseProcessor> } | undefined;
    private pool: { key: string; pool: ProsePool | undefined } | undefined;
    /** Each text's findings by its reading age and text: the promise, and the findings once it is settled. */
    private readonly findings = new Map<string, { readonly promise: Promise<ProseFinding[]>; done?: ProseFinding[] }>();
    private loading: Promise<WorkspaceConfiguration> | undefined;
    /**
     * Which documents are checked: all (the CLI's --prose, tests), or, in the language server, those open in the
     * editor, so opening a workspace of many forces waits for no prose, and its coverage comes first.
     */
    checksDocument: (uri: string) => boolean = () => true;
    /**
     * In the editor (false), a document's validation does not wait for texts not yet checked: it gives the findings
     * already known, and {@link onChecked} is told when the rest are in, to show them. The coverage and the other
     * problems of an edit are not held up by prose. The CLI (true) waits for every finding.
     */
    waitsForChecks = true;
    onChecked: ((uri: string) => void) | undefined;

    constructor(
        private readonly settings: GdlSettings,
        private readonly fileSystem: FileSystemProvider,
        private readonly workspace: WorkspaceManager,
        builder: DocumentBuilder
    ) {
        // Read again for each build (the file may have changed), before anything is validated: see current().
        builder.onBuildPhase(DocumentState.Parsed, () => {
            this.loading = undefined;
        });
        // `gdl check --prose` with worker threads: every document's texts are sent to the workers as soon as it is
        // parsed, so they are checked while the main thread links and validates (validation then awaits each one's).
        builder.onBuildPhase(DocumentState.IndexedContent, documents => {
            if (this.settings.prose.asked === true) {
                void this.prefetch(documents);
            }
        });
    }

    /** The configuration for this build, read once per build (the validator awaits it before any check runs). */
    current(): Promise<WorkspaceConfiguration> {
        this.loading ??= this.reload();
        return this.loading;
    }

    /** The configuration last read (its problems are reported by the CLI and the server). */
    get workspaceConfiguration(): WorkspaceConfiguration {
        return this.configuration;
    }

    /** Re-reads gdl.config.json and gdl-words.txt, and passes the citation settings on. */
    async reload(): Promise<WorkspaceConfiguration> {
        const root = this.settings.workspaceRoot ?? this.workspace.workspaceFolders?.[0]?.uri;
        this.configuration = await readWorkspaceConfiguration(this.fileSystem, root ? URI.parse(root) : undefined);
        applyCitationSettings(this.settings, this.configuration);
        return this.configuration;
    }

    /** The options in force: the defaults, then the file, then the editor's settings (per user) or the CLI's --prose. */
    options(): ProseOptions {
        const file = this.configuration.prose;
        const given = this.settings.prose;
        return {
            enabled: given.asked === true || (given.enabled === true && file.enabled !== false),
            severity: { ...file.severity, ...given.severity },
            readingAge: file.readingAge,
            words: this.configuration.words
        };
    }

    /** The plain-English diagnostics of a document (none while it has syntax errors, or when the checks are off). */
    async diagnostics(document: LangiumDocument, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        await this.current();
        const options = this.options();
        const { blocks, tooLong } = this.blocksToCheck(document, options);
        const diagnostics = tooLong.map(block => this.tooLongDiagnostic(document, block));
        if (blocks.length === 0) {
            return diagnostics;
        }
        const uri = document.uri.toString();
        const found = await this.findingsOf(
            blocks.map(b => ({ text: b.block.text, age: b.age })),
            options.words,
            uri
        );
        blocks.forEach(({ block, age }, index) => {
            for (const finding of found[index] ?? []) {
                const diagnostic = this.toDiagnostic(document, block, finding, age, options);
                if (diagnostic) {
                    diagnostics.push(diagnostic);
                }
            }
        });
        return cancelToken?.isCancellationRequested ? [] : diagnostics;
    }

    /**
     * Each text's findings: all of them (the CLI), or in the editor those already known, the rest being checked
     * meanwhile ({@link onChecked} is told when they are in).
     */
    private async findingsOf(
        texts: readonly { text: string; age: number }[],
        words: readonly string[],
        uri: string
    ): Promise<ProseFinding[][]> {
        const entries = this.check(texts, words, uri);
        if (this.waitsForChecks || this.settings.prose.asked === true) {
            return Promise.all(entries.map(e => e.promise));
        }
        const pending = entries.filter(e => e.done === undefined);
        if (pending.length > 0) {
            void Promise.all(pending.map(e => e.promise)).then(() => this.onChecked?.(uri));
        }
        return entries.map(e => e.done ?? []);
    }

    /** Starts checking the texts of documents not yet checked (in the workers), for their validation to find. */
    private async prefetch(documents: readonly LangiumDocument[]): Promise<void> {
        await this.current();
        const options = this.options();
        if (!options.enabled || !this.runner(options.words).pool) {
            return; // without workers, each document is checked when it is validated
        }
        for (const document of documents) {
            const texts = this.blocksToCheck(document, options).blocks.map(b => ({ text: b.block.text, age: b.age }));
            this.check(texts, options.words, document.uri.toString());
        }
    }

    /**
     * A document's prose blocks to check, each with its reading age, and those too long to check: none when the checks
     * are off, the document is not one to check, or it has syntax errors.
     */
    private blocksToCheck(
        document: LangiumDocument,
        options: ProseOptions
    ): { blocks: { block: ProseBlock; age: number }[]; tooLong: ProseBlock[] } {
        const root = document.parseResult.value;
        if (
            !options.enabled ||
            !this.checksDocument(document.uri.toString()) ||
            document.parseResult.lexerErrors.length > 0 ||
            document.parseResult.parserErrors.length > 0 ||
            !ast.isGdlFile(root)
        ) {
            return { blocks: [], tooLong: [] };
        }
        const all = blocksOf(root);
        return {
            blocks: all
                // Prose nested past the limit is an error of its own (GDL0007), and would take remark past the stack.
                .filter(block => block.text.length <= MAX_PROSE_CHECKED && !proseTooDeep(block.text))
                .map(block => ({
                    block,
                    age: readingAgeFor(
                        block.audiences.map(a => a.id),
                        options
                    )
                })),
            tooLong: all.filter(block => block.text.length > MAX_PROSE_CHECKED)
        };
    }

    /** GDL0709 over a text too long to check, from its first written character to its last. */
    private tooLongDiagnostic(document: LangiumDocument, block: ProseBlock): Diagnostic {
        const text = document.textDocument;
        const first = block.text.length - block.text.trimStart().length; // a block is never blank (proseBlocks)
        const last = block.text.trimEnd().length - 1;
        const info = Codes['prose-too-long'];
        return {
            severity: severityOf[info.severity as Exclude<ProseSeverity, 'off'>],
            range: { start: text.positionAt(block.offsets[first]!), end: text.positionAt(block.offsets[last]! + 1) },
            code: info.code,
            message: message('prose-too-long', {
                length: block.text.length.toLocaleString('en-GB'), // 1,234,567
                limit: MAX_PROSE_CHECKED.toLocaleString('en-GB')
            }),
            source: 'gdl'
        };
    }

    /** What checks texts for a word list: the worker pool for `gdl check --prose` where there is one, and this thread. */
    private runner(words: readonly string[]): { processor: () => Promise<ProseProcessor>; pool: ProsePool | undefined } {
        const wordsKey = words.join('\n');
        if (this.processor && this.processor.key !== wordsKey) {
            // A new word list: a new speller, and every remembered finding may be wrong.
            this.processor = undefined;
            this.findings.clear();
        }
        if (this.pool && this.pool.key !== wordsKey) {
            void this.pool.pool?.dispose();
            this.pool = undefined;
            this.findings.clear();
        }
        if (this.settings.prose.asked === true && !this.pool) {
            this.pool = { key: wordsKey, pool: ProsePool.create(words) };
        }
        const processor = () => {
            this.processor ??= { key: wordsKey, processor: import('./prose-processor.js').then(rules => new rules.ProseProcessor(words)) };
            return this.processor.processor;
        };
        const pool = this.pool?.pool && !this.pool.pool.broken ? this.pool.pool : undefined;
        return { processor, pool };
    }

    /** Each text's findings, checked in this thread once the rules are loaded. */
    private checkHere(processor: Promise<ProseProcessor>, batch: string[], age: number): Promise<ProseFinding[]>[] {
        const runs = processor.then(async rules => (await import('./prose-processor.js')).checkTexts(rules, batch, age));
        return batch.map((_, at) => runs.then(all => all[at]!));
    }

    /** The findings of each text, from memory where the same text was checked at the same age, the rest checked now. */
    private check(
        texts: readonly { text: string; age: number }[],
        words: readonly string[],
        uri: string
    ): { promise: Promise<ProseFinding[]>; done?: ProseFinding[] }[] {
        const { processor, pool } = this.runner(words);
        const keys = texts.map(({ text, age }) => `${age}\u0000${text}`);
        // Bounded memory in the editor: past the limit it starts again (before deciding what is remembered, so nothing
        // is lost now). The CLI checks a workspace once, and keeps every text's findings until it ends.
        if (this.settings.prose.asked !== true && this.findings.size + texts.length >= CACHE_LIMIT) {
            this.findings.clear();
        }
        // Each text not yet known, once (a file may hold one text many times), grouped by reading age.
        const byAge = new Map<number, number[]>();
        const asked = new Set<string>();
        texts.forEach(({ age }, index) => {
            const key = keys[index]!;
            if (!this.findings.has(key) && !asked.has(key)) {
                asked.add(key);
                let indexes = byAge.get(age);
                if (!indexes) {
                    byAge.set(age, (indexes = []));
                }
                indexes.push(index);
            }
        });
        for (const [age, indexes] of byAge) {
            const batch = indexes.map(i => texts[i]!.text);
            const runs = pool
                ? pool.checkTexts(batch, age).map((run, at) =>
                      // A worker that stopped: that text is checked here (a text the rules cannot read stays an error).
                      run.catch((error: unknown) =>
                          pool.broken ? processor().then(rules => rules.check(batch[at]!, age)) : Promise.reject(error)
                      )
                  )
                : this.checkHere(processor(), batch, age);
            indexes.forEach((i, at) => {
                const key = keys[i]!;
                const entry: { promise: Promise<ProseFinding[]>; done?: ProseFinding[] } = {
                    promise: runs[at]!.then(
                        found => (entry.done = found),
                        (error: unknown) => {
                            // A text the checkers cannot read is not the writer's mistake: it goes unchecked (and is tried
                            // again next time), and the rest is checked.
                            console.error(
                                `GDL plain-English check failed on ${uri}: ${error instanceof Error ? error.message : String(error)}`
                            );
                            if (this.findings.get(key) === entry) {
                                this.findings.delete(key);
                            }
                            return (entry.done = []);
                        }
                    )
                };
                this.findings.set(key, entry);
            });
        }
        return keys.map(key => this.findings.get(key) ?? { promise: Promise.resolve([]), done: [] });
    }

    private toDiagnostic(
        document: LangiumDocument,
        block: ProseBlock,
        finding: ProseFinding,
        age: number,
        options: ProseOptions
    ): Diagnostic | undefined {
        const info = Codes[finding.rule];
        const configured = options.severity[info.code];
        if (configured === 'off') {
            return undefined;
        }
        let severity = severityOf[configured ?? info.severity];
        // Draft material is still being written: its findings are shown, but never louder than information.
        if (!block.approved && severity < DiagnosticSeverity.Information) {
            severity = DiagnosticSeverity.Information;
        }
        const text = document.textDocument;
        const start = block.offsets[finding.start]!;
        const end = finding.end > finding.start ? block.offsets[finding.end - 1]! + 1 : start;
        const data: ProseDiagnosticData = {
            code: info.code,
            actual: finding.actual,
            replacements: finding.rule === 'prose-readability' || finding.rule === 'prose-passive' ? [] : finding.expected
        };
        return {
            severity,
            range: { start: text.positionAt(start), end: text.positionAt(end) },
            code: info.code,
            message: message(
                finding.rule,
                proseMessageArgs(finding, block, age, id => readingAgeFor([id], options))
            ),
            source: 'gdl',
            data
        };
    }
}

// A file's prose blocks, found once per parse (for the texts sent to be checked, then for the findings' positions).
const blocksByRoot = fileCache<ast.GdlFile, readonly ProseBlock[]>();
function blocksOf(root: ast.GdlFile): readonly ProseBlock[] {
    let blocks = blocksByRoot.get(root);
    if (!blocks) {
        blocks = [...proseBlocks(root)];
        blocksByRoot.set(root, blocks);
    }
    return blocks;
}

// The citation settings live in the same file; they are set only when the file gives them (a setting made in code stands).
function applyCitationSettings(settings: GdlSettings, configuration: WorkspaceConfiguration): void {
    const { currencyMonths, nonAuthoritative } = configuration.citations;
    if (currencyMonths !== undefined) {
        settings.legalCurrencyMonths = currencyMonths;
    }
    if (nonAuthoritative !== undefined) {
        settings.nonAuthoritativeSources = [...nonAuthoritative];
    }
}
