/**
 * The test runner the storage conformance suite runs on, passed in by the caller — the suite imports no
 * test framework, so it runs under vitest, jest, mocha + an `expect` library, or anything shaped alike:
 *
 * ```ts
 * import { afterEach, describe, expect, it } from 'vitest'
 * runStorageSuite({ runner: { describe, it, expect, afterEach }, name: 'my-store', factory, capabilities })
 * ```
 *
 * Only these members are used, each in its most common shape. Tests in the suite run one after the other
 * (the runner's default); a runner that runs tests of one file concurrently is not supported, because
 * `afterEach` cleans up what the finished test opened.
 */
export {};
//# sourceMappingURL=runner.js.map