/**
 * Redis glob patterns (the MATCH of SCAN) as JavaScript regular expressions, for {@link MemoryStorage}.
 *
 * Follows Redis' `stringmatchlen`: `*` any run, `?` one character, `[abc]` / `[^abc]` / `[a-z]` classes
 * (a reversed range such as `[z-a]` is swapped; an unclosed class ends at the end of the pattern; `[]`
 * matches nothing), and `\x` matches `x` literally, also inside classes. A trailing `\` is literal.
 *
 * Known limit: Redis matches bytes, this matches UTF-16 code units, so `?` and ranges differ for
 * characters outside ASCII. Core only builds patterns from escaped prefixes plus ASCII wildcards.
 */
/** Compiles a Redis glob pattern into an anchored RegExp with the same matches. */
export declare function redisGlobToRegExp(pattern: string): RegExp;
//# sourceMappingURL=redis-glob.d.ts.map