/**
 * The shared adapter conformance suite (`@cacheme/test-suite`), unchanged, on SQLite and on PostgreSQL,
 * registered with vitest's own functions. TypeORM soft-deletes (@DeleteDateColumn) and nests
 * transactions as SAVEPOINTs on both databases. This is the test-suite README's quick start.
 */
import { runAdapterSuite, type TestRunner } from '@cacheme/test-suite'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { typeormHarness } from './support/typeorm-harness.js'

const runner: TestRunner = { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach }
const capabilities = { softDelete: true, savepoints: true }

runAdapterSuite({ runner, name: 'typeorm on SQLite', capabilities, create: () => typeormHarness('sqlite') })
runAdapterSuite({
  runner,
  name: 'typeorm on PostgreSQL',
  capabilities,
  create: () => typeormHarness('postgres'),
})
