import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { DocumentState, URI, WorkspaceCache } from 'langium';
import type { Connection } from 'vscode-languageserver';
import type { GdlServices } from '../gdl-module.js';
import { previewPage, previewSite, type PreviewInput } from '../publish/preview-page.js';
import type { SiteModel } from '../publish/site-model.js';
import { readSiteTemplates, type PageTemplates } from '../publish/site-templates.js';
import { PreviewRequest, type PreviewAnswer, type PreviewParams } from './gdl-protocol.js';

/**
 * The templates the build publishes with by default (out-templates/): the folder the client names in
 * its initialisation options (`templates`; the VS Code extension names the copy it ships), else the one
 * beside the server (extension/out/ in the bundle, out/language/src/ compiled).
 */
function templatesFolder(given: unknown): string | undefined {
    const here = path.dirname(process.argv[1] ?? '.');
    const candidates = [
        ...(typeof given === 'string' ? [given] : []),
        path.resolve(here, '../out-templates'),
        path.resolve(here, '../../../out-templates')
    ];
    return candidates.find(c => existsSync(path.join(c, 'site.json')));
}

/** Answers `gdl/preview`: the page of one document, from the workspace as the editor holds it (unsaved text included). */
export function registerPreviewRequest(connection: Connection, services: GdlServices): void {
    const shared = services.shared;
    let folder: string | undefined;
    let templates: PageTemplates | undefined;
    // One site model per force until the next change (it reads every handout): typing pauses preview again and again.
    const sites = new WorkspaceCache<string, SiteModel>(shared);
    shared.lsp.LanguageServer.onInitialize(params => {
        const options = params.initializationOptions as { templates?: unknown } | undefined;
        folder = templatesFolder(options?.templates);
    });
    connection.onRequest(PreviewRequest, async (params: PreviewParams, token): Promise<PreviewAnswer> => {
        const none = (message: string): PreviewAnswer => ({ html: '', title: '', kind: 'none', sections: [], message });
        // A client's request without the document (none, or no address): said in words, not in JavaScript's.
        if (typeof params?.uri !== 'string' || params.uri === '') {
            return none('The preview needs a document: open a GDL file and ask for its preview.');
        }
        try {
            // The text the writer has typed so far: wait for the workspace's first build, then until this document is linked.
            await shared.workspace.WorkspaceManager.ready;
            await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Linked, URI.parse(params.uri), token);
            folder ??= templatesFolder(undefined);
            if (!folder) {
                return none('The page templates (out-templates/) were not found beside the language server.');
            }
            templates ??= readSiteTemplates(folder);
            const facts = services.gdl.WorkspaceFacts;
            const all = shared.workspace.LangiumDocuments.all.toArray();
            const documents = all.filter(d => d.state >= DocumentState.Linked);
            const input: PreviewInput = {
                documents,
                coverage: facts.coverageModel(params.uri),
                forces: facts.workspaceCoverage().forces,
                templates,
                root: services.gdl.Settings.workspaceRoot
            };
            // Kept only when made from the whole workspace: one made mid-build would outlive the build.
            input.site =
                documents.length === all.length ? sites.get(input.coverage.force.id, () => previewSite(input)) : previewSite(input);
            return await previewPage(input, params.uri, params.edition === 'learner' ? 'learner' : 'trainer');
        } catch (error) {
            // A fault of ours: the writer is told there is no page, the log has the details.
            console.error(
                `GDL preview of ${params.uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
            );
            return none('The preview could not be made. The GDL output channel has the details.');
        }
    });
}
