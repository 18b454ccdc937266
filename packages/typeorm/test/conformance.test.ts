/**
 * The shared adapter conformance suite (`@cacheme/test-suite`), unchanged, on SQLite and on PostgreSQL,
 * registered with vitest's own functions: schema 1 (`runAdapterSuite`) and schema 2, the real-world
 * shapes (`runShapesSuite`). TypeORM soft-deletes (@DeleteDateColumn), nests transactions as SAVEPOINTs
 * and maps single-table inheritance on both databases; on SQLite every reader shares the DataSource's one
 * connection. This is the test-suite README's quick start.
 */
import { runAdapterSuite, runShapesSuite, type TestRunner } from '@cacheme/test-suite'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { typeormHarness } from './support/typeorm-harness.js'
import { typeormShapesHarness } from './support/typeorm-shapes-harness.js'

const runner: TestRunner = { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach }

runAdapterSuite({
  runner,
  name: 'typeorm on SQLite',
  capabilities: { softDelete: true, savepoints: true, sharedConnection: true },
  create: () => typeormHarness('sqlite'),
})
runAdapterSuite({
  runner,
  name: 'typeorm on PostgreSQL',
  capabilities: { softDelete: true, savepoints: true },
  create: () => typeormHarness('postgres'),
})
runShapesSuite({
  runner,
  name: 'typeorm on SQLite',
  capabilities: { singleTableInheritance: true },
  create: () => typeormShapesHarness('sqlite'),
})
runShapesSuite({
  runner,
  name: 'typeorm on PostgreSQL',
  capabilities: { singleTableInheritance: true },
  create: () => typeormShapesHarness('postgres'),
})
