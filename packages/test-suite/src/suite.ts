/**
 * The adapter conformance suite: every cacheme ORM adapter runs all of it, unchanged, through a harness
 * (see `harness.ts`), under the caller's own test runner (see `runner.ts`).
 *
 * Wiring, in the adapter's `test/conformance.test.ts`:
 *
 * ```ts
 * import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
 * const runner = { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach }
 * runAdapterSuite({ runner, name: 'orm on SQLite', capabilities: { savepoints: true }, create: () => myHarness() })
 * ```
 *
 * Each test gets a fresh cacheme on real Redis under a random prefix and empty tables, so tests are
 * independent and may run in any order. Optional behaviour is declared by the harness's capabilities; a
 * test that needs one is registered only when it is declared, never skipped by name.
 */
import { bulkTests } from './bulk.js'
import { type Concern, useEnv } from './context.js'
import { crudTests } from './crud.js'
import { detachTests } from './detach.js'
import type { HarnessFactory } from './harness.js'
import { keysTests } from './keys.js'
import { m2mTests } from './m2m.js'
import { readerTests } from './reader.js'
import type { TestRunner } from './runner.js'
import { transactionTests } from './transactions.js'

/**
 * Options of {@link runAdapterSuite}: the harness factory (`name`, `capabilities`, `create`) plus the
 * runner — one object, the same shape as core's `runStorageSuite({ runner, name, factory, capabilities })`.
 */
export interface AdapterSuiteOptions<Tx = unknown> extends HarnessFactory<Tx> {
  /** The caller's test runner: `{ describe, it, expect, beforeAll, afterAll, beforeEach, afterEach }`. */
  readonly runner: TestRunner
}

/**
 * Registers the whole suite for one adapter on one database with `options.runner` (vitest's or jest's
 * `describe`/`it`/`expect`/hooks). The harness is created once (in `beforeAll`), reset before every test
 * and closed after the last one; `capabilities` decide which optional tests are registered.
 */
export function runAdapterSuite<Tx>(options: AdapterSuiteOptions<Tx>): void {
  const { runner, ...factory } = options
  const { describe, it, expect } = runner
  const { capabilities } = factory
  describe(`${factory.name}: adapter conformance`, () => {
    const env = useEnv(runner, factory)
    const concern: Concern = { env, it, expect, capabilities }
    describe('entity writes', () => crudTests(concern))
    describe('entity keys', () => keysTests(concern))
    describe('many-to-many', () => m2mTests(concern))
    describe('transactions', () => transactionTests(concern))
    describe('bulk and raw writes', () => bulkTests(concern))
    describe('readers racing a transaction', () => readerTests(concern))
    describe('detach', () => detachTests(concern))
  })
}
