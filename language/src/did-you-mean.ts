/** Edit distance counting insertions, deletions, substitutions and swaps of neighbours (optimal string alignment). */
export function editDistance(a: string, b: string): number {
    const rows = Array.from({ length: a.length + 1 }, (_, i) =>
        Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
    );
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                best = Math.min(best, rows[i - 2]![j - 2]! + 1);
            }
            rows[i]![j] = best;
        }
    }
    return rows[a.length]![b.length]!;
}

/** The candidate closest to `text`, if one is close enough to be a plausible typo (ties go to the first in sort order). */
export function nearest(text: string, candidates: Iterable<string>): string | undefined {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        const distance = editDistance(text.toLowerCase(), candidate.toLowerCase());
        if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
            best = candidate;
            bestDistance = distance;
        }
    }
    const limit = Math.max(1, Math.floor(text.length / 3));
    return best !== undefined && bestDistance <= limit && best !== text ? best : undefined;
}
