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
import { suite } from './context.js';
import { introspectionTests } from './introspection.js';
import { invalidateTests } from './invalidate.js';
import { keysTests } from './keys.js';
import { lockTests } from './lock.js';
import { noticeTests } from './notices.js';
import { raceGuardTests } from './race-guard.js';
import { readWriteTests } from './read-write.js';
import { recordsTests } from './records.js';
import { ttlTests } from './ttl.js';
/** Registers the whole suite for one storage (call it at the top level of a test file). */
export function runStorageSuite(options) {
    const { runner, name, factory, capabilities } = options;
    runner.describe(`${name} storage`, () => {
        const s = suite(runner, factory, capabilities, options.timeoutMs ?? 20_000);
        runner.describe('read and write', () => readWriteTests(s));
        runner.describe('TTL', () => ttlTests(s));
        runner.describe('invalidate', () => invalidateTests(s));
        runner.describe('race guard', () => raceGuardTests(s));
        runner.describe('sets and keys', () => keysTests(s));
        runner.describe('stampede lock', () => lockTests(s));
        runner.describe('introspection', () => introspectionTests(s));
        runner.describe('records', () => recordsTests(s));
        runner.describe('notices', () => noticeTests(s));
    });
}
//# sourceMappingURL=index.js.map