import JSZip from 'jszip';

/**
 * A zip of the files in the order given, every entry stamped with the build's date (not the clock) and
 * deflated at one fixed level, so that the same sources give a byte-identical package.
 */
export async function packageZip(files: ReadonlyArray<readonly [string, Buffer | string]>, date: string): Promise<Buffer> {
    const zip = new JSZip();
    const stamp = new Date(`${date}T12:00:00Z`);
    for (const [name, content] of files) {
        // No folder entries of their own: JSZip would stamp them separately, and platforms need only the files.
        zip.file(name, content, { date: stamp, createFolders: false });
    }
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
}
