/**
 * `@cacheme/core/storage` — what a storage driver needs: the driver contract with its request and
 * result types, the key-grammar rule for turning set members back into entries, the validations every
 * driver applies to a request, and the Redis glob matcher (for stores that emulate SCAN MATCH).
 * Applications need none of it; they pass a `CacheStorage` (exported from the root) to `createCacheme`.
 * Prove a driver with the conformance suite, `@cacheme/core/test-suite`.
 */
export { CachemeError } from '../errors.js';
export { BASE_FIELD, FIELD_SEPARATOR, parseMemberKey } from '../key-grammar.js';
export { decodeNotice, encodeNotice } from './notice-format.js';
export { redisGlobToRegExp } from './redis-glob.js';
export { NOTICE_MAX_KEYS, SET_TTL_MARGIN_MS, } from './storage.js';
export { checkedLogMaxEntries, checkedSeq, checkedTtl, DEFAULT_LOG_MAX_ENTRIES } from './storage-checks.js';
//# sourceMappingURL=index.js.map