/**
 * `@cacheme/core` — memoize functions in Redis (or memory) under keys built from their arguments, and
 * invalidate them precisely when the data they were computed from changes.
 */

export type { AdapterContext, AdapterOptions, CachemeAdapter, Detach, ModelRef } from './adapter/contract.js'
export { Cacheme, createCacheme } from './cacheme.js'
export type { CachemeConfig } from './config.js'
export type { Cached, CachemeDecorator, FunctionType, ThisOfFunction } from './decorator.js'
export { cacheme, cachemeTags, configure, defaultCacheme, invalidate } from './default-instance.js'
export { CachemeError, type CachemeErrorCode } from './errors.js'
export {
  type CachemeEventName,
  type CachemeEvents,
  type CachemeListener,
  type CachemeWarningCode,
  type InvalidationCause,
  type Logger,
  type NotStoredReason,
  silentLogger,
} from './events.js'
export type { Inspector } from './inspection/inspector.js'
export type {
  DecodedValue,
  EntryDetails,
  EntrySummary,
  InspectorPage,
  KeyKind,
  KeySummary,
  ListOptions,
  Registrations,
  TagSummary,
} from './inspection/types.js'
export { assertPattern, MAX_PATTERN_LENGTH } from './invalidation/pattern-rules.js'
export type { PatternOptions, PatternProgress, PatternResult } from './invalidation/pattern-run.js'
export type { L1Options, L1Status } from './l1/l1.js'
export type { CachemeOptions, Container, InvalidKeys, LockOptions, ResultContainer } from './options.js'
export { Counters } from './records/counters.js'
export { Journal, type JournalOptions } from './records/journal.js'
export type { ResilienceOptions } from './resilience/resilient-storage.js'
export {
  defaultSerializer,
  devalueSerializer,
  jsonSerializer,
  type RegisteredClass,
  type SerializeReport,
  type Serializer,
  type SerializerOptions,
} from './serialization/serializer.js'
export { MemoryStorage, type MemoryStorageOptions } from './storage/memory-storage.js'
export { type RedisClient, RedisStorage, type RedisStorageOptions } from './storage/redis-storage.js'
// Driver-level types (EntryRef, WriteRequest, ...) live in `@cacheme/core/storage`; the root keeps what
// applications need, and CacheStorage because the configuration takes one.
export type { CacheStorage } from './storage/storage.js'
export { Tag, TagRegistry } from './tag-registry.js'
