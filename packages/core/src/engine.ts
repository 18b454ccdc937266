/**
 * The internal seam between `Cacheme` (configuration, public API) and the parts that do the work
 * (cached calls, invalidation, tags). Not exported from the package.
 */
import type { CachemeEventName, CachemeEvents, Logger } from './events.js'
import type { Serializer } from './serialization/serializer.js'
import type { CacheStorage, MetaKeys } from './storage/storage.js'

/** Configuration with every default applied. */
export interface ResolvedConfig {
  readonly storage: CacheStorage
  readonly prefix: string
  readonly enabled: boolean
  readonly serializer: Serializer
  readonly logger: Logger
  readonly meta: MetaKeys
  readonly operationTimeoutMs: number
  readonly maxPendingInvalidations: number
  readonly breakerThreshold: number
  readonly breakerCooldownMs: number
}

export interface Engine {
  /** The current configuration (it can change through `configure`, so read it at call time). */
  readonly config: ResolvedConfig
  /**
   * Runs a storage operation with the timeout and circuit breaker.
   * @throws CachemeError `E_STORAGE_UNAVAILABLE` / `E_STORAGE_TIMEOUT`
   */
  run<T>(name: string, operation: (storage: CacheStorage, meta: MetaKeys) => Promise<T>): Promise<T>
  /** True when cached calls may use the storage (breaker closed, no undelivered invalidations). */
  readonly storageUsable: boolean
  emit<E extends CachemeEventName>(event: E, payload: CachemeEvents[E]): void
  /** Reports a recovered error: `error` event + log. */
  report(error: unknown, operation: string, key?: string): void
}
