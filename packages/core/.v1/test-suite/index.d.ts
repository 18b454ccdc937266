/**
 * `@cacheme/core/test-suite` — the storage conformance suite. Every `CacheStorage` runs all of it,
 * unchanged: core's own `MemoryStorage`, `RedisStorage` on a single Redis and on Cluster, and any
 * third-party storage (another Redis client, another store) that wants to prove it keeps cacheme's
 * guarantees — the data layout, TTL rules, invalidation, the race guard, scan, the stampede lock, the
 * introspection and record operations an admin page uses and (for storages that offer them) the
 * invalidation notices of the in-process tier.
 *
 * ```ts
 * import { runStorageSuite } from '@cacheme/core/test-suite'
 * import { afterEach, describe, expect, it } from 'vitest'
 *
 * runStorageSuite({
 *   runner: { describe, it, expect, afterEach },
 *   name: 'my-store',
 *   factory: async ({ prefix, logMaxEntries }) => ({ storage: new MyStorage({ logMaxEntries }), cleanup: async () => {} }),
 *   capabilities: { atomicWrite: true },
 * })
 * ```
 *
 * The caller passes its test runner (see `runner.ts`): the suite imports no test framework. Each test
 * opens its own storage on a fresh random prefix through `factory` and it is cleaned up after the test,
 * so tests are independent and may run in any order. Optional behaviour is declared by capabilities,
 * never by skipping tests: a test always checks the contract and adds stronger assertions where a
 * capability promises more. A storage that keeps the Redis layout can hand an `inspect` view of the raw
 * keys, and the suite then also checks the layout.
 *
 * Needs real time (TTL tests sleep up to ~1.5 s per test): keep the runner's per-test timeout at the
 * default `timeoutMs` (20 s) or above.
 */
import { type StorageCapabilities, type StorageFactory } from './context.js';
import type { TestRunner } from './runner.js';
export type { StorageCapabilities, StorageFactory, StorageHarness, StorageInspector } from './context.js';
export type { Expect, Matchers, TestRunner } from './runner.js';
/** Options of {@link runStorageSuite}. */
export interface StorageSuiteOptions {
    /** The caller's test runner: `{ describe, it, expect, afterEach }` from vitest, jest, ... */
    readonly runner: TestRunner;
    /** Names the outer group, e.g. `'my-store'` (tests are listed as `my-store storage > ...`). */
    readonly name: string;
    /** Opens a storage for one test (see {@link StorageFactory}). */
    readonly factory: StorageFactory;
    /** What the storage promises beyond the contract. */
    readonly capabilities: StorageCapabilities;
    /** Per-test timeout handed to `runner.it`. Default 20000. */
    readonly timeoutMs?: number;
}
/** Registers the whole suite for one storage (call it at the top level of a test file). */
export declare function runStorageSuite(options: StorageSuiteOptions): void;
//# sourceMappingURL=index.d.ts.map