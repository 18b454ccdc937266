/**
 * The shared adapter conformance suite (`@cacheme/test-suite`), unchanged, on SQLite and on PostgreSQL,
 * registered with vitest's own functions: schema 1 (`runAdapterSuite`) and schema 2, the real-world
 * shapes (`runShapesSuite`). `Book` is paranoid (soft deletes); nested `sequelize.transaction({
 * transaction })` calls are SAVEPOINTs on both databases. The SQLite harnesses use an in-memory
 * database, which Sequelize serves from one connection (`sharedConnection`). Sequelize has no inheritance
 * mapping (`singleTableInheritance: false`).
 */
import { runAdapterSuite, runShapesSuite, type TestRunner } from '@cacheme/test-suite'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { sequelizeHarness } from './support/sequelize-harness.js'
import { sequelizeShapesHarness } from './support/sequelize-shapes-harness.js'

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
runShapesSuite({
  runner,
  name: 'sequelize on SQLite',
  capabilities: { singleTableInheritance: false },
  create: () => sequelizeShapesHarness('sqlite'),
})
runShapesSuite({
  runner,
  name: 'sequelize on PostgreSQL',
  capabilities: { singleTableInheritance: false },
  create: () => sequelizeShapesHarness('postgres'),
})
