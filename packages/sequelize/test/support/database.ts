/**
 * A Sequelize instance per test file: SQLite in memory, or PostgreSQL (`CACHEME_PG_URL`) in a fresh
 * schema of its own (set as the connection's `search_path`, so that the through tables Sequelize generates
 * land there too), dropped on close. Parallel test files never see each other's tables.
 */
import { randomUUID } from 'node:crypto'
import { type Options, Sequelize } from 'sequelize'

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
  const schema = `cm_${randomUUID().replaceAll('-', '').slice(0, 12)}`
  const sequelize =
    database === 'sqlite'
      ? new Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: false, ...options })
      : new Sequelize(pgUrl(), {
          dialect: 'postgres',
          logging: false,
          pool: { max: 5 },
          dialectOptions: { options: `-c search_path=${schema}` },
          ...options,
        })
  if (database === 'postgres') await sequelize.query(`CREATE SCHEMA "${schema}"`)
  define(sequelize)
  await sequelize.sync({ force: true })
  return {
    sequelize,
    reset: async () => {
      await sequelize.sync({ force: true })
    },
    close: async () => {
      if (database === 'postgres') await sequelize.query(`DROP SCHEMA "${schema}" CASCADE`)
      await sequelize.close()
    },
  }
}
