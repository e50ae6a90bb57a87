/**
 * What an id must be to name a published file or folder on every system forces copy their sites to: one rule, used
 * by the check (GDL0010, at the id, so that `gdl check` passes only what `gdl build` will publish) and by the build's
 * writer (cli/build/write-site.ts, which also guards names no id makes).
 */

/**
 * Names Windows keeps for devices, whatever follows a dot (NUL.html is the null device): a page or folder so named,
 * from an id such as `nul` or `con`, is written on Windows to the device and lost, and a site holding one cannot be
 * copied there.
 */
export const windowsDevice = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])(\.|$)/i;

/**
 * The longest id a page is named from, in bytes of UTF-8: file systems take 255 bytes a name, and a page's file adds
 * its edition and extension (`-learner.docx`, a package's `.zip`). An id that long is a mistake, not a name.
 */
export const MAX_PAGE_ID_BYTES = 200;

/** Why `id` cannot name a published page, or undefined when it can. */
export function pageNameProblem(id: string): string | undefined {
    if (windowsDevice.test(id.trimEnd())) {
        return 'Windows keeps that name for a device (CON, PRN, AUX, NUL, COM1–9, LPT1–9), so on Windows the page would be lost and the site could not be copied there';
    }
    const bytes = Buffer.byteLength(id, 'utf8');
    if (bytes > MAX_PAGE_ID_BYTES) {
        return `it is ${bytes} bytes long, and a page's name may be at most ${MAX_PAGE_ID_BYTES} (file systems take 255 a name, with the page's edition and extension)`;
    }
    return undefined;
}
