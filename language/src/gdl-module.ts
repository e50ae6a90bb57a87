import { inject, type Module } from 'langium';
import {
    createDefaultModule,
    createDefaultSharedModule,
    DefaultDefinitionProvider,
    DefaultDocumentHighlightProvider,
    DefaultWorkspaceSymbolProvider,
    DefaultDocumentSymbolProvider,
    DefaultFoldingRangeProvider,
    DefaultReferencesProvider,
    type DefaultSharedModuleContext,
    type LangiumServices,
    type LangiumSharedServices,
    type PartialLangiumServices,
    type PartialLangiumSharedServices
} from 'langium/lsp';
import { createGrammarConfig } from 'langium';
import { WorkspaceFacts } from './coverage/workspace-facts.js';
import { CoverageLosses } from './coverage/coverage-losses.js';
import { CoverageLossChecks } from './validation/checks/coverage-loss-checks.js';
import { IdIndex } from './id-index.js';
import { GdlCodeActionProvider } from './lsp/gdl-code-actions.js';
import { GdlCommandHandler } from './lsp/gdl-commands.js';
import { GdlCodeLensProvider } from './lsp/gdl-code-lens.js';
import { GdlCompletionProvider } from './lsp/gdl-completion.js';
import { GdlFormatter } from './lsp/gdl-formatter.js';
import { GdlHoverProvider } from './lsp/gdl-hover.js';
import { GdlRenameProvider } from './lsp/gdl-rename.js';
import { GdlSemanticTokenProvider } from './lsp/gdl-semantic-tokens.js';
import { resilient } from './lsp/resilient.js';
import { GdlDocumentBuilder } from './gdl-document-builder.js';
import { GdlIndexManager } from './gdl-index-manager.js';
import { ProseChecks } from './prose/prose-checks.js';
import { ProseDocumentValidator } from './prose/prose-document-validator.js';
import { GdlLexer, GdlTokenBuilder } from './gdl-lexer.js';
import { createGdlParser } from './gdl-parser.js';
import { GdlWorkspaceManager } from './gdl-workspace-manager.js';
import { GdlScopeComputation, GdlScopeProvider } from './gdl-scope.js';
import { GdlLangiumDocuments } from './gdl-documents.js';
import { GdlSettings } from './gdl-settings.js';
import { CommonChecks } from './validation/checks/common-checks.js';
import { FrameworkChecks } from './validation/checks/framework-checks.js';
import { GuidanceChecks } from './validation/checks/guidance-checks.js';
import { EvidenceChecks } from './validation/checks/evidence-checks.js';
import { CitationChecks } from './validation/checks/citation-checks.js';
import { PlanChecks, WaiverChecks } from './validation/checks/plan-checks.js';
import { TrainingChecks } from './validation/checks/training-checks.js';
import { AssessmentChecks } from './validation/checks/assessment-checks.js';
import { WorkspaceFiles } from './validation/workspace-file.js';
import { GdlAstNodeDescriptionProvider, GdlReferenceDescriptionProvider } from './gdl-descriptions.js';
import { GdlLinker } from './gdl-linker.js';
import { GdlValidationRegistry } from './validation/gdl-validation-registry.js';
import { registerValidationChecks, type GdlValidationServices } from './validation/gdl-validator.js';
import { GdlValueConverter } from './gdl-value-converter.js';
import { SourceTexts } from './source-text.js';
import { GdlDocumentUpdateHandler } from './lsp/gdl-document-update-handler.js';
import { GdlNodeKindProvider } from './lsp/gdl-node-kinds.js';
import { GdlGeneratedModule, GdlGeneratedSharedModule } from './generated/module.js';

/** Services GDL adds to Langium's. */
export type GdlAddedServices = {
    gdl: {
        Settings: GdlSettings;
        WorkspaceFacts: WorkspaceFacts;
        /** Every definition by id, for the duplicate-id check. */
        IdIndex: IdIndex;
        /** What was wrong with the encoding of the files read (GDL0008). */
        SourceTexts: SourceTexts;
        /** Requirements an edit left uncovered, by the file edited (GDL0210). */
        CoverageLosses: CoverageLosses;
        /** The plain-English checks and the workspace's gdl.config.json. */
        Prose: ProseChecks;
        /** The files on disk the sources name (exhibits, handouts): where they are, whether they are there. */
        WorkspaceFiles: WorkspaceFiles;
    };
} & GdlValidationServices;

/** The full set of GDL services. */
export type GdlServices = LangiumServices & GdlAddedServices;

