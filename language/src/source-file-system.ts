import type { LangiumSharedCoreServices, URI } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import type { GdlServices } from './gdl-module.js';
import { decodeSource } from './source-text.js';

/**
 * Langium's file system for Node, reading sources as bytes and decoding them with the GDL rules
 * (`source-text.ts`): what the language server reads from disk is decoded, and its encoding
 * problems reported, exactly as `gdl check` does.
 */
export class GdlNodeFileSystemProvider extends NodeFileSystemProvider {
    constructor(private readonly shared: LangiumSharedCoreServices) {
        super();
    }

    override async readFile(uri: URI): Promise<string> {
        return this.decode(uri, await this.readBinary(uri));
    }

    override readFileSync(uri: URI): string {
        return this.decode(uri, this.readBinarySync(uri));
    }

    private decode(uri: URI, bytes: Uint8Array): string {
        const registry = this.shared.ServiceRegistry;
        const services = registry.hasServices(uri) ? (registry.getServices(uri) as Partial<GdlServices>) : undefined;
        return services?.gdl?.SourceTexts ? services.gdl.SourceTexts.read(uri, bytes) : decodeSource(bytes).text;
    }
}

/** The file system context for {@link createGdlServices} on Node (the language server and the command line). */
export const GdlNodeFileSystem = {
    fileSystemProvider: (shared: LangiumSharedCoreServices) => new GdlNodeFileSystemProvider(shared)
};
