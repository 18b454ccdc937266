/**
 * The Redis key layout — the one place that knows it (documented in docs/architecture.md).
 *
 * `P` = prefix (default `CM:`), `K` = the user key returned by the `key` callback, full key `F = P + K`.
 *
 * | what                          | Redis key                | type   | content                         |
 * |-------------------------------|--------------------------|--------|---------------------------------|
 * | value, `K` without `>`        | `P+K`                    | HASH   | field `base` -> payload         |
 * | value, `K = "Main>field"`     | `P+"Main"`               | HASH   | field `field` -> payload        |
 * | invalidation set of `I`       | `P+I+":invalid"`         | SET    | full keys `F` depending on `I`  |
 * | tag index of `T`              | `P+"#cm:tag:"+T`         | SET    | full keys cached under `T`      |
 * | stampede lock of `K`          | `P+"#cm:lock:"+K`        | STRING | owner token, with a TTL         |
 * | invalidation sequence         | `P+"#cm:{meta}:seq"`     | STRING | INCR counter (race guard)       |
 * | invalidation log              | `P+"#cm:{meta}:log"`     | ZSET   | guard name -> sequence          |
 * | log floor                     | `P+"#cm:{meta}:floor"`   | STRING | highest trimmed sequence        |
 *
 * Why these rules:
 * - Meta keys live under the reserved `#cm:` namespace; user keys and invalid keys may not start with it,
 *   so they cannot collide. The `{meta}` hash tag puts seq/log/floor in one Cluster slot, so the
 *   invalidation log is updated by one atomic script even on Cluster.
 * - A user key may not end in `:invalid`: `P+"User:1:invalid"` would be the invalidation set of `User:1`.
 * - A user key may contain at most one `>`: with two, `A>b>c` and `A>b>d` would have to share a field
 *   (the seed silently collides them).
 */
import { CachemeError, quote } from './errors.js'
import type { EntryRef, MetaKeys } from './storage/storage.js'

/** Reserved namespace for cacheme's own keys under the prefix. */
export const META_NAMESPACE = '#cm:'
/** Suffix of invalidation sets. */
export const INVALID_SUFFIX = ':invalid'
/** Hash field used for keys without `>`. */
export const BASE_FIELD = 'base'
/** Guard name that every miss checks: logged by pattern invalidations. */
export const GLOBAL_GUARD = '*'

/** Validates a prefix: non-empty, no `>`, not in the reserved namespace. */
export function assertPrefix(prefix: unknown): asserts prefix is string {
  if (typeof prefix !== 'string' || prefix.length === 0) {
    throw new CachemeError(
      'E_INVALID_OPTION',
      `prefix ${quote(prefix)} is not a non-empty string → pass a prefix such as 'CM:' (it confines every key cacheme writes or deletes).`,
    )
  }
  if (prefix.includes('>')) {
    throw new CachemeError(
      'E_INVALID_OPTION',
      `prefix ${quote(prefix)} contains '>' → remove it: '>' separates the hash key from the field in user keys.`,
    )
  }
}

/**
 * Validates a user key `K` and returns where its value lives.
 * @throws CachemeError `E_INVALID_KEY` for anything but a well-formed key.
 */
export function entryRef(prefix: string, key: unknown): EntryRef {
  if (typeof key !== 'string' || key.length === 0) {
    throw new CachemeError(
      'E_INVALID_KEY',
      `cache key ${quote(key)} is not a non-empty string → make the 'key' callback return a string such as 'Book:100' or 'Book:100>owner'.`,
      { details: { key } },
    )
  }
  if (key.startsWith(META_NAMESPACE)) {
    throw new CachemeError(
      'E_INVALID_KEY',
      `cache key ${quote(key)} starts with the reserved '${META_NAMESPACE}' namespace → choose another key.`,
      { details: { key } },
    )
  }
  if (key.endsWith(INVALID_SUFFIX)) {
    throw new CachemeError(
      'E_INVALID_KEY',
      `cache key ${quote(key)} ends with '${INVALID_SUFFIX}', which is reserved for invalidation sets → rename the key.`,
      { details: { key } },
    )
  }
  const first = key.indexOf('>')
  if (first === -1) return { fullKey: prefix + key, hash: prefix + key, field: BASE_FIELD }
  if (key.indexOf('>', first + 1) !== -1) {
    throw new CachemeError(
      'E_INVALID_KEY',
      `cache key ${quote(key)} contains more than one '>' → use exactly one, as in 'Main>field' (two would make 'A>b>c' and 'A>b>d' collide).`,
      { details: { key } },
    )
  }
  const main = key.slice(0, first)
  const field = key.slice(first + 1)
  if (main.length === 0 || field.length === 0) {
    throw new CachemeError(
      'E_INVALID_KEY',
      `cache key ${quote(key)} has an empty side around '>' → use 'Main>field' with both parts non-empty.`,
      { details: { key } },
    )
  }
  return { fullKey: prefix + key, hash: prefix + main, field }
}

