/**
 * Where a build's files go as they are rendered: `gdl build` writes each straight into the output's staging folder
 * (cli/build/write-site.ts), so that no rendered file is held after it is made (at 10,000 requirements the outputs alone
 * were 60 MB held until the end, and the coverage page twice that as it was joined); the preview and the tests keep them
 * in memory ({@link FilesInMemory}). Either way a name given twice is a fault of the build, never a file replaced.
 */
export interface SiteSink {
    /** A whole file. */
    add(file: string, content: Buffer | string): void;
    /** A file written a piece at a time, in order (a long page): `close` when its last piece is written. */
    open(file: string): FileInPieces;
}

/** A file being written a piece at a time. */
export interface FileInPieces {
    write(piece: string): void;
    close(): void;
}

/** The refusal of a second file of one name: two pages, two forces or a page and an asset would publish the same file. */
export function publishedTwice(file: string): Error {
    return new Error(`two outputs of this build are named '${file}'`);
}

/** A build's files kept in memory, by path: what the tests and the editor's preview read. */
export class FilesInMemory implements SiteSink {
    private readonly files = new Map<string, Buffer | string>();

    add(file: string, content: Buffer | string): void {
        if (this.files.has(file)) {
            throw publishedTwice(file);
        }
        this.files.set(file, content);
    }

    open(file: string): FileInPieces {
        this.add(file, '');
        const pieces: string[] = [];
        return {
            write: piece => void pieces.push(piece),
            close: () => void this.files.set(file, pieces.join(''))
        };
    }

    /** Every file, by path, in a stable order. */
    sorted(): Map<string, Buffer | string> {
        return new Map([...this.files.entries()].sort(([a], [b]) => a.localeCompare(b)));
    }
}
