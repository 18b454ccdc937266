/**
 * A Sequelize instance per test file: SQLite in memory (`'sqlite'`: one connection for every statement,
 * readers see uncommitted rows), SQLite in a database file of a temp dir (`'sqlite-file'`: a connection
 * per transaction, isolated), or PostgreSQL (`CACHEME_PG_URL`) in a fresh **database** of its own, dropped
 * on close. Parallel test files never see each other's tables. (A schema
 * per file through the connection's `search_path` is not enough: some of Sequelize 6's catalog queries
 * name the `public` schema, and `sync({ force: true })` then failed now and then with "relation does not
 * exist" while another file used the same table names.)
 */
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Options, Sequelize } from 'sequelize'

export type Database = 'sqlite' | 'sqlite-file' | 'postgres'

/** The databases most tests run on: the in-memory SQLite users start with, and PostgreSQL. */
export const databases: Database[] = ['sqlite', 'postgres']

/**
 * Databases where a transaction's rows stay invisible to other connections until COMMIT, so changes are
 * delivered after it: for tests of that behaviour (an in-memory SQLite shares one connection instead).
 */
export const isolatedDatabases: Database[] = ['sqlite-file', 'postgres']

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

export interface OpenDatabase {
  readonly sequelize: Sequelize
  /** Drops and recreates every table of the defined models: empty tables, ids restart. */
  reset(): Promise<void>
  close(): Promise<void>
}

/** Opens a Sequelize instance; `define` declares the models before anything is synced. */
export async function openDatabase(
  database: Database,
  define: (sequelize: Sequelize) => void,
  options: Options = {},
): Promise<OpenDatabase> {
  const name = `cm_${randomUUID().replaceAll('-', '').slice(0, 12)}`
  let url: URL | undefined
  let dir: string | undefined
  if (database === 'postgres') {
    await admin(`CREATE DATABASE "${name}"`)
    url = new URL(pgUrl())
    url.pathname = `/${name}`
  }
  if (database === 'sqlite-file') dir = await mkdtemp(join(tmpdir(), 'cm-sequelize-'))
  const storage = dir ? join(dir, 'db.sqlite') : ':memory:'
  const sequelize = url
    ? new Sequelize(url.href, { dialect: 'postgres', logging: false, pool: { max: 5 }, ...options })
    : new Sequelize({ dialect: 'sqlite', storage, logging: false, ...options })
  define(sequelize)
  await sequelize.sync({ force: true })
  return {
    sequelize,
    reset: async () => {
      await sequelize.sync({ force: true })
    },
    close: async () => {
      await sequelize.close()
      if (database === 'postgres') await admin(`DROP DATABASE "${name}" WITH (FORCE)`)
      if (dir) await rm(dir, { recursive: true, force: true })
    },
  }
}

/** Runs one statement on the services' own database (CREATE / DROP DATABASE cannot run inside it). */
async function admin(sql: string): Promise<void> {
  const client = new Sequelize(pgUrl(), { dialect: 'postgres', logging: false, pool: { max: 1 } })
  try {
    await client.query(sql)
  } finally {
    await client.close()
  }
}
