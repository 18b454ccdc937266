/**
 * The internal seam between `Cacheme` (configuration, public API) and the parts that do the work
 * (cached calls, invalidation, tags). Not exported from the package.
 */
import type { CachemeEventName, CachemeEvents, Logger } from './events.js';
import type { Serializer } from './serialization/serializer.js';
import type { CacheStorage, MetaKeys } from './storage/storage.js';
/** Configuration with every default applied. */
export interface ResolvedConfig {
    readonly storage: CacheStorage;
    readonly prefix: string;
    readonly enabled: boolean;
    readonly serializer: Serializer;
    readonly logger: Logger;
    readonly meta: MetaKeys;
    readonly operationTimeoutMs: number;
    readonly maxPendingInvalidations: number;
    readonly breakerThreshold: number;
    readonly breakerCooldownMs: number;
}
export interface Engine {
    /** The current configuration (it can change through `configure`, so read it at call time). */
    readonly config: ResolvedConfig;
    /**
     * Runs a storage operation with the timeout and circuit breaker.
     * @throws CachemeError `E_STORAGE_UNAVAILABLE` / `E_STORAGE_TIMEOUT`
     */
    run<T>(name: string, operation: (storage: CacheStorage, meta: MetaKeys) => Promise<T>): Promise<T>;
    /** True when cached calls may use the storage (breaker closed, no undelivered invalidations). */
    readonly storageUsable: boolean;
    emit<E extends CachemeEventName>(event: E, payload: CachemeEvents[E]): void;
    /**
     * Local invalidation epoch: bumped when an invalidation of this instance starts. A call never joins an
     * in-flight computation of an older epoch (it may have read rows from before the change).
     */
    readonly epoch: number;
    /** Starts a new epoch (called synchronously when an invalidation begins). */
    bumpEpoch(): void;
    /** Settles when the background deliveries started so far are done; `undefined` when there are none. */
    backgroundDeliveries(): Promise<void> | undefined;
    /** Reports a recovered error: `error` event + log. */
    report(error: unknown, operation: string, key?: string): void;
}
//# sourceMappingURL=engine.d.ts.map