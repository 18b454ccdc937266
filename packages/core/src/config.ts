/**
 * Configuration: what `createCacheme(config)` accepts, and how defaults apply. An instance's
 * configuration is fixed when it is created; only the default instance's `configure()` may replace it,
 * before its first storage I/O, and it merges over the previous one (`configure({ prefix })` keeps the
 * storage).
 */

import { createDefaultLogger } from './default-logger.js'
import { CachemeError, quote } from './errors.js'
import type { Logger } from './events.js'
import { assertPrefix, metaKeys } from './key.js'
import type { L1Options } from './l1/l1.js'
import type { ResilienceOptions } from './resilience/resilient-storage.js'
import { defaultSerializer, type Serializer } from './serialization/serializer.js'
import { MemoryStorage } from './storage/memory-storage.js'
import type { CacheStorage, MetaKeys } from './storage/storage.js'

/** Default of {@link CachemeConfig.maxValueBytes}: 8 MiB. */
export const DEFAULT_MAX_VALUE_BYTES = 8 * 1024 * 1024

/** Configuration of a cacheme instance. Every field is optional. */
export interface CachemeConfig extends ResilienceOptions {
  /** Where values live. Default: a new `MemoryStorage` (embedded, per process). */
  storage?: CacheStorage
  /** Prefix of every key cacheme writes or deletes. Default `'CM:'`. */
  prefix?: string
  /** `false`: functions run uncached, no storage I/O, invalidation is a no-op. Default `true`. */
  enabled?: boolean
  /** Value encoding. Default: `defaultSerializer()` (JSON fast path; keeps Date, BigInt, Map, Set, Buffer, undefined). */
  serializer?: Serializer
  /**
   * pino-compatible logger. Default: each kind of problem once per instance as a Node.js process warning
   * (`CachemeWarning`; errors once per code, nothing while an `error` listener is attached); pass
   * `silentLogger` for none.
   */
  logger?: Logger
  /** Undelivered invalid keys kept for retry before collapsing into "invalidate everything". Default 10000. */
  maxPendingInvalidations?: number
  /**
   * Largest serialized value cached, in bytes (UTF-8). A larger one is returned to the caller but not
   * cached, with an `E_SERIALIZATION` error event: a huge value blocks Redis and the network on every
   * hit. Default 8 MiB (8388608).
   */
  maxValueBytes?: number
  /**
   * Opt-in in-process tier for hot keys: `{ max, ttl, maxLagMs? }` — up to `max` payloads kept in this
   * process for `ttl` seconds at most, dropped when any process invalidates them (storage notices).
   * Trade-off: another process's completed invalidation reaches this tier after the notice's delay
   * (sub-millisecond on loopback, bounded by `maxLagMs`, default 100, when pub/sub lags), so this process
   * may serve the old value that long. Needs a storage with notices (RedisStorage, MemoryStorage).
   */
  l1?: L1Options
}

/** Configuration with every default applied (`cm.config`). */
export interface ResolvedConfig {
  readonly storage: CacheStorage
  readonly prefix: string
  readonly enabled: boolean
  readonly serializer: Serializer
  readonly logger: Logger
  /** The race guard's meta keys under `prefix` (for inspection; core binds them once, in its storage layer). */
  readonly meta: MetaKeys
  readonly operationTimeoutMs: number
  readonly maxPendingInvalidations: number
  readonly maxValueBytes: number
  readonly breakerThreshold: number
  readonly breakerCooldownMs: number
  /** The in-process tier, or `undefined` when off. */
  readonly l1: Readonly<Required<L1Options>> | undefined
}

/**
 * Applies defaults (or the previous configuration's values) and validates.
 * @throws CachemeError `E_INVALID_OPTION` naming the offending option.
 */
export function resolveConfig(config: CachemeConfig, previous: ResolvedConfig | undefined): ResolvedConfig {
  if (typeof config !== 'object' || config === null) {
    throw new CachemeError(
      'E_INVALID_OPTION',
      `configuration ${quote(config)} is not an object → pass e.g. { prefix: 'CM:' }.`,
    )
  }
  const prefix = config.prefix ?? previous?.prefix ?? 'CM:'
  assertPrefix(prefix)
  const positive = (name: keyof CachemeConfig & keyof ResolvedConfig, fallback: number): number => {
    const value = config[name] ?? previous?.[name] ?? fallback
    if (typeof value !== 'number' || !(value > 0)) {
      throw new CachemeError('E_INVALID_OPTION', `'${name}' is ${quote(value)} → pass a positive number.`)
    }
    return value
  }
  const storage = config.storage ?? previous?.storage ?? new MemoryStorage()
  if (typeof storage?.read !== 'function' || typeof storage.write !== 'function') {
    throw new CachemeError(
      'E_INVALID_OPTION',
      `'storage' is ${quote(storage)} → pass new RedisStorage(redis) or new MemoryStorage().`,
    )
  }
  return Object.freeze({
    storage,
    prefix,
    enabled: config.enabled ?? previous?.enabled ?? true,
    serializer: config.serializer ?? previous?.serializer ?? defaultSerializer(),
    logger: config.logger ?? previous?.logger ?? createDefaultLogger(),
    meta: metaKeys(prefix),
    operationTimeoutMs: positive('operationTimeoutMs', 1000),
    maxPendingInvalidations: positive('maxPendingInvalidations', 10_000),
    maxValueBytes: positive('maxValueBytes', DEFAULT_MAX_VALUE_BYTES),
    breakerThreshold: positive('breakerThreshold', 5),
    breakerCooldownMs: positive('breakerCooldownMs', 1000),
    l1: resolveL1(config.l1 ?? previous?.l1, storage),
  })
}

/**
 * The `l1` option, validated, with defaults.
 * @throws CachemeError `E_INVALID_OPTION` for bad values or a storage without notices.
 */
function resolveL1(l1: L1Options | undefined, storage: CacheStorage): Required<L1Options> | undefined {
  if (l1 === undefined) return undefined
  const fail = (what: string, fix: string): never => {
    throw new CachemeError('E_INVALID_OPTION', `'l1' ${what} → ${fix}`)
  }
  if (typeof l1 !== 'object' || l1 === null) fail(`is ${quote(l1)}`, 'pass { max: 10000, ttl: 60 }.')
  if (!Number.isSafeInteger(l1.max) || l1.max < 1) {
    fail(`max is ${quote(l1.max)}`, 'pass the most entries to keep in process, a positive integer.')
  }
  if (typeof l1.ttl !== 'number' || !Number.isFinite(l1.ttl) || l1.ttl <= 0) {
    fail(`ttl is ${quote(l1.ttl)}`, 'pass the seconds an entry may stay in process, a positive number.')
  }
  const maxLagMs = l1.maxLagMs ?? 100
  if (typeof maxLagMs !== 'number' || !Number.isFinite(maxLagMs) || maxLagMs <= 0) {
    fail(`maxLagMs is ${quote(maxLagMs)}`, 'pass a positive number of milliseconds, or leave it out (100).')
  }
  const notices = ['subscribe', 'publish', 'readSequence'] as const
  if (!notices.every((method) => typeof storage[method] === 'function')) {
    fail(
      `needs a storage with invalidation notices, and ${quote(storage.name)} has none`,
      'use RedisStorage (or MemoryStorage), or leave l1 out.',
    )
  }
  return Object.freeze({ max: l1.max, ttl: l1.ttl, maxLagMs })
}
