import {
    DefaultDocumentBuilder,
    DocumentState,
    OperationCancelled,
    URI,
    UriUtils,
    type BuildOptions,
    type LangiumDocument,
    type MaybePromise
} from 'langium';
import type { LangiumSharedCoreServices } from 'langium';
import type { CancellationToken, Diagnostic, Disposable } from 'vscode-languageserver';
import { Codes } from './validation/diagnostic-codes.js';
import * as ast from './generated/ast.js';
import { declares } from './declarations.js';
import { editedSinceParsed } from './source-text.js';
import { targetsOf } from './references-of.js';
import type { GdlIndexManager } from './gdl-index-manager.js';
import { append } from './arrays.js';

/**
 * Coverage is a property of the whole workspace: an edit to any guidance, training or plan file can
 * change what a framework document reports, even though the framework does not reference the
 * edited file. Langium relinks and revalidates only documents that reference a changed one, so
 * documents holding a framework are always rebuilt, and so are documents reporting a duplicate id,
 * documents declaring a force (whether it has a plan) and documents reporting whose force they are.
 * When a force declaration itself is added, changed or removed, every file may belong to another
 * force: everything is rebuilt.
 */
export class GdlDocumentBuilder extends DefaultDocumentBuilder {
    private forcesTouched = false;
    private plansTouched = false;
    /**
     * Whether each document had a reference that did not resolve, as its last linking left it: Langium reads every
     * reference of every document on each edit to find out, which at 43 forces was a tenth of an edit's time.
     */
    private readonly unresolved = new WeakMap<LangiumDocument, boolean>();
    /** The build under way: the list Langium links and validates, and its options. */
    private building: { documents: LangiumDocument[]; options: BuildOptions } | undefined;

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.onDocumentPhase(DocumentState.Linked, document => {
            this.unresolved.set(document, hasUnresolvedReference(document));
        });
    }

    override async update(changed: URI[], deleted: URI[], cancelToken?: CancellationToken): Promise<void> {
        const touches = (is: (e: ast.Element) => boolean, declaration: RegExp) =>
            changed.some(uri => this.declaresNow(uri, true, is, declaration)) ||
            deleted.some(uri => this.declaresNow(uri, false, is, declaration));
        this.forcesTouched = touches(ast.isForce, forceDeclaration);
        this.plansTouched = this.forcesTouched || touches(ast.isActionPlan, planDeclaration);
        return super.update(changed, deleted, cancelToken);
    }

    /**
     * A file that now defines an id another file defines: both report the duplicate (GDL0003), though the other file
     * neither changed nor refers to this one. Which ids a changed file defines is known once it is indexed: the files
     * sharing one are added to the build then, before linking, so they are linked and validated with it.
     */
    protected override async buildDocuments(
        documents: LangiumDocument[],
        options: BuildOptions,
        cancelToken: CancellationToken
    ): Promise<void> {
        this.building = { documents, options };
        try {
            await super.buildDocuments(documents, options, cancelToken);
        } finally {
            this.building = undefined;
        }
    }

    protected override async runCancelable(
        documents: LangiumDocument[],
        targetState: DocumentState,
        cancelToken: CancellationToken,
        callback: (document: LangiumDocument) => MaybePromise<unknown>
    ): Promise<void> {
        await super.runCancelable(documents, targetState, cancelToken, callback);
        // Langium's build reads the same list for linking and validation.
        if (targetState === DocumentState.ComputedScopes && this.building?.documents === documents) {
            const sharing = this.sharingIds(documents);
            if (sharing.length > 0) {
                sharing.forEach(document => this.resetToState(document, DocumentState.ComputedScopes));
                this.prepareBuild(sharing, this.building.options);
                append(documents, sharing);
            }
        }
    }

    /** The documents outside the build that define an id a document of the build defines. */
    private sharingIds(documents: readonly LangiumDocument[]): LangiumDocument[] {
        const index = this.indexManager as GdlIndexManager;
        const inBuild = new Set(documents.map(d => d.uri.toString()));
        const found = new Map<string, LangiumDocument>();
        for (const document of documents) {
            for (const name of index.namesDefinedIn(document.uri.toString())) {
                for (const other of index.filesDefining(name)) {
                    if (!inBuild.has(other) && !found.has(other)) {
                        const sharing = this.langiumDocuments.getDocument(URI.parse(other));
                        if (sharing) {
                            found.set(other, sharing);
                        }
                    }
                }
            }
        }
        return [...found.values()];
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        return (
            this.forcesTouched ||
            declares(document, ast.isFramework) ||
            // Whether a force has a plan changes only when a plan (or a force) is added, changed or removed.
            (this.plansTouched && declares(document, ast.isForce)) ||
            reportsWorkspaceWide(document) ||
            // Langium's own rule (a document with a reference that did not resolve may resolve it now, or one that
            // refers to a changed document), from what linking and indexing recorded rather than every reference again.
            (this.unresolved.get(document) ?? hasUnresolvedReference(document)) ||
            this.indexManager.isAffected(document, changedUris) ||
            this.unindexedLinksInto(document, changedUris)
        );
    }

    /**
     * Whether a document whose references are not (all) in the index refers into a file changed since: one whose build
     * was cancelled by an edit while or after linking it, or whose references something resolved before its build did.
     * The index cannot say (isAffected), and Langium links only the references not yet resolved: the document kept its
     * links into the file's tree before the edit, coverage was computed from that tree, and the old tree's references,
     * resolved again, were counted as the file's own (an unknown requirement reported twice, one from the text before
     * the edit). Only documents a build left unfinished are read, so an edit does not read every reference.
     */
    private unindexedLinksInto(document: LangiumDocument, changedUris: Set<string>): boolean {
        const finished =
            document.state >= DocumentState.IndexedReferences && this.buildState.get(document.uri.toString())?.completed !== false;
        if (finished || document.references.length === 0) {
            return false;
        }
        return document.references.some(reference => targetsOf(reference).some(target => changedUris.has(target.documentUri.toString())));
    }

    /**
     * An editor request waits for its document to reach the state it needs. Langium fails the request
     * (RequestFailed, "Document state of … is Parsed, requiring Validated, but workspace state is
     * already Validated") when the workspace got there first: a document opened or changed while
     * another build finished, whose own build has not started yet; and (ServerCancelled, "No document
     * found") when a file just opened has not been added yet. The writer saw an error popup on opening
     * a file. And Langium answers at once from a document built from the text before an edit when the
     * edit's build waits behind another still running: a lens, a hover, an outline a keystroke old. Here
     * the request waits for the document's own build of its text; should none bring it there, it is
     * answered with the document as it is, after a while.
     */
    protected override awaitDocumentState(state: DocumentState, uri: URI, cancelToken: CancellationToken): Promise<URI> {
        const document = this.langiumDocuments.getDocument(uri);
        const open = this.textDocuments?.get(uri.toString());
        const behind = document
            ? (document.state < state && this.currentState >= state) || editedSinceParsed(document, open)
            : open !== undefined;
        if (!behind || cancelToken.isCancellationRequested) {
            return super.awaitDocumentState(state, uri, cancelToken);
        }
        return new Promise((resolve, reject) => {
            const waits: Disposable[] = [];
            const finish = (settle: () => void) => {
                waits.forEach(w => w.dispose());
                clearTimeout(timer);
                settle();
            };
            const timer = setTimeout(() => finish(() => resolve(uri)), BEHIND_PATIENCE_MS);
            waits.push(
                this.onDocumentPhase(state, built => {
                    if (UriUtils.equals(built.uri, uri)) {
                        finish(() => resolve(uri));
                    }
                }),
                cancelToken.onCancellationRequested(() => finish(() => reject(OperationCancelled)))
            );
        });
    }

    /** Whether a file declares a force (or a plan): before the change (its last build), or, with `current`, in its text now. */
    private declaresNow(uri: URI, current: boolean, is: (e: ast.Element) => boolean, declaration: RegExp): boolean {
        const before = this.langiumDocuments.getDocument(uri);
        if (before && declares(before, is)) {
            return true;
        }
        if (!current) {
            return false;
        }
        let text: string | undefined;
        try {
            text = this.textDocuments?.get(uri.toString())?.getText() ?? this.fileSystemProvider.readFileSync(uri);
        } catch {
            return false;
        }
        return declaration.test(text);
    }
}

