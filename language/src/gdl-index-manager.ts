import { DefaultIndexManager, type AstNodeDescription, type LangiumDocument, type URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { namespaceOf } from './id-index.js';

/**
 * Langium's index, with what each edit asks of it kept up to date file by file instead of recomputed from every
 * file: which files each file refers to (Langium's `isAffected` read every reference of every file on each edit),
 * and every definition by its name (the duplicate-id check, rename and the draft section rebuilt that map from every
 * export on each edit, and Langium's global scope, gdl-scope.ts, from every export of each type it was asked for).
 * At 43 forces these were about a third of an edit's time.
 */
export class GdlIndexManager extends DefaultIndexManager {
    /** Per file: the other files its references point to. */
    private readonly targets = new Map<string, ReadonlySet<string>>();
    /**
     * Per exported name: its definitions, as a list while one file defines it (almost every name: their file is the
     * list's), or the files defining it with their definitions of it. A map per name was 7 MB at 10,000 requirements.
     */
    private readonly byName = new Map<string, AstNodeDescription[] | Map<string, AstNodeDescription[]>>();
    /** Per file: the ids it defines (to take them out when it changes) and its place in the index's order. */
    private readonly namesOf = new Map<string, readonly string[]>();
    private readonly order = new Map<string, number>();
    private next = 0;
    /**
     * Per exported name defined in more than one file: its definitions in the index's order, as {@link exportedAs}
     * gives them; dropped when a file defining the name is indexed again or removed. Every reference to such a name
     * (a section id each force defines) sorted and joined the files' lists again when it was linked.
     */
    private readonly ordered = new Map<string, AstNodeDescription[]>();

    override async updateContent(document: LangiumDocument, cancelToken?: CancellationToken): Promise<void> {
        await super.updateContent(document, cancelToken);
        const uri = document.uri.toString();
        this.forgetNames(uri);
        if (!this.order.has(uri)) {
            this.order.set(uri, this.next++);
        }
        const mine = new Map<string, AstNodeDescription[]>();
        for (const description of this.symbolIndex.get(uri) ?? []) {
            const key = description.name;
            mine.set(key, [...(mine.get(key) ?? []), description]);
        }
        for (const [key, descriptions] of mine) {
            this.ordered.delete(key);
            const defined = this.byName.get(key);
            if (!defined) {
                this.byName.set(key, descriptions);
            } else if (Array.isArray(defined)) {
                this.byName.set(
                    key,
                    new Map([
                        [fileOf(defined), defined],
                        [uri, descriptions]
                    ])
                );
            } else {
                defined.set(uri, descriptions);
            }
        }
        this.namesOf.set(uri, [...mine.keys()]);
    }

    override async updateReferences(document: LangiumDocument, cancelToken?: CancellationToken): Promise<void> {
        await super.updateReferences(document, cancelToken);
        const uri = document.uri.toString();
        const targets = new Set<string>();
        for (const reference of this.referenceIndex.get(uri) ?? []) {
            if (!reference.local) {
                targets.add(reference.targetUri.toString());
            }
        }
        this.targets.set(uri, targets);
    }

    override removeContent(uri: URI): void {
        super.removeContent(uri);
        this.forgetNames(uri.toString());
        this.order.delete(uri.toString());
    }

    override removeReferences(uri: URI): void {
        super.removeReferences(uri);
        this.targets.delete(uri.toString());
    }

    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        const targets = this.targets.get(document.uri.toString());
        if (!targets) {
            return super.isAffected(document, changedUris);
        }
        for (const changed of changedUris) {
            if (targets.has(changed)) {
                return true;
            }
        }
        return false;
    }

    /** Every definition sharing the id namespace of `type` and the name, in the index's order of files. */
    definitionsNamed(type: string, name: string): AstNodeDescription[] {
        const namespace = namespaceOf(type);
        return this.exportedAs(name).filter(d => namespaceOf(d.type) === namespace);
    }

    /**
     * Every definition exported under `name`, whatever its type, in the order of Langium's `allElements` (files in
     * the index's order, each file's in its order): the first of a type is the one a reference to that name resolves to.
     * Shared: never change the array.
     */
    exportedAs(name: string): AstNodeDescription[] {
        const files = this.byName.get(name);
        if (!files) {
            return [];
        }
        if (Array.isArray(files)) {
            return files;
        }
        if (files.size === 1) {
            return files.values().next().value!;
        }
        let all = this.ordered.get(name);
        if (!all) {
            all = [...files].sort((a, b) => (this.order.get(a[0]) ?? 0) - (this.order.get(b[0]) ?? 0)).flatMap(([, d]) => d);
            this.ordered.set(name, all);
        }
        return all;
    }

    /** The names a file exports (its ids), as it was last indexed. */
    namesDefinedIn(uri: string): readonly string[] {
        return this.namesOf.get(uri) ?? [];
    }

    /** The files that export `name`, when more than one does; none otherwise. */
    filesDefining(name: string): readonly string[] {
        const files = this.byName.get(name);
        return files && !Array.isArray(files) && files.size > 1 ? [...files.keys()] : [];
    }

    private forgetNames(uri: string): void {
        for (const key of this.namesOf.get(uri) ?? []) {
            this.ordered.delete(key);
            const files = this.byName.get(key);
            if (Array.isArray(files) ? fileOf(files) === uri : files?.delete(uri) && files.size === 0) {
                this.byName.delete(key);
            }
        }
        this.namesOf.delete(uri);
    }
}

/** The file of a list of definitions from one file. */
function fileOf(descriptions: readonly AstNodeDescription[]): string {
    return descriptions[0]!.documentUri.toString();
}
