/**
 * The Redis key layout — the one place that names Redis keys (documented in docs/architecture.md). It
 * composes names from the grammar of `key-grammar.ts`, which is where keys are parsed.
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
 * | invalidation notices          | `P+"#cm:{meta}:notices"` | pub/sub channel (not a key)      |
 *
 * Why these rules:
 * - Meta keys live under the reserved `#cm:` namespace; user keys and invalid keys may not start with it,
 *   so they cannot collide. The `{meta}` hash tag puts seq/log/floor in one Cluster slot, so the
 *   invalidation log is updated by one atomic script even on Cluster.
 * - A user key's hash part may not end in `:invalid`: `P+"User:1:invalid"` is the invalidation set of
 *   `User:1` (`User:1:invalid>x` would write a hash there), and the field `base` is reserved for keys
 *   without `>` (`A>base` would share `A`'s field). Keys are at most 8 KiB (`MAX_KEY_BYTES`).
 * - A user key may contain at most one `>`: with two, `A>b>c` and `A>b>d` would have to share a field
 *   (the seed silently collides them).
 */
import { CachemeError, quote } from './errors.js'
import {
  BASE_FIELD,
  INVALID_SUFFIX,
  invalidKeyProblem,
  type KeyProblem,
  MAX_KEY_BYTES,
  META_NAMESPACE,
  parseUserKey,
} from './key-grammar.js'
import type { EntryRef, MetaKeys } from './storage/storage.js'

/** Validates a prefix: non-empty, no `>` (so that full keys parse like user keys, see `key-grammar.ts`). */
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

const KEY_FIXES: Record<KeyProblem, (key: string) => string> = {
  empty: (key) =>
    `cache key ${quote(key)} is not a non-empty string → make the 'key' callback return a string such as 'Book:100' or 'Book:100>owner'.`,
  'reserved-namespace': (key) =>
    `cache key ${quote(key)} contains the reserved '${META_NAMESPACE}' namespace → choose another key.`,
  'reserved-suffix': (key) =>
    `cache key ${quote(key)} has a hash part ending with '${INVALID_SUFFIX}', which is reserved for invalidation sets → rename the key.`,
  'reserved-field': (key) =>
    `cache key ${quote(key)} uses the field '${BASE_FIELD}', where the key without '>' is stored → choose another field name.`,
  'several-separators': (key) =>
    `cache key ${quote(key)} contains more than one '>' → use exactly one, as in 'Main>field' (two would make 'A>b>c' and 'A>b>d' collide).`,
  'empty-side': (key) =>
    `cache key ${quote(key)} has an empty side around '>' → use 'Main>field' with both parts non-empty.`,
  'too-long': (key) =>
    `cache key ${quote(key)} is longer than ${MAX_KEY_BYTES} bytes → build keys from ids, not from whole objects (hash long parts if you must).`,
}

/**
 * Validates a user key `K` and returns where its value lives.
 * @throws CachemeError `E_INVALID_KEY` for anything but a well-formed key.
 */
export function entryRef(prefix: string, key: unknown): EntryRef {
  const parts = typeof key === 'string' ? parseUserKey(key) : 'empty'
  if (typeof parts === 'string') {
    throw new CachemeError('E_INVALID_KEY', KEY_FIXES[parts](key as string), { details: { key } })
  }
  return { fullKey: prefix + key, hash: prefix + parts.main, field: parts.field }
}

