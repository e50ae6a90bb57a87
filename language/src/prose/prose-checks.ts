import { DocumentState, URI, type FileSystemProvider, type LangiumDocument, type WorkspaceManager } from 'langium';
import type { DocumentBuilder } from 'langium';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { GdlSettings } from '../gdl-settings.js';
import { Codes, message } from '../validation/diagnostic-codes.js';
import * as ast from '../generated/ast.js';
import { proseTooDeep } from '../nesting-limit.js';
import { proseBlocks, type ProseBlock } from './prose-blocks.js';
import { proseMessageArgs } from './prose-messages.js';
import { readingAgeFor, type ProseOptions, type ProseSeverity } from './prose-options.js';
import { ProseProcessor, type ProseFinding } from './prose-processor.js';
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

/** The most blocks whose findings are kept (one entry per text and reading age); past it the cache starts again, so memory stays bounded. */
const CACHE_LIMIT = 20_000;

/**
 * The plain-English checks (language/src/prose/): the workspace's configuration read at the start of each build,
 * the checks run per document when it is validated, and each block's findings remembered by its text, its reading
 * age and the word list, so an edit re-checks only the block that changed.
 */
export class ProseChecks {
    private configuration: WorkspaceConfiguration = emptyConfiguration;
    private processor: { key: string; processor: ProseProcessor } | undefined;
    private readonly findings = new Map<string, Promise<ProseFinding[]>>();
    private loading: Promise<WorkspaceConfiguration> | undefined;
    /**
     * Which documents are checked: all (the CLI's --prose, tests), or, in the language server, those open in the
     * editor, so opening a workspace of many forces waits for no prose, and its coverage comes first.
     */
    checksDocument: (uri: string) => boolean = () => true;

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
        const root = document.parseResult.value;
        if (
            !options.enabled ||
            !this.checksDocument(document.uri.toString()) ||
            document.parseResult.lexerErrors.length > 0 ||
            document.parseResult.parserErrors.length > 0 ||
            !ast.isGdlFile(root)
        ) {
            return [];
        }
        const diagnostics: Diagnostic[] = [];
        for (const block of proseBlocks(root)) {
            if (cancelToken?.isCancellationRequested) {
                break;
            }
            const age = readingAgeFor(
                block.audiences.map(a => a.id),
                options
            );
            // Prose nested past the limit is an error of its own (GDL0007), and would take remark past the stack.
            if (proseTooDeep(block.text)) {
                continue;
            }
            let found: ProseFinding[];
            try {
                found = await this.check(block.text, age, options.words);
            } catch (error) {
                // A text the checkers cannot read is not the writer's mistake: it goes unchecked, and the rest is checked.
                console.error(
                    `GDL plain-English check failed on ${document.uri.toString()}: ${error instanceof Error ? error.message : String(error)}`
                );
                continue;
            }
            for (const finding of found) {
                const diagnostic = this.toDiagnostic(document, block, finding, age, options);
                if (diagnostic) {
                    diagnostics.push(diagnostic);
                }
            }
        }
        return diagnostics;
    }

    private check(text: string, age: number, words: readonly string[]): Promise<ProseFinding[]> {
        const wordsKey = words.join('\n');
        if (this.processor?.key !== wordsKey) {
            // A new word list: a new speller, and every remembered finding may be wrong.
            this.processor = { key: wordsKey, processor: new ProseProcessor(words) };
            this.findings.clear();
        }
        const key = `${age}\u0000${text}`;
        let found = this.findings.get(key);
        if (!found) {
            if (this.findings.size >= CACHE_LIMIT) {
                this.findings.clear();
            }
            found = this.processor.processor.check(text, age);
            this.findings.set(key, found);
            found.catch(() => this.findings.delete(key));
        }
        return found;
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

// The citation settings live in the same file; they are set only when the file gives them (GdlSettings may not have the fields yet).
function applyCitationSettings(settings: GdlSettings, configuration: WorkspaceConfiguration): void {
    const { currencyMonths, nonAuthoritative } = configuration.citations;
    const target = settings as unknown as { legalCurrencyMonths?: number; nonAuthoritativeSources?: string[] };
    if (currencyMonths !== undefined) {
        target.legalCurrencyMonths = currencyMonths;
    }
    if (nonAuthoritative !== undefined) {
        target.nonAuthoritativeSources = [...nonAuthoritative];
    }
}
