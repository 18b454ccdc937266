/**
 * `@cacheme/core/storage` — what a storage driver needs: the driver contract with its request and
 * result types, the key-grammar rule for turning set members back into entries, the validations every
 * driver applies to a request, and the Redis glob matcher (for stores that emulate SCAN MATCH).
 * Applications need none of it; they pass a `CacheStorage` (exported from the root) to `createCacheme`.
 * Prove a driver with the conformance suite, `@cacheme/core/test-suite`.
 */
export { CachemeError, type CachemeErrorCode } from '../errors.js';
export { BASE_FIELD, FIELD_SEPARATOR, parseMemberKey } from '../key-grammar.js';
export type { DrainResult, EntryInfo, FieldInfo, KeyInfo, KeyType, Page, PageOptions, ScanPageOptions, } from './introspection.js';
export { decodeNotice, encodeNotice } from './notice-format.js';
export { redisGlobToRegExp } from './redis-glob.js';
export { type CacheStorage, type EntryRef, type InvalidateRequest, type InvalidateResult, type InvalidationNotice, type MetaKeys, NOTICE_MAX_KEYS, type NoticeListener, type NoticeSubscription, type ReadOptions, type ReadResult, type ScanOptions, SET_TTL_MARGIN_MS, type WriteRequest, } from './storage.js';
export { checkedLogMaxEntries, checkedSeq, checkedTtl, DEFAULT_LOG_MAX_ENTRIES } from './storage-checks.js';
//# sourceMappingURL=index.d.ts.map