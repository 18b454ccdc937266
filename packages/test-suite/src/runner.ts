/**
 * The test runner the suite registers its tests with. The caller passes its own runner's functions —
 * vitest's or jest's (`@jest/globals`), unchanged — so the suite imports no test framework, and the
 * adapter's tests run under whatever runner (and version) the adapter uses, as keyv's and bentocache's
 * published suites do.
 *
 * Only the matchers below are used, with their common vitest/jest meaning; any runner whose `expect`
 * offers them works.
 */

/** A class, for `toBeInstanceOf`. */
export type Constructor = abstract new (...args: never[]) => unknown

/** The matchers the suite uses. `R` is `void`, or `Promise<void>` after `rejects` / `resolves`. */
export interface Matchers<R> {
  toBe(expected: unknown): R
  toEqual(expected: unknown): R
  toMatchObject(expected: object): R
  toContain(expected: unknown): R
  toHaveLength(length: number): R
  toBeNull(): R
  toBeInstanceOf(expected: Constructor): R
}

/** What `expect(actual)` returns. */
export interface Assertion extends Matchers<void> {
  readonly not: Matchers<void>
  readonly rejects: Matchers<Promise<void>>
  readonly resolves: Matchers<Promise<void>>
}

/** `expect`: vitest's or jest's. */
export type Expect = (actual: unknown) => Assertion

/**
 * The runner's registration functions. Pass them as your runner exports them:
 * `{ describe, it, expect, beforeAll, afterAll, beforeEach, afterEach }`.
 */
export interface TestRunner {
  describe(name: string, body: () => void): void
  it(name: string, test: () => Promise<void>): void
  beforeAll(hook: () => Promise<void>): void
  afterAll(hook: () => Promise<void>): void
  beforeEach(hook: () => Promise<void>): void
  afterEach(hook: () => Promise<void>): void
  readonly expect: Expect
}
