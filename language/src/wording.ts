/** "1 file", "2 files", "0 errors": a number with its noun in the right number, for everything users read. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
    return `${n} ${n === 1 ? noun : plural}`;
}

/**
 * `text` cut to at most `width` characters at a word boundary, with an ellipsis when cut: a
 * requirement's text in a completion list, a message or a draft's title.
 */
export function shortened(text: string, width: number): string {
    const flat = text.replace(/\s+/g, ' ').trim();
    if (flat.length <= width) {
        return flat;
    }
    const cut = flat.slice(0, width - 1);
    const space = cut.lastIndexOf(' ');
    return `${(space > width / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}
