/** "1 file", "2 files", "0 errors": a number with its noun in the right number, for everything users read. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
    return `${n} ${n === 1 ? noun : plural}`;
}
