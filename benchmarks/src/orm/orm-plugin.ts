/**
 * The seam of workload 5: one file per ORM (`<orm>-orm.ts` in this folder, default-exporting an
 * {@link OrmPlugin}) is all it takes to add an ORM — the workload discovers the files (`typeorm-orm.ts`,
 * `sequelize-orm.ts`; `mikro-orm-orm.ts` plugs in the same way).
 */
import type { Cacheme, Detach } from '@cacheme/core'

export type Database = 'sqlite' | 'postgres'

/** Adapter options shared by every cacheme ORM adapter. */
export interface AdapterOptions {
  readonly delivery?: 'await' | 'background'
}

/** One open database with a one-table schema (`id`, `title`). */
export interface OrmFixture {
  /** Inserts `rows` rows; returns their ids. */
  seed(rows: number): Promise<number[]>
  /** Reads a row's title (what the benchmark caches). */
  title(id: number): Promise<string | undefined>
  /** One `save()` (an UPDATE of a loaded entity) of row `id` — the operation being timed. */
  save(id: number, title: string): Promise<void>
  /**
   * Optional: one transaction that saves rows `a` and `b` (two UPDATEs, one COMMIT). When given, the
   * workload adds a table for it: one invalidation per COMMIT, however many rows it touched.
   */
  saveTwoInTransaction?(a: number, b: number, title: string): Promise<void>
  /** The invalid key cacheme values of row `id` depend on, as the adapter names it (e.g. `BenchBook:1`). */
  invalidKey(id: number): string
  /** Attaches the ORM's cacheme adapter to `cm`. */
  attach(cm: Cacheme, options: AdapterOptions): Promise<Detach>
  close(): Promise<void>
}

export interface OrmPlugin {
  /** e.g. `typeorm`. */
  readonly name: string
  /** The adapter package, for the report's versions. */
  readonly adapterPackage: string
  open(database: Database, pgUrl: string | undefined): Promise<OrmFixture>
}
