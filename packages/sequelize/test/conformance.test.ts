/**
 * The shared adapter conformance suite (`@cacheme/test-suite`), unchanged, on SQLite and on PostgreSQL,
 * registered with vitest's own functions. `Book` is paranoid (soft deletes); nested `sequelize.transaction({
 * transaction })` calls are SAVEPOINTs on both databases. The SQLite harness uses an in-memory database,
 * which Sequelize serves from one connection (`sharedConnection`).
 */
import { runAdapterSuite, type TestRunner } from '@cacheme/test-suite'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { sequelizeHarness } from './support/sequelize-harness.js'

const runner: TestRunner = { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach }
const capabilities = { softDelete: true, savepoints: true }

runAdapterSuite({
  runner,
  name: 'sequelize on SQLite',
  // In memory: Sequelize runs every statement on one connection, readers see uncommitted rows.
  capabilities: { ...capabilities, sharedConnection: true },
  create: () => sequelizeHarness('sqlite'),
})
runAdapterSuite({
  runner,
  name: 'sequelize on PostgreSQL',
  capabilities,
  create: () => sequelizeHarness('postgres'),
})
