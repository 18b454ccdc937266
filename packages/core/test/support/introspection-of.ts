/**
 * The introspection and record operations of a real storage, bound to it, for test doubles that wrap a
 * storage and only change its cache path (they must still be a complete `CacheStorage`).
 */
import type { CacheStorage } from '../../src/storage/index.js'

type IntrospectionOps = Pick<
  CacheStorage,
  | 'scanPage'
  | 'setPage'
  | 'hashPage'
  | 'describeKeys'
  | 'describeEntries'
  | 'isMember'
  | 'drainSet'
  | 'pushList'
  | 'listRange'
  | 'addCounters'
  | 'readCounters'
>

export function introspectionOf(real: CacheStorage): IntrospectionOps {
  return {
    scanPage: (options) => real.scanPage(options),
    setPage: (set, options) => real.setPage(set, options),
    hashPage: (hash, options) => real.hashPage(hash, options),
    describeKeys: (keys) => real.describeKeys(keys),
    describeEntries: (entries, peekBytes) => real.describeEntries(entries, peekBytes),
    isMember: (sets, member) => real.isMember(sets, member),
    drainSet: (set, count) => real.drainSet(set, count),
    pushList: (key, value, maxLength) => real.pushList(key, value, maxLength),
    listRange: (key, offset, count) => real.listRange(key, offset, count),
    addCounters: (key, increments, ttlMs) => real.addCounters(key, increments, ttlMs),
    readCounters: (keys) => real.readCounters(keys),
  }
}
