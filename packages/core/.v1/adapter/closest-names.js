/**
 * "Did you mean …?" for error and warning messages: known names ordered by edit distance to what was
 * given (case-insensitive), so that the most likely fix is read first.
 */
/** Up to `limit` of `candidates`, closest to `name` first (ties keep the candidates' order). */
export function closestNames(name, candidates, limit = 8) {
    const target = name.toLowerCase();
    return [...new Set(candidates)]
        .map((candidate, index) => ({ candidate, index, distance: distance(target, candidate.toLowerCase()) }))
        .sort((a, b) => a.distance - b.distance || a.index - b.index)
        .slice(0, limit)
        .map((entry) => entry.candidate);
}
/** Whether `candidate` is close enough to `name` to be offered as "did you mean". */
export function isLikelyTypo(name, candidate) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    return d <= Math.max(2, Math.floor(Math.max(name.length, candidate.length) / 3));
}
/** Quotes names for a message: `'Book', 'User'`. */
export function listNames(names) {
    return names.map((name) => `'${name}'`).join(', ');
}
/** Levenshtein distance (two rows; names are short). */
function distance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i += 1) {
        const current = [i];
        for (let j = 1; j <= b.length; j += 1) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        }
        previous = current;
    }
    return previous[b.length];
}
//# sourceMappingURL=closest-names.js.map