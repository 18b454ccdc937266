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
export function redisGlobToRegExp(pattern) {
    let source = '^';
    let i = 0;
    while (i < pattern.length) {
        const char = pattern.charCodeAt(i);
        if (char === STAR) {
            // Consecutive stars are equivalent to one; collapsing them avoids needless backtracking.
            while (pattern.charCodeAt(i) === STAR)
                i++;
            source += '[\\s\\S]*';
            continue;
        }
        if (char === QUESTION) {
            source += '[\\s\\S]';
            i++;
        }
        else if (char === BACKSLASH) {
            const escaped = i + 1 < pattern.length ? pattern.charCodeAt(i + 1) : BACKSLASH;
            source += unit(escaped);
            i += i + 1 < pattern.length ? 2 : 1;
        }
        else if (char === OPEN) {
            const parsed = parseClass(pattern, i + 1);
            source += parsed.source;
            i = parsed.next;
        }
        else {
            source += unit(char);
            i++;
        }
    }
    return new RegExp(`${source}$`);
}
const STAR = 0x2a;
const QUESTION = 0x3f;
const BACKSLASH = 0x5c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const CARET = 0x5e;
const DASH = 0x2d;
/** `[...]` starting after the `[`: the RegExp class and the index after the closing `]`. */
function parseClass(pattern, start) {
    let i = start;
    const negate = pattern.charCodeAt(i) === CARET;
    if (negate)
        i++;
    let items = '';
    while (i < pattern.length) {
        const char = pattern.charCodeAt(i);
        if (char === BACKSLASH && i + 1 < pattern.length) {
            items += unit(pattern.charCodeAt(i + 1));
            i += 2;
        }
        else if (char === CLOSE) {
            return { source: classSource(negate, items), next: i + 1 };
        }
        else if (i + 2 < pattern.length && pattern.charCodeAt(i + 1) === DASH) {
            // Like Redis, the range end is taken verbatim, even if it is ']' or '\'.
            let low = char;
            let high = pattern.charCodeAt(i + 2);
            if (low > high)
                [low, high] = [high, low];
            items += `${unit(low)}-${unit(high)}`;
            i += 3;
        }
        else {
            items += unit(char);
            i++;
        }
    }
    // Unclosed: the class ends with the pattern.
    return { source: classSource(negate, items), next: i };
}
function classSource(negate, items) {
    // `[]` never matches and `[^]` matches any one unit, exactly as an empty Redis class does.
    return `[${negate ? '^' : ''}${items}]`;
}
/** One UTF-16 code unit as a RegExp escape (safe both inside and outside classes). */
function unit(code) {
    return `\\u${code.toString(16).padStart(4, '0')}`;
}
//# sourceMappingURL=redis-glob.js.map