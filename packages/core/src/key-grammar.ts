/**
 * The key grammar: the one definition of how cacheme's key strings are shaped and parsed. Everything
 * that splits a key into hash and field, or decides whether a key is reserved, asks this module.
 *
 * ```
 * user key   K := main | main ">" field      (main, field: non-empty text without ">")
 * full key   F := prefix K                    (the prefix never contains ">", see `assertPrefix`)
 * entry of K    := field `field` of hash `prefix main`, or field "base" when K has no ">"
 * reserved      := keys and invalid keys containing "#cm:" (cacheme's meta namespace; pattern
 *                  invalidation skips every key containing it, so that a prefix never deletes the
 *                  meta keys of a longer prefix that starts with it);
 *                  user keys whose main ends with ":invalid" (that is what an invalidation set is
 *                  called: `Dep:2:invalid>x` would write a hash where the set of `Dep:2` lives);
 *                  the field "base" (`A>base` would share the field of `A`)
 * size          := at most MAX_KEY_BYTES (8 KiB) of UTF-8, user keys and invalid keys alike
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
export const FIELD_SEPARATOR = '>'
/** Hash field of keys without `>`. */
export const BASE_FIELD = 'base'
/** Suffix of invalidation sets (`P+I+':invalid'`); user keys may not end with it. */
export const INVALID_SUFFIX = ':invalid'
/** Reserved namespace for cacheme's own keys under the prefix; user and invalid keys may not start with it. */
export const META_NAMESPACE = '#cm:'

/**
 * The longest user key or invalid key, in UTF-8 bytes. Redis accepts keys up to 512 MB, but every key is
 * sent with every read, stored in every set it belongs to and logged with every invalidation: a key this
 * long is a bug in a `key` callback (a serialized object, say), not a name.
 */
export const MAX_KEY_BYTES = 8192

/** Hash part and field of a key. */
export interface KeyParts {
  /** The text before `>` (the whole key when there is none). */
  readonly main: string
  /** The text after `>`, or {@link BASE_FIELD}. */
  readonly field: string
}

/** Why a key is not well formed (see the grammar in the module doc). */
export type KeyProblem =
  | 'empty'
  | 'reserved-namespace'
  | 'reserved-suffix'
  | 'reserved-field'
  | 'several-separators'
  | 'empty-side'
  | 'too-long'

/** Splits at the one `>`; the only place that does. */
function split(key: string): KeyParts | KeyProblem {
  if (key.length === 0) return 'empty'
  const at = key.indexOf(FIELD_SEPARATOR)
  if (at === -1) return { main: key, field: BASE_FIELD }
  if (key.indexOf(FIELD_SEPARATOR, at + 1) !== -1) return 'several-separators'
  if (at === 0 || at === key.length - 1) return 'empty-side'
  return { main: key.slice(0, at), field: key.slice(at + 1) }
}

/** True when `text` is longer than {@link MAX_KEY_BYTES} in UTF-8 (exact length only for long texts). */
function tooLong(text: string): boolean {
  // A UTF-16 unit is at most 3 UTF-8 bytes: short keys (all real ones) never pay for byteLength.
  return text.length * 3 > MAX_KEY_BYTES && Buffer.byteLength(text, 'utf8') > MAX_KEY_BYTES
}

/** Parses a user key `K` with every rule of the grammar. @returns its parts, or what is wrong with it. */
export function parseUserKey(key: string): KeyParts | KeyProblem {
  if (key.length === 0) return 'empty'
  if (tooLong(key)) return 'too-long'
  if (key.includes(META_NAMESPACE)) return 'reserved-namespace'
  const parts = split(key)
  if (typeof parts === 'string') return parts
  // On the main part, not the whole key: `Dep:2:invalid>x` lives in the hash `Dep:2:invalid`.
  if (parts.main.endsWith(INVALID_SUFFIX)) return 'reserved-suffix'
  if (parts.field === BASE_FIELD && parts.main.length < key.length) return 'reserved-field'
  return parts
}

/** What is wrong with an invalid key `I` (it may contain anything but must be non-empty and not reserved). */
export function invalidKeyProblem(key: string): 'empty' | 'reserved-namespace' | 'too-long' | undefined {
  if (key.length === 0) return 'empty'
  if (tooLong(key)) return 'too-long'
  return key.includes(META_NAMESPACE) ? 'reserved-namespace' : undefined
}

/**
 * Hash and field of the entry a set member (a full key) names, or `undefined` for a member that cannot
 * be an entry key. Lenient by design: without the prefix it cannot check the reserved namespace or
 * suffix, so callers skip members that turn out to name keys of other types (never an error).
 */
export function parseMemberKey(member: string): { hash: string; field: string } | undefined {
  const parts = split(member)
  return typeof parts === 'string' ? undefined : { hash: parts.main, field: parts.field }
}
