import { DefaultLangiumDocuments, stream, type LangiumDocument, type Stream, type URI } from 'langium';

/**
 * Langium's documents, with the list of every document kept until one is added or removed. Langium walks its tree of
 * URIs again for each call, and a build asks many times (which documents to rebuild, the coverage, the declared
 * Acts): at 43 forces that was a twentieth of an edit's time. A changed document is the same object, changed in place.
 */
export class GdlLangiumDocuments extends DefaultLangiumDocuments {
    private list: readonly LangiumDocument[] | undefined;

    override get all(): Stream<LangiumDocument> {
        this.list ??= super.all.toArray();
        return stream(this.list);
    }

    override addDocument(document: LangiumDocument): void {
        this.list = undefined;
        super.addDocument(document);
    }

    override deleteDocument(uri: URI): LangiumDocument | undefined {
        this.list = undefined;
        return super.deleteDocument(uri);
    }

    override deleteDocuments(folder: URI): LangiumDocument[] {
        this.list = undefined;
        return super.deleteDocuments(folder);
    }
}
