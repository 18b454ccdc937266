/**
 * The shared adapter conformance suite (`@cacheme/test-suite`), unchanged, on SQLite and on PostgreSQL,
 * registered with vitest's own functions. MikroORM nests transactions as SAVEPOINTs on both databases;
 * it has no built-in soft delete.
 */
import { runAdapterSuite, type TestRunner } from '@cacheme/test-suite'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { mikroOrmHarness } from './support/mikro-orm-harness.js'

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
