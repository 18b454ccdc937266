/**
 * The key grammar: the one definition of how cacheme's key strings are shaped and parsed. Everything
 * that splits a key into hash and field, or decides whether a key is reserved, asks this module.
 *
 * ```
 * user key   K := main | main ">" field      (main, field: non-empty text without ">")
 * full key   F := prefix K                    (the prefix never contains ">", see `assertPrefix`)
 * entry of K    := field `field` of hash `prefix main`, or field "base" when K has no ">"
 * reserved      := keys and invalid keys starting with "#cm:" (cacheme's meta namespace);
 *                  user keys ending with ":invalid" (that is what an invalidation set is called)
 * ```
 *
 * Because a prefix contains no `>` and a user key at most one, a full key parses exactly like its user
 * key: the first `>` separates hash and field. That is why a storage can turn a set member back into an
 * entry without knowing the prefix ({@link parseMemberKey}).
 *
 * The Lua scripts of the single-Redis path need the member rule too, inside Redis: `split_member` in
 * `storage/scripts/member-lib.lua` is its mirror, and `test/storage/lua-mirror.test.ts` checks it
 * against {@link parseMemberKey} on a real Redis, so the two cannot drift apart silently.
 */
/** Separates the hash part from the field in `Main>field`. */
export const FIELD_SEPARATOR = '>';
/** Hash field of keys without `>`. */
export const BASE_FIELD = 'base';
/** Suffix of invalidation sets (`P+I+':invalid'`); user keys may not end with it. */
export const INVALID_SUFFIX = ':invalid';
/** Reserved namespace for cacheme's own keys under the prefix; user and invalid keys may not start with it. */
export const META_NAMESPACE = '#cm:';
/** Splits at the one `>`; the only place that does. */
function split(key) {
    if (key.length === 0)
        return 'empty';
    const at = key.indexOf(FIELD_SEPARATOR);
    if (at === -1)
        return { main: key, field: BASE_FIELD };
    if (key.indexOf(FIELD_SEPARATOR, at + 1) !== -1)
        return 'several-separators';
    if (at === 0 || at === key.length - 1)
        return 'empty-side';
    return { main: key.slice(0, at), field: key.slice(at + 1) };
}
/** Parses a user key `K` with every rule of the grammar. @returns its parts, or what is wrong with it. */
export function parseUserKey(key) {
    if (key.length === 0)
        return 'empty';
    if (key.startsWith(META_NAMESPACE))
        return 'reserved-namespace';
    if (key.endsWith(INVALID_SUFFIX))
        return 'reserved-suffix';
    return split(key);
}
/** What is wrong with an invalid key `I` (it may contain anything but must be non-empty and not reserved). */
export function invalidKeyProblem(key) {
    if (key.length === 0)
        return 'empty';
    return key.startsWith(META_NAMESPACE) ? 'reserved-namespace' : undefined;
}
/**
 * Hash and field of the entry a set member (a full key) names, or `undefined` for a member that cannot
 * be an entry key. Lenient by design: without the prefix it cannot check the reserved namespace or
 * suffix, so callers skip members that turn out to name keys of other types (never an error).
 */
export function parseMemberKey(member) {
    const parts = split(member);
    return typeof parts === 'string' ? undefined : { hash: parts.main, field: parts.field };
}
//# sourceMappingURL=key-grammar.js.map