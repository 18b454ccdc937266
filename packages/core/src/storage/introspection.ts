/**
 * Driver-level types of the introspection and record operations of {@link CacheStorage}: what an admin
 * page needs to browse a keyspace without blocking Redis (cursor pages, key and entry descriptions, set
 * draining in bounded steps) and to keep small records of its own under the meta namespace (a bounded
 * list, counter hashes).
 *
 * Every operation here is bounded by its arguments: a page is one SCAN / SSCAN / HSCAN call, a
 * description costs one small script per key, a drain pops at most `count` members. None of them is on
 * the cache path (hit, miss, invalidation), so they add nothing to a cached call's round trips.
 */
import type { CacheStorage } from './storage.js'

/**
 * One page of a cursor-based iteration (SCAN semantics): start with cursor `'0'`; a returned cursor of
 * `'0'` means the iteration is complete. Cursors are opaque strings, valid only for the storage (and, on
 * Cluster, the topology) that returned them. Like SCAN, an item present for the whole iteration is
 * returned at least once; items added or removed meanwhile may or may not be; a page may be empty while
 * the cursor is not `'0'`.
 */
export interface Page<T> {
  readonly cursor: string
  readonly items: readonly T[]
}

/** Where a page iteration continues and how much work one call may do (the COUNT hint). */
export interface PageOptions {
  /** `'0'` to start, else the cursor of the previous page. */
  readonly cursor: string
  /** COUNT hint: roughly how many elements one call examines (bounds the server time of one call). */
  readonly count: number
}

/** Options of {@link CacheStorage.scanPage}: SCAN MATCH from a cursor. */
export interface ScanPageOptions extends PageOptions {
  /** A Redis glob pattern, already confined to the prefix and escaped by core. */
  readonly match: string
}

/** Redis key types, as TYPE names them (`'none'`: the key does not exist). */
export type KeyType = 'hash' | 'set' | 'string' | 'zset' | 'list' | 'none' | (string & {})

/** What {@link CacheStorage.describeKeys} reports about one key. */
export interface KeyInfo {
  readonly key: string
  readonly type: KeyType
  /** Milliseconds to live, or `undefined` for a persistent (or missing) key. */
  readonly ttlMs: number | undefined
  /** Elements: fields of a hash, members of a set or zset, items of a list, bytes of a string; 0 if none. */
  readonly size: number
}

/** What {@link CacheStorage.describeEntries} reports about one cached value. */
export interface EntryInfo {
  /** False when the field does not exist (or holds a Cluster pending marker, which reads treat as a miss). */
  readonly exists: boolean
  /** Payload length in bytes (0 when missing). */
  readonly bytes: number
  /** Milliseconds the value's hash has left, or `undefined` when it is persistent (or missing). */
  readonly ttlMs: number | undefined
  /**
   * The first `peekBytes` bytes of the payload (decoded as UTF-8; a character cut in half at the end
   * becomes U+FFFD), or `undefined` when missing or `peekBytes` is 0. Complete when `bytes <= peekBytes`.
   */
  readonly payload: string | undefined
}

/** One field of a hash, as {@link CacheStorage.hashPage} lists it (the value itself is not transferred). */
export interface FieldInfo {
  readonly field: string
  /** Length of the field's payload in bytes. */
  readonly bytes: number
}

/** Result of {@link CacheStorage.drainSet}. */
export interface DrainResult {
  /** Entries (hash fields) actually removed by this call. */
  readonly removed: number
  /** Members left in the set after this call (0: the set is gone). */
  readonly remaining: number
  /**
   * True when the key holds another type (it is no cacheme set): nothing was removed and the key is left
   * as it is, for the caller to report.
   */
  readonly foreign?: boolean
}
