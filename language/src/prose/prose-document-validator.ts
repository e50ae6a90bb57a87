import { DocumentState, type LangiumDocument, type ValidationOptions } from 'langium';
import { DiagnosticSeverity, type CancellationToken, type Diagnostic } from 'vscode-languageserver';
import { GdlDocumentValidator, MAX_PROBLEMS_PER_FILE } from '../validation/gdl-document-validator.js';
import { Codes } from '../validation/diagnostic-codes.js';
import { count } from '../wording.js';
import type { GdlServices } from '../gdl-module.js';
import type { GdlSettings } from '../gdl-settings.js';
import type { ProseChecks } from './prose-checks.js';

/**
 * The document validator with the plain-English findings added: run for each document Langium validates (the
 * edited one, in the editor), never by the coverage, which works from the workspace's facts. The workspace
 * configuration is read first, so the checks that read its citation settings see them. A file's findings come
 * after its other problems, up to its limit of problems (GDL0009), so they never bury them.
 */
export class ProseDocumentValidator extends GdlDocumentValidator {
    private readonly prose: ProseChecks;
    private readonly settings: GdlSettings;
    /** Each document's problems other than plain English, as its last validation found them (for {@link addLaterProse}). */
    private readonly others = new WeakMap<LangiumDocument, Diagnostic[]>();

    constructor(services: GdlServices) {
        super(services);
        this.prose = services.gdl.Prose;
        this.settings = services.gdl.Settings;
    }

    override async validateDocument(
        document: LangiumDocument,
        options?: ValidationOptions,
        cancelToken?: CancellationToken
    ): Promise<Diagnostic[]> {
        await this.prose.current();
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        this.others.set(document, diagnostics);
        return this.withProse(diagnostics, await this.prose.diagnostics(document, cancelToken));
    }

    /**
     * In the editor, once the texts a validation did not wait for are checked: gives the document its problems with
     * every plain-English finding and returns them, or returns undefined when the document has been changed since (its
     * next validation has them). The document is given them here, in the same turn as the check that it has not
     * changed, so an edit's build never starts from them.
     */
    async addLaterProse(document: LangiumDocument): Promise<Diagnostic[] | undefined> {
        const others = this.others.get(document);
        if (!others || document.state < DocumentState.Validated) {
            return undefined;
        }
        const prose = await this.prose.diagnostics(document);
        if (document.state < DocumentState.Validated || this.others.get(document) !== others) {
            return undefined;
        }
        document.diagnostics = this.withProse(others, prose);
        return document.diagnostics;
    }

    // A file's findings come after its other problems, up to its limit of problems (GDL0009), so they never bury them.
    private withProse(diagnostics: Diagnostic[], prose: Diagnostic[]): Diagnostic[] {
        // `gdl check --prose` asked for them all (and counts them by code); the editor shows a file's first hundred problems.
        const room = this.settings.prose.asked ? prose.length : Math.max(0, MAX_PROBLEMS_PER_FILE - diagnostics.length);
        if (prose.length <= room) {
            return [...diagnostics, ...prose];
        }
        const more = prose.length - room;
        const at = prose[room]!.range.start;
        return [
            ...diagnostics,
            ...prose.slice(0, room),
            {
                severity: DiagnosticSeverity.Information,
                range: { start: at, end: at },
                code: Codes['too-many-problems'].code,
                message: `…and ${count(more, 'more plain-English finding')} in this file: only the first ${MAX_PROBLEMS_PER_FILE} problems are shown.`,
                source: 'gdl'
            }
        ];
    }
}
