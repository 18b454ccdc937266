import { type Logger } from './events.js';
import type { L1Options } from './l1/l1.js';
import type { ResilienceOptions } from './resilience/resilient-storage.js';
import { type Serializer } from './serialization/serializer.js';
import type { CacheStorage, MetaKeys } from './storage/storage.js';
/** Configuration of a cacheme instance. Every field is optional. */
export interface CachemeConfig extends ResilienceOptions {
    /** Where values live. Default: a new `MemoryStorage` (embedded, per process). */
    storage?: CacheStorage;
    /** Prefix of every key cacheme writes or deletes. Default `'CM:'`. */
    prefix?: string;
    /** `false`: functions run uncached, no storage I/O, invalidation is a no-op. Default `true`. */
    enabled?: boolean;
    /** Value encoding. Default: `defaultSerializer()` (JSON fast path; keeps Date, BigInt, Map, Set, Buffer, undefined). */
    serializer?: Serializer;
    /** pino-compatible logger. Default: silent. */
    logger?: Logger;
    /** Undelivered invalid keys kept for retry before collapsing into "invalidate everything". Default 10000. */
    maxPendingInvalidations?: number;
    /**
     * Opt-in in-process tier for hot keys: `{ max, ttl, maxLagMs? }` — up to `max` payloads kept in this
     * process for `ttl` seconds at most, dropped when any process invalidates them (storage notices).
     * Trade-off: another process's completed invalidation reaches this tier after the notice's delay
     * (sub-millisecond on loopback, bounded by `maxLagMs`, default 100, when pub/sub lags), so this process
     * may serve the old value that long. Needs a storage with notices (RedisStorage, MemoryStorage).
     */
    l1?: L1Options;
}
/** Configuration with every default applied (`cm.config`). */
export interface ResolvedConfig {
    readonly storage: CacheStorage;
    readonly prefix: string;
    readonly enabled: boolean;
    readonly serializer: Serializer;
    readonly logger: Logger;
    /** The race guard's meta keys under `prefix` (for inspection; core binds them once, in its storage layer). */
    readonly meta: MetaKeys;
    readonly operationTimeoutMs: number;
    readonly maxPendingInvalidations: number;
    readonly breakerThreshold: number;
    readonly breakerCooldownMs: number;
    /** The in-process tier, or `undefined` when off. */
    readonly l1: Readonly<Required<L1Options>> | undefined;
}
/**
 * Applies defaults (or the previous configuration's values) and validates.
 * @throws CachemeError `E_INVALID_OPTION` naming the offending option.
 */
export declare function resolveConfig(config: CachemeConfig, previous: ResolvedConfig | undefined): ResolvedConfig;
//# sourceMappingURL=config.d.ts.map