/**
 * One cached call: read → (hit | compute → write) with the race guard, stampede protection and fail-open.
 *
 * It depends on the storage layer (`resilience/resilient-storage.ts`, which owns timeout, breaker and
 * meta keys), the invalidation component's state (`invalidation/invalidations.ts`: epoch, pending count,
 * background barrier) and the remembered invalidation sequence (`sequence-tracker.ts`), plus the
 * instance's keys, serializer and events. It never sees a driver or a configuration. The miss itself
 * (lock, compute, guarded write) is `cached-miss.ts`.
 *
 * Round trips on a single Redis: a hit is one (`read`: one HGET; the sequence rides along, as a second
 * command in the same round trip, only when the remembered one is stale or there is a computation to
 * join); a miss is two (`read`, then `write`, which stores value + invalid-set memberships + tag + TTL
 * and checks the race guard in one script). On Cluster a miss's write takes three sequential steps (see
 * `storage/redis-cluster-ops.ts`). The write has completed when the call resolves, so the next call, from
 * any process, hits.
 *
 * Stampede: concurrent calls for the same full key in this process share one computation (they are
 * reported as hits) — but never one that may be older than an invalidation the joining call must observe
 * (see `#lookup`). Across processes they each compute, unless the `lock` option is set: then one process
 * computes while the others wait (bounded) for its value (`stampede-lock.ts`).
 *
 * Failure policy (fail open): storage errors, timeouts, an open breaker, undecodable payloads, serializer
 * errors and throwing `hit`/`miss`/`invalidKeys`/`skip` callbacks are reported (`error` event + logger) and
 * the caller still gets the function's value. Only an invalid cache key (or a throwing `key` callback)
 * rejects, because then there is no way to know what to cache. The function's own errors propagate and
 * nothing is cached.
 */
import { type MissParts } from './cached-miss.js';
import type { CachedDefinition } from './options.js';
/**
 * What a cached call works with: the storage layer, the invalidation state and the remembered sequence,
 * plus the instance's keys, serializer and events.
 */
export interface CachedCallParts extends MissParts {
    /** `false`: every call just runs the function. */
    readonly enabled: boolean;
}
type Fn = (this: unknown, ...args: readonly unknown[]) => unknown;
/** Runs functions through the cache. Shared by every decorator style and the wrapper. */
export declare class CachedCalls {
    #private;
    constructor(parts: CachedCallParts);
    /**
     * Runs one call of a cached function. Always returns a promise (a throwing `key` callback or an
     * invalid key rejects it; a synchronous function's throw becomes a rejection, as for an async one).
     *
     * Not an async function itself: the hit path is `call → #lookup → storage.read`, one await deep, with
     * nothing allocated for events nobody listens to (benchmarks/PROFILE.md measured every hop).
     */
    call(definition: CachedDefinition, self: unknown, args: readonly unknown[], fn: Fn): Promise<unknown>;
}
export {};
//# sourceMappingURL=cached-call.d.ts.map