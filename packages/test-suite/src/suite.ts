/**
 * The adapter conformance suite: every cacheme ORM adapter runs all of it, unchanged, through a harness
 * (see `harness.ts`).
 *
 * Wiring, in the adapter's `test/conformance.test.ts`:
 *
 * ```ts
 * runAdapterSuite({ name: 'orm on SQLite', capabilities: { softDelete: true, savepoints: true }, create: () => myHarness() })
 * ```
 *
 * Each test gets a fresh cacheme on real Redis under a random prefix and empty tables, so tests are
 * independent and may run in any order. Optional behaviour is declared by the harness's capabilities; a
 * test that needs one is registered only when it is declared, never skipped by name.
 */
import { describe } from 'vitest'
import { bulkTests } from './bulk.js'
import { useEnv } from './context.js'
import { crudTests } from './crud.js'
import { detachTests } from './detach.js'
import type { HarnessFactory } from './harness.js'
import { keysTests } from './keys.js'
import { m2mTests } from './m2m.js'
import { readerTests } from './reader.js'
import { transactionTests } from './transactions.js'

/**
 * Registers the whole suite (vitest `describe`/`it`) for one adapter on one database. The harness is
 * created once (in `beforeAll`), reset before every test and closed after the last one; the factory's
 * capabilities decide which optional tests are registered.
 */
export function runAdapterSuite<Tx>(factory: HarnessFactory<Tx>): void {
  const { capabilities } = factory
  describe(`${factory.name}: adapter conformance`, () => {
    const env = useEnv(factory)
    describe('entity writes', () => crudTests(env, capabilities))
    describe('entity keys', () => keysTests(env))
    describe('many-to-many', () => m2mTests(env))
    describe('transactions', () => transactionTests(env, capabilities))
    describe('bulk and raw writes', () => bulkTests(env))
    describe('readers racing a transaction', () => readerTests(env))
    describe('detach', () => detachTests(env))
  })
}
