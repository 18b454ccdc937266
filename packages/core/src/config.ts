/**
 * Configuration: what `createCacheme(config)` accepts, and how defaults apply. An instance's
 * configuration is fixed when it is created; only the default instance's `configure()` may replace it,
 * before its first storage I/O, and it merges over the previous one (`configure({ prefix })` keeps the
 * storage).
 */
import { CachemeError, quote } from './errors.js'
import { type Logger, silentLogger } from './events.js'
import { assertPrefix, metaKeys } from './key.js'
import type { ResilienceOptions } from './resilience/resilient-storage.js'
import { defaultSerializer, type Serializer } from './serialization/serializer.js'
import { MemoryStorage } from './storage/memory-storage.js'
import type { CacheStorage, MetaKeys } from './storage/storage.js'

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
  /** pino-compatible logger. Default: silent. */
  logger?: Logger
  /** Undelivered invalid keys kept for retry before collapsing into "invalidate everything". Default 10000. */
  maxPendingInvalidations?: number
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
  readonly breakerThreshold: number
  readonly breakerCooldownMs: number
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
    logger: config.logger ?? previous?.logger ?? silentLogger,
    meta: metaKeys(prefix),
    operationTimeoutMs: positive('operationTimeoutMs', 1000),
    maxPendingInvalidations: positive('maxPendingInvalidations', 10_000),
    breakerThreshold: positive('breakerThreshold', 5),
    breakerCooldownMs: positive('breakerCooldownMs', 5000),
  })
}
