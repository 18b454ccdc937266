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
/** The assertions the suite makes (a subset of vitest's and jest's `expect`). */
export interface Matchers {
    toBe(expected: unknown): void;
    toEqual(expected: unknown): void;
    toBeUndefined(): void;
    toBeGreaterThan(expected: number): void;
    toBeLessThanOrEqual(expected: number): void;
    toHaveLength(expected: number): void;
}
/** `expect(actual, message?)`; runners that take no message ignore it. */
export type Expect = (actual: unknown, message?: string) => Matchers;
/** The members of a test runner the suite uses. */
export interface TestRunner {
    /** Groups tests. */
    describe(name: string, body: () => void): void;
    /** Registers one async test; `timeoutMs` is passed as the runner's per-test timeout argument. */
    it(name: string, body: () => Promise<void>, timeoutMs?: number): void;
    /** Assertions. */
    expect: Expect;
    /** Runs after each test (the suite cleans up the storages the test opened). */
    afterEach(hook: () => Promise<void>): void;
}
//# sourceMappingURL=runner.d.ts.map