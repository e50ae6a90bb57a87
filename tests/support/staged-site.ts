import { StagedSite } from '../../cli/build/write-site.js';

/**
 * Every file of `files` (and the marker that says `gdl build` wrote the folder) staged beside `out` and swapped in, as
 * `gdl build` writes its pages ({@link StagedSite}); a failure abandons the staging, leaving `out` as it was.
 */
export async function writeSiteAtomically(
    out: string,
    files: Map<string, Buffer | string>,
    verify: () => Promise<void> = async () => undefined
): Promise<void> {
    const site = await StagedSite.open(out);
    try {
        for (const [file, content] of files) {
            site.add(file, content);
        }
    } catch (error) {
        await site.abandon();
        throw error;
    }
    await site.commit(verify);
}
