/**
 * The shared adapter conformance suite (`@cacheme/test-suite`), unchanged, on SQLite and on PostgreSQL.
 */
import { runAdapterSuite } from '@cacheme/test-suite'
import { typeormHarness } from './support/typeorm-harness.js'

// TypeORM soft-deletes (@DeleteDateColumn) and nests transactions as SAVEPOINTs on both databases.
const capabilities = { softDelete: true, savepoints: true }

runAdapterSuite({
  name: 'typeorm on SQLite (better-sqlite3)',
  capabilities,
  create: () => typeormHarness('sqlite'),
})

runAdapterSuite({
  name: 'typeorm on PostgreSQL',
  capabilities,
  create: () => typeormHarness('postgres'),
})
