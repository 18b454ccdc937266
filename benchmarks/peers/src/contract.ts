/**
 * The contract every benchmarked library is driven through: a cached call (`get`) plus the optional
 * invalidation capabilities some workloads need. The benchmarks package (`benchmarks/src`) implements it
 * for raw ioredis, a hand-rolled cache and cacheme; this package implements it for the peers.
 *
 * A contender that cannot express a capability leaves it out and says why in `cannot`: the report prints
 * that reason instead of a number, so nothing is faked.
 */

/** Where Redis (or the delaying proxy in front of it) listens. */
export interface Endpoint {
  readonly host: string
  readonly port: number
}

/** What a workload asks a contender to open. */
export interface OpenOptions {
  readonly endpoint: Endpoint
  /**
   * Unique per contender and workload. Every key the client writes contains it, so the harness can find
   * (and clean up) exactly this client's keys with `SCAN MATCH *<namespace>*`.
   */
  readonly namespace: string
  /** The function being cached: called on a miss. */
  readonly load: (id: string) => Promise<unknown>
  /** TTL of every cached value, in seconds. */
  readonly ttlSeconds: number
}

/** One open client of a contender. */
export interface CacheClient {
  /**
   * A cached call of `load(id)`: served from the cache on a hit; on a miss `load(id)` runs and its value is
   * stored for `ttlSeconds`. `entity` names the row the value depends on (e.g. `User:7`); contenders that
   * track dependencies record it, the others ignore it.
   */
  get(id: string, entity?: string): Promise<unknown>
  /** Workload 3: removes (or makes unservable) every entry recorded as depending on `entity`. */
  invalidateEntity?(entity: string): Promise<void>
  /** Workload 4: removes every entry of this client, the library's own way (a pattern or namespace clear). */
  clearAll?(): Promise<void>
  /** Closes the client's connections. */
  close(): Promise<void>
}

/** A library in one configuration. */
export interface Contender {
  /** Row label in the report, e.g. `bentocache, Redis only`. */
  readonly name: string
  /** The npm package whose version the report prints. */
  readonly library: string
  /** `baseline`: what ratios are taken against; `reference`: shown for scale, not a competitor. */
  readonly role: 'baseline' | 'reference' | 'cacheme' | 'peer'
  /** Why a capability is missing, by workload capability. */
  readonly cannot?: { readonly dependents?: string; readonly pattern?: string }
  open(options: OpenOptions): Promise<CacheClient>
}