/** Validates one invalid key `I` (a string naming something that can change, e.g. `User:200`). */
export function assertInvalidKey(key: unknown): asserts key is string {
  const problem = typeof key === 'string' ? invalidKeyProblem(key) : 'empty'
  if (problem === 'empty') {
    throw new CachemeError(
      'E_INVALID_KEY',
      `invalid key ${quote(key)} is not a non-empty string → return strings such as 'User:200' (nested arrays, null and undefined are fine).`,
      { details: { key } },
    )
  }
  if (problem === 'too-long') {
    throw new CachemeError(
      'E_INVALID_KEY',
      `invalid key ${quote(key)} is longer than ${MAX_KEY_BYTES} bytes → name the row by its id, such as 'User:200'.`,
      { details: { key } },
    )
  }
  if (problem === 'reserved-namespace') {
    throw new CachemeError(
      'E_INVALID_KEY',
      `invalid key ${quote(key)} contains the reserved '${META_NAMESPACE}' namespace → choose another name.`,
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
  return { seq: `${base}seq`, log: `${base}log`, floor: `${base}floor`, notices: `${base}notices` }
}

/** A journal (a bounded LIST of records, e.g. the admin's history) named `name`. */
export function journalKey(prefix: string, name: string): string {
  return `${prefix}${META_NAMESPACE}journal:${name}`
}

/** One bucket (e.g. a minute) of the counter series `name` (a HASH of integers, e.g. hit/miss statistics). */
export function countersKey(prefix: string, name: string, bucket: string): string {
  return `${prefix}${META_NAMESPACE}counters:${name}:${bucket}`
}

/** Escapes Redis glob metacharacters so that `text` matches itself literally in a SCAN pattern. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (char) => `\\${char}`)
}

/**
 * The key layout of one prefix, built once per instance: every name the cache path and the invalidation
 * component need, without passing the prefix around.
 */
export class KeySpace {
  /** The validated prefix. */
  readonly prefix: string
  /** The race guard's meta keys of this prefix. */
  readonly meta: MetaKeys

  /** @throws CachemeError `E_INVALID_OPTION` for an invalid prefix. */
  constructor(prefix: string) {
    assertPrefix(prefix)
    this.prefix = prefix
    this.meta = metaKeys(prefix)
  }

  /** Where the value of user key `key` lives. @throws CachemeError `E_INVALID_KEY` */
  entry(key: unknown): EntryRef {
    return entryRef(this.prefix, key)
  }

  /** The full key `P+K` of a user key. */
  full(key: string): string {
    return this.prefix + key
  }

  /** The invalidation set of invalid key `I`. */
  invalidSet(invalidKey: string): string {
    return invalidSetKey(this.prefix, invalidKey)
  }

  /** The tag index set of `tag`. */
  tagSet(tag: string): string {
    return tagSetKey(this.prefix, tag)
  }

  /** The stampede lock of user key `key`. */
  lock(key: string): string {
    return lockKey(this.prefix, key)
  }

  /** A SCAN pattern: the literal prefix followed by `pattern` (a Redis glob). */
  match(pattern: string): string {
    return escapeGlob(this.prefix) + pattern
  }

  /** The SCAN pattern of every invalidation set of `model`'s keys (`P+Model+':*:invalid'`). */
  modelSets(model: string): string {
    return `${escapeGlob(this.prefix + model)}:*${INVALID_SUFFIX}`
  }

  /** The SCAN pattern of every tag index set under the prefix. */
  tagSets(): string {
    return `${escapeGlob(this.tagSet(''))}*`
  }

  /** The tag a tag index set belongs to, or `undefined` for another key. */
  tagOf(setKey: string): string | undefined {
    const base = this.tagSet('')
    return setKey.startsWith(base) && setKey.length > base.length ? setKey.slice(base.length) : undefined
  }

  /** The SCAN pattern of every invalidation set under the prefix. */
  invalidSets(): string {
    return `${escapeGlob(this.prefix)}*${INVALID_SUFFIX}`
  }

  /** The invalid key an invalidation set belongs to, or `undefined` for another key. */
  invalidKeyOf(setKey: string): string | undefined {
    if (!this.isUserSpace(setKey) || !this.isInvalidSet(setKey)) return undefined
    const key = setKey.slice(this.prefix.length, -INVALID_SUFFIX.length)
    return key.length > 0 ? key : undefined
  }

  /** The user key of a full key under this prefix, or `undefined` when it is not under it. */
  userKey(fullKey: string): string | undefined {
    return fullKey.startsWith(this.prefix) ? fullKey.slice(this.prefix.length) : undefined
  }

  /** The journal `name`. */
  journal(name: string): string {
    return journalKey(this.prefix, name)
  }

  /** Bucket `bucket` of the counter series `name`. */
  counters(name: string, bucket: string): string {
    return countersKey(this.prefix, name, bucket)
  }

  /**
   * True for keys under the prefix that are no meta keys: what pattern invalidation may touch. A key
   * containing `#cm:` anywhere after the prefix is excluded too: with prefixes `ov` and `ov:` side by
   * side, `ov:#cm:{meta}:seq` is under `ov` — and the meta keys of the other prefix must survive (user
   * keys may not contain `#cm:`, see `key-grammar.ts`).
   */
  isUserSpace(fullKey: string): boolean {
    return fullKey.startsWith(this.prefix) && !fullKey.includes(META_NAMESPACE, this.prefix.length)
  }

  /** True for an invalidation set's name. */
  isInvalidSet(key: string): boolean {
    return key.endsWith(INVALID_SUFFIX)
  }
}
