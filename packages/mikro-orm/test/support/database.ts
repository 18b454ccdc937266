/**
 * Opens a MikroORM instance for tests: SQLite (better-sqlite3) in a temporary file in WAL mode, or
 * PostgreSQL 15 in a fresh schema of its own, dropped on close, so that test files running in parallel
 * never collide.
 *
 * SQLite: writes keep MikroORM's default pool of **one** connection, and reads outside a transaction go
 * to a read replica on the same file (MikroORM's `replicas`, `preferReadReplicas` by default). Why both:
 * - one write connection, because better-sqlite3 is synchronous — a second writer that meets SQLite's
 *   write lock sleeps in its busy handler on the event loop itself, so the transaction holding the lock
 *   cannot reach its COMMIT until the busy timeout expires (20 parallel flushes took minutes);
 * - a reader of its own, because with one connection for everything a read outside a transaction waits
 *   in the pool until the open transaction ends — and the suite reads while a transaction is open. In
 *   WAL mode the reader sees committed rows only, as on PostgreSQL, and never waits for the writer.
 */

import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MikroORM as SqliteOrm } from '@mikro-orm/better-sqlite'
import type { EntitySchema } from '@mikro-orm/core'
import { MikroORM as PostgresOrm } from '@mikro-orm/postgresql'

export type Database = 'sqlite' | 'postgres'
export const databases: Database[] = ['sqlite', 'postgres']

/** The PostgreSQL URL of the test services; missing → a loud failure, never a skip. */
export function pgUrl(): string {
  const url = process.env.CACHEME_PG_URL
  if (!url) {
    throw new Error(
      'CACHEME_PG_URL is not set: start services with `bash scripts/services.sh start` (or run `pnpm test:all`).',
    )
  }
  return url
}

export interface OpenedOrm {
  readonly orm: SqliteOrm | PostgresOrm
  /** The schema-qualified name of an entity's table, quoted, for raw SQL. */
  table(name: string): string
  /** Empties every table (ids may restart). */
  reset(): Promise<void>
  close(): Promise<void>
}

export async function openOrm(database: Database, entities: readonly EntitySchema[]): Promise<OpenedOrm> {
  const options = { entities: [...entities], allowGlobalContext: false, debug: false }
  if (database === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'cm-mikro-'))
    const orm = await SqliteOrm.init({
      ...options,
      dbName: join(dir, 'test.sqlite'),
      pool: { min: 1, max: 1, afterCreate: walMode },
      // Same file and pool settings (MikroORM copies `dbName` and `pool` into a replica without them).
      replicas: [{ name: 'reader' }],
    })
    await orm.schema.createSchema()
    return {
      orm,
      table: (name) => `"${orm.getMetadata().get(name).tableName}"`,
      reset: () => orm.schema.clearDatabase(),
      async close() {
        await orm.close(true)
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const schema = `cm_${randomUUID().replaceAll('-', '').slice(0, 12)}`
  const orm = await PostgresOrm.init({ ...options, clientUrl: pgUrl(), schema, pool: { min: 1, max: 5 } })
  await orm.em.getKnex().raw(`create schema "${schema}"`)
  await orm.schema.createSchema({ schema })
  return {
    orm,
    table: (name) => `"${schema}"."${orm.getMetadata().get(name).tableName}"`,
    reset: () => orm.schema.clearDatabase({ schema }),
    async close() {
      await orm.em.getKnex().raw(`drop schema "${schema}" cascade`)
      await orm.close(true)
    },
  }
}

function walMode(
  connection: { pragma(sql: string): unknown },
  done: (error: unknown, c: unknown) => void,
): void {
  connection.pragma('journal_mode = WAL')
  connection.pragma('busy_timeout = 10000')
  done(null, connection)
}