/** GDL's own services and its overrides of Langium's defaults. */
export const GdlModule: Module<GdlServices, PartialLangiumServices & GdlAddedServices> = {
    gdl: {
        Settings: () => new GdlSettings(),
        WorkspaceFacts: services => new WorkspaceFacts(services.shared, services.gdl.Settings),
        IdIndex: services => new IdIndex(services.shared),
        SourceTexts: () => new SourceTexts(),
        CoverageLosses: services => new CoverageLosses(services.shared, services.gdl.WorkspaceFacts, services.gdl.Settings),
        Prose: services =>
            new ProseChecks(
                services.gdl.Settings,
                services.shared.workspace.FileSystemProvider,
                services.shared.workspace.WorkspaceManager,
                services.shared.workspace.DocumentBuilder
            ),
        WorkspaceFiles: services =>
            new WorkspaceFiles(
                services.gdl.Settings,
                services.shared.workspace.FileSystemProvider,
                services.shared.workspace.WorkspaceManager
            )
    },
    parser: {
        Lexer: services => new GdlLexer(services),
        TokenBuilder: () => new GdlTokenBuilder(),
        ValueConverter: () => new GdlValueConverter(),
        // Linear in the number of declarations in one file (Langium's CST builder is quadratic there).
        LangiumParser: services => createGdlParser(services),
        // Ids contain dots and hyphens (12.3, risk-breaches): hover and rename see them as one word.
        GrammarConfig: services => ({ ...createGrammarConfig(services), nameRegexp: /^[\w\p{L}.-]$/u })
    },
    workspace: {
        // Positions and paths of definitions and references worked out when first read (gdl-descriptions.ts).
        AstNodeDescriptionProvider: services => new GdlAstNodeDescriptionProvider(services),
        ReferenceDescriptionProvider: services => new GdlReferenceDescriptionProvider(services)
    },
    references: {
        // Reads only the properties that can hold a reference (gdl-linker.ts).
        Linker: services => new GdlLinker(services),
        ScopeComputation: services => new GdlScopeComputation(services),
        ScopeProvider: services => new GdlScopeProvider(services)
    },
    validation: {
        // Runs each check directly, not through Langium's async wrappers (gdl-document-validator.ts).
        ValidationRegistry: services => new GdlValidationRegistry(services),
        DocumentValidator: services => new ProseDocumentValidator(services),
        CommonChecks: services => new CommonChecks(services.gdl.IdIndex, services.workspace.AstNodeLocator),
        FrameworkChecks: services => new FrameworkChecks(services.gdl.WorkspaceFacts, services.gdl.Settings),
        GuidanceChecks: services => new GuidanceChecks(services.gdl.Settings),
        TrainingChecks: services => new TrainingChecks(services.gdl.WorkspaceFiles),
        AssessmentChecks: () => new AssessmentChecks(),
        CoverageLossChecks: services => new CoverageLossChecks(services.gdl.CoverageLosses, services.gdl.Settings),
        PlanChecks: services => new PlanChecks(services.gdl.Settings),
        WaiverChecks: services => new WaiverChecks(services.gdl.Settings, services.gdl.WorkspaceFacts),
        EvidenceChecks: services => new EvidenceChecks(services.gdl.Settings, services.gdl.WorkspaceFacts, services.gdl.WorkspaceFiles),
        CitationChecks: services => new CitationChecks(services.gdl.Settings, services.shared)
    },
    lsp: {
        HoverProvider: services => resilient(new GdlHoverProvider(services), 'hover'),
        CompletionProvider: services => resilient(new GdlCompletionProvider(services), 'completion'),
        CodeLensProvider: services => resilient(new GdlCodeLensProvider(services), 'codeLens'),
        CodeActionProvider: services => resilient(new GdlCodeActionProvider(services), 'codeAction'),
        SemanticTokenProvider: services => resilient(new GdlSemanticTokenProvider(services), 'semanticTokens'),
        Formatter: services => resilient(new GdlFormatter(services), 'formatter'),
        DocumentSymbolProvider: services => resilient(new DefaultDocumentSymbolProvider(services), 'documentSymbols'),
        DefinitionProvider: services => resilient(new DefaultDefinitionProvider(services), 'definition'),
        ReferencesProvider: services => resilient(new DefaultReferencesProvider(services), 'references'),
        RenameProvider: services => resilient(new GdlRenameProvider(services), 'rename'),
        FoldingRangeProvider: services => resilient(new DefaultFoldingRangeProvider(services), 'folding'),
        DocumentHighlightProvider: services => resilient(new DefaultDocumentHighlightProvider(services), 'documentHighlight')
    }
};

/** Shared overrides: coverage needs framework documents rebuilt after any edit. */
export const GdlSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        DocumentBuilder: shared => new GdlDocumentBuilder(shared),
        IndexManager: shared => new GdlIndexManager(shared),
        LangiumDocuments: shared => new GdlLangiumDocuments(shared),
        WorkspaceManager: shared => new GdlWorkspaceManager(shared)
    },
    lsp: {
        ExecuteCommandHandler: shared => new GdlCommandHandler(shared),
        WorkspaceSymbolProvider: shared => resilient(new DefaultWorkspaceSymbolProvider(shared), 'workspaceSymbol'),
        NodeKindProvider: () => new GdlNodeKindProvider(),
        DocumentUpdateHandler: shared => new GdlDocumentUpdateHandler(shared)
    }
};

/** Creates the shared and the language services, for the language server, the CLI and tests. */
export function createGdlServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Gdl: GdlServices } {
    const shared = inject(createDefaultSharedModule(context), GdlGeneratedSharedModule, GdlSharedModule);
    const Gdl = inject(createDefaultModule({ shared }), GdlGeneratedModule, GdlModule);
    shared.ServiceRegistry.register(Gdl);
    registerValidationChecks(Gdl);
    // Made now, not when first asked for: the plain-English checks listen to the builder's phases from the first build
    // (the configuration read when it starts, the texts sent to the workers as soon as they are parsed).
    void Gdl.gdl.Prose;
    if (!context.connection) {
        // Without a language client nothing sends the configuration; reading settings would wait forever.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Gdl };
}
