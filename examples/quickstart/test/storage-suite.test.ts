/**
 * A storage proving itself with the published conformance suite, as a third party would: through the
 * package's `@cacheme/core/test-suite` subpath, on MemoryStorage. Between the region markers it is the
 * example of packages/core/README.md (test/readme.test.ts checks that the README contains it).
 */
// #region readme-suite
import { MemoryStorage } from '@cacheme/core'
import { runStorageSuite } from '@cacheme/core/test-suite'
import { afterEach, describe, expect, it } from 'vitest'

runStorageSuite({
  runner: { describe, it, expect, afterEach }, // the suite imports no test framework: pass yours
  name: 'memory',
  // Called for every test with a fresh random prefix; `cleanup` runs after it.
  factory: async ({ logMaxEntries }) => ({
    storage: new MemoryStorage({ logMaxEntries }),
    cleanup: async () => {},
  }),
  capabilities: { atomicWrite: true }, // guard check and write are one atomic step
})
// #endregion readme-suite
