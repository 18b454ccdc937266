/**
 * `@cacheme/core` — memoize functions in Redis (or memory) under keys built from their arguments, and
 * invalidate them precisely when the data they were computed from changes.
 */
export { Cacheme, createCacheme } from './cacheme.js';
export { cacheme, cachemeTags, configure, defaultCacheme, invalidate } from './default-instance.js';
export { CachemeError } from './errors.js';
export { assertPattern, MAX_PATTERN_LENGTH } from './invalidation/pattern-rules.js';
export { Counters } from './records/counters.js';
export { Journal } from './records/journal.js';
export { defaultSerializer, devalueSerializer, jsonSerializer, } from './serialization/serializer.js';
export { MemoryStorage } from './storage/memory-storage.js';
export { RedisStorage } from './storage/redis-storage.js';
export { Tag, TagRegistry } from './tag-registry.js';
//# sourceMappingURL=index.js.map