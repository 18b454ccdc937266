/**
 * What a pattern given to `invalidatePattern` (or to the inspector's browse) may be. A pattern is a Redis
 * glob applied **under the prefix**: core escapes the prefix and prepends it (`KeySpace.match`), and a
 * glob is anchored at both ends, so no pattern can match a key outside the prefix — `*`, `../*` and `\*`
 * all stay under it (`../*` matches keys that literally start with `P../`). cacheme's own meta keys
 * (`P#cm:…`) are filtered out of every match besides.
 *
 * These rules turn the cases where Redis would silently do something surprising into clear errors:
 * - empty: would mean "nothing" to a human and is a typo more often than not;
 * - longer than {@link MAX_PATTERN_LENGTH}: Redis' matcher backtracks, and a long pattern of stars can
 *   make a SCAN step slow;
 * - an unclosed `[` or a trailing lone `\`: Redis quietly extends the class to the end of the pattern (or
 *   takes the backslash literally), which is almost never what was meant;
 * - a pattern starting with the meta namespace `#cm:`: it could only ever match meta keys, which are
 *   never touched.
 */
import { CachemeError, quote } from '../errors.js';
import { META_NAMESPACE } from '../key-grammar.js';
/** The longest pattern accepted, in characters. */
export const MAX_PATTERN_LENGTH = 512;
/**
 * Validates a pattern (see the module doc). `invalidatePattern` and `inspector.browse` call it first;
 * it is exported so that a UI can reject a pattern before starting anything.
 * @throws CachemeError `E_INVALID_PATTERN` naming what is wrong and how to fix it.
 */
export function assertPattern(pattern) {
    const fail = (why) => {
        throw new CachemeError('E_INVALID_PATTERN', `pattern ${quote(pattern)} ${why}`, { details: { pattern } });
    };
    if (typeof pattern !== 'string' || pattern.length === 0) {
        fail("is empty → pass a Redis glob such as 'Book:*' (it is applied under the prefix; '*' means everything).");
    }
    const text = pattern;
    if (text.length > MAX_PATTERN_LENGTH) {
        fail(`is ${text.length} characters long → keep it under ${MAX_PATTERN_LENGTH}.`);
    }
    if (text.startsWith(META_NAMESPACE)) {
        fail(`starts with cacheme's reserved '${META_NAMESPACE}' namespace, whose keys are never matched → choose a pattern for your own keys.`);
    }
    let i = 0;
    while (i < text.length) {
        const char = text[i];
        if (char === '\\') {
            if (i === text.length - 1)
                fail("ends with a lone '\\' → escape it as '\\\\', or remove it.");
            i += 2;
        }
        else if (char === '[') {
            const close = classEnd(text, i + 1);
            if (close === -1)
                fail(`has a '[' at position ${i} that is never closed → add ']', or write '\\[' for a literal bracket.`);
            i = close + 1;
        }
        else {
            i++;
        }
    }
}
/** Index of the `]` closing a class that starts at `start` (after `[`), or -1. Escapes skip a character. */
function classEnd(text, start) {
    for (let i = start; i < text.length; i++) {
        if (text[i] === '\\')
            i++;
        else if (text[i] === ']')
            return i;
    }
    return -1;
}
//# sourceMappingURL=pattern-rules.js.map