/** How long a request waits for a document left behind by a build before it is answered with the document as it is. */
const BEHIND_PATIENCE_MS = 10_000;

// A declaration as written in a file's text (before it is parsed): `force kent "Kent Police"`, `plan p "Plan"`.
const forceDeclaration = /(^|[\s;}])force\s+[A-Za-z_][A-Za-z0-9_-]*\s*"/;
const planDeclaration = /(^|[\s;}])plan\s+[A-Za-z_][A-Za-z0-9_-]*\s*"/;

// Problems that a change to another file can resolve: a duplicate id removed elsewhere, material that
// belongs to no force or cites another force's (a force declaration or a citation changed elsewhere),
// a requirement an edit here uncovered (covered again elsewhere).
const workspaceWideCodes = new Set(
    ['duplicate-id', 'outside-every-force', 'exhibit-other-force', 'uncovered-by-edit'].map(name => Codes[name as keyof typeof Codes].code)
);

function hasUnresolvedReference(document: LangiumDocument): boolean {
    return document.references.some(reference => reference.error !== undefined);
}

// By a document's diagnostics (a new array each validation): every document is asked on every edit.
const workspaceWide = new WeakMap<readonly Diagnostic[], boolean>();

function reportsWorkspaceWide(document: LangiumDocument): boolean {
    const diagnostics = document.diagnostics;
    if (!diagnostics) {
        return false;
    }
    let reports = workspaceWide.get(diagnostics);
    if (reports === undefined) {
        reports = diagnostics.some(d => workspaceWideCodes.has(String(d.code)));
        workspaceWide.set(diagnostics, reports);
    }
    return reports;
}
