/** "1 file", "2 files", "0 errors": a number with its noun in the right number, for everything users read. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
    return `${n} ${n === 1 ? noun : plural}`;
}

/**
 * `text` cut to at most `width` characters at a word boundary, with an ellipsis when cut: a
 * requirement's text in a completion list, a message or a draft's title.
 */
export function shortened(text: string, width: number): string {
    // Only the start of a long text can show: its first few widths, flattened, decide the cut (a requirement's
    // whole text is not flattened for a message that shows sixty characters of it).
    const head =
        text.length > width * 4
            ? text
                  .slice(0, width * 4)
                  .replace(/\s+/g, ' ')
                  .trimStart()
            : undefined;
    const flat = head !== undefined && head.length > width ? head : text.replace(/\s+/g, ' ').trim();
    if (flat.length <= width) {
        return flat;
    }
    // The last space where the words before it and the ellipsis fit; a word longer than half the width is cut.
    const space = flat.lastIndexOf(' ', width - 1);
    const cut = space > width / 2 ? flat.slice(0, space) : flat.slice(0, width - 1);
    return `${cut.replace(/[\s,;:.]+$/, '')}…`;
}
