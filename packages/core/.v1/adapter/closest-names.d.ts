/**
 * "Did you mean …?" for error and warning messages: known names ordered by edit distance to what was
 * given (case-insensitive), so that the most likely fix is read first.
 */
/** Up to `limit` of `candidates`, closest to `name` first (ties keep the candidates' order). */
export declare function closestNames(name: string, candidates: Iterable<string>, limit?: number): string[];
/** Whether `candidate` is close enough to `name` to be offered as "did you mean". */
export declare function isLikelyTypo(name: string, candidate: string): boolean;
/** Quotes names for a message: `'Book', 'User'`. */
export declare function listNames(names: readonly string[]): string;
//# sourceMappingURL=closest-names.d.ts.map