/**
 * Parses a full key found in a set back into its entry (the inverse of {@link entryRef}), or `undefined`
 * when the member is not a well-formed entry key under `prefix`.
 */
export function parseFullKey(prefix: string, fullKey: string): EntryRef | undefined {
  if (!fullKey.startsWith(prefix)) return undefined
  try {
    return entryRef(prefix, fullKey.slice(prefix.length))
  } catch {
    return undefined
  }
}

/** Validates one invalid key `I` (a string naming something that can change, e.g. `User:200`). */
export function assertInvalidKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) {
    throw new CachemeError(
      'E_INVALID_KEY',
      `invalid key ${quote(key)} is not a non-empty string → return strings such as 'User:200' (nested arrays, null and undefined are fine).`,
      { details: { key } },
    )
  }
  if (key.startsWith(META_NAMESPACE)) {
    throw new CachemeError(
      'E_INVALID_KEY',
      `invalid key ${quote(key)} starts with the reserved '${META_NAMESPACE}' namespace → choose another name.`,
      { details: { key } },
    )
  }
}

/**
 * Flattens what an `invalidKeys` callback returned (a string or nested arrays of strings; `null` and
 * `undefined` dropped) into unique, validated invalid keys.
 */
export function normalizeInvalidKeys(value: unknown): string[] {
  const out = new Set<string>()
  const visit = (item: unknown, depth: number): void => {
    if (item === null || item === undefined) return
    if (Array.isArray(item)) {
      if (depth > 32) {
        throw new CachemeError(
          'E_INVALID_KEY',
          'invalid keys are nested deeper than 32 levels → flatten them.',
        )
      }
      for (const inner of item) visit(inner, depth + 1)
      return
    }
    assertInvalidKey(item)
    out.add(item)
  }
  visit(value, 0)
  return [...out]
}

/** The invalidation set of invalid key `I`. */
export function invalidSetKey(prefix: string, invalidKey: string): string {
  return prefix + invalidKey + INVALID_SUFFIX
}

/** The tag index set of tag `T`. */
export function tagSetKey(prefix: string, tag: string): string {
  return `${prefix}${META_NAMESPACE}tag:${tag}`
}

/** The cross-process stampede lock of user key `K` (a STRING holding the owner's token). */
export function lockKey(prefix: string, key: string): string {
  return `${prefix}${META_NAMESPACE}lock:${key}`
}

/** The meta keys of a prefix. */
export function metaKeys(prefix: string): MetaKeys {
  const base = `${prefix}${META_NAMESPACE}{meta}:`
  return { seq: `${base}seq`, log: `${base}log`, floor: `${base}floor` }
}

/**
 * The race-guard names a miss depends on: each invalid key, the model part of each invalid key (the text
 * before its first `:`, invalidated as a whole by `invalidateModel`) and the tag.
 */
export function guardNames(invalidKeys: readonly string[], tag: string): string[] {
  const out = new Set<string>([`t:${tag}`])
  for (const key of invalidKeys) {
    out.add(`k:${key}`)
    const colon = key.indexOf(':')
    out.add(`m:${colon === -1 ? key : key.slice(0, colon)}`)
  }
  return [...out]
}

/** Escapes Redis glob metacharacters so that `text` matches itself literally in a SCAN pattern. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (char) => `\\${char}`)
}
