/**
 * The shared adapter conformance suite (`@cacheme/test-suite`), unchanged, on SQLite and on PostgreSQL,
 * registered with vitest's own functions: schema 1 (`runAdapterSuite`) and schema 2, the real-world
 * shapes (`runShapesSuite`). MikroORM nests transactions as SAVEPOINTs on both databases, maps
 * single-table inheritance, and has no built-in soft delete. The SQLite harness is a file in WAL mode
 * with a pool of its own, so readers outside a transaction do not share its connection.
 */
import { runAdapterSuite, runShapesSuite, type TestRunner } from '@cacheme/test-suite'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { mikroOrmHarness } from './support/mikro-orm-harness.js'
import { mikroOrmShapesHarness } from './support/mikro-orm-shapes-harness.js'

const runner: TestRunner = { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach }
const capabilities = { softDelete: false, savepoints: true }

runAdapterSuite({
  runner,
  name: 'mikro-orm on SQLite',
  capabilities,
  create: () => mikroOrmHarness('sqlite'),
})
runAdapterSuite({
  runner,
  name: 'mikro-orm on PostgreSQL',
  capabilities,
  create: () => mikroOrmHarness('postgres'),
})
runShapesSuite({
  runner,
  name: 'mikro-orm on SQLite',
  capabilities: { singleTableInheritance: true },
  create: () => mikroOrmShapesHarness('sqlite'),
})
runShapesSuite({
  runner,
  name: 'mikro-orm on PostgreSQL',
  capabilities: { singleTableInheritance: true },
  create: () => mikroOrmShapesHarness('postgres'),
})
