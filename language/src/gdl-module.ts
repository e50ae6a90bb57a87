import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext,
    type LangiumServices, type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices
} from 'langium/lsp';
import { WorkspaceFacts } from './coverage-service.js';
import { GdlDocumentBuilder } from './gdl-document-builder.js';
import { GdlDocumentValidator } from './gdl-document-validator.js';
import { GdlScopeComputation } from './gdl-scope.js';
import { GdlSettings } from './gdl-settings.js';
import { registerValidationChecks } from './gdl-validator.js';
import { GdlValueConverter } from './gdl-value-converter.js';
import { GdlGeneratedModule, GdlGeneratedSharedModule } from './generated/module.js';

/** Services GDL adds to Langium's. */
export type GdlAddedServices = {
    gdl: {
        Settings: GdlSettings;
        WorkspaceFacts: WorkspaceFacts;
    };
};

/** The full set of GDL services. */
export type GdlServices = LangiumServices & GdlAddedServices;

/** GDL's own services and its overrides of Langium's defaults. */
export const GdlModule: Module<GdlServices, PartialLangiumServices & GdlAddedServices> = {
    gdl: {
        Settings: () => new GdlSettings(),
        WorkspaceFacts: (services) => new WorkspaceFacts(services.shared)
    },
    parser: {
        ValueConverter: () => new GdlValueConverter()
    },
    references: {
        ScopeComputation: (services) => new GdlScopeComputation(services)
    },
    validation: {
        DocumentValidator: (services) => new GdlDocumentValidator(services)
    }
};

/** Shared overrides: coverage needs framework documents rebuilt after any edit. */
export const GdlSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        DocumentBuilder: (shared) => new GdlDocumentBuilder(shared)
    }
};

/** Creates the shared and the language services, for the language server, the CLI and tests. */
export function createGdlServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Gdl: GdlServices } {
    const shared = inject(createDefaultSharedModule(context), GdlGeneratedSharedModule, GdlSharedModule);
    const Gdl = inject(createDefaultModule({ shared }), GdlGeneratedModule, GdlModule);
    shared.ServiceRegistry.register(Gdl);
    registerValidationChecks(Gdl);
    if (!context.connection) {
        // Without a language client nothing sends the configuration; reading settings would wait forever.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Gdl };
}
