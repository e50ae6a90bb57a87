/**
 * Adding many items to an array without spreading them into a call's arguments. `target.push(...items)`,
 * `splice(i, n, ...items)` and `Math.min(...numbers)` pass every item as an argument on the stack, and past about
 * 100,000 items (a prose block of that many lines, a run of that many comments, a list of that many items: a file of
 * a megabyte or two) the call throws "Maximum call stack size exceeded". ESLint refuses those spreads
 * (eslint.config.mjs); these are the ways to do the same with any number of items.
 */

/** Adds `items` at the end of `target` (as `target.push(...items)`), and returns `target`. */
export function append<T>(target: T[], items: Iterable<T>): T[] {
    for (const item of items) {
        target.push(item);
    }
    return target;
}

// Up to this many items, a spread is far from the stack's limit and the engine's own splice is fastest.
const SPREAD_SAFE = 10_000;

/**
 * Removes `deleteCount` items at `index` and puts `items` in their place (as `target.splice(index, deleteCount,
 * ...items)`). Like splice it moves the rest of the array: a loop that puts many runs into one long array should
 * build a new array instead.
 */
export function replaceAt<T>(target: T[], index: number, deleteCount: number, items: readonly T[]): void {
    if (items.length <= SPREAD_SAFE) {
        // eslint-disable-next-line no-restricted-syntax -- bounded above
        target.splice(index, deleteCount, ...items);
        return;
    }
    const after = target.splice(index, target.length - index);
    append(target, items);
    append(target, after.slice(deleteCount));
}

/** The smallest of `numbers`, or `none` (0 unless given) when there are none (as `Math.min(...numbers)`, without its limit). */
export function smallest(numbers: Iterable<number>, none = 0): number {
    let least: number | undefined;
    for (const n of numbers) {
        least = least === undefined || n < least ? n : least;
    }
    return least ?? none;
}

/** The largest of `numbers`, or `none` (0 unless given) when there are none (as `Math.max(...numbers)`, without its limit). */
export function largest(numbers: Iterable<number>, none = 0): number {
    let most: number | undefined;
    for (const n of numbers) {
        most = most === undefined || n > most ? n : most;
    }
    return most ?? none;
}
