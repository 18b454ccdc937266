/**
 * What the consistency harness needs from an ORM: the one seam an ORM plugs into. A driver module
 * (`typeorm/typeorm-driver.ts`, `sequelize/sequelize-driver.ts`; MikroORM gets one small module when
 * its adapter lands) maps the harness's tiny schema onto the ORM, performs the write kinds through the ORM's own API,
 * and attaches the cacheme adapter — the real one, or a deliberately broken one that invalidates before
 * COMMIT (to prove the harness catches that bug).
 *
 * Schema (the same for every ORM, see `schema.ts`): `Author(id, version, name)` and
 * `Post(id, version, authorId, title)`. Every committed change of a row raises its `version` by one;
 * each row has exactly one writing process, so versions are exact.
 */
import type { Cacheme } from '@cacheme/core'
import type { AuthorRow, PostRow, SeedData, WriteKind } from './schema.js'

/** Where the database is. */
export type DatabaseTarget =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema: string }

/** How the adapter is attached. */
export type AdapterMode =
  /** The real adapter: invalidates after COMMIT, awaited before the committing call resolves. */
  | 'after-commit'
  /** The real adapter with `delivery: 'background'` (other processes may see the old value briefly). */
  | 'background'
  /** A broken test-only adapter: invalidates on entity events, i.e. before COMMIT. */
  | 'before-commit'

/** One write a worker performs on rows it owns. */
export interface WriteOp {
  readonly kind: WriteKind
  /** The post written (every kind but `save-author`). */
  readonly post?: { readonly id: number; readonly version: number; readonly authorId: number }
  /** The author written (`save-author`, `tx-two`). */
  readonly author?: { readonly id: number; readonly version: number }
  /** Milliseconds the transaction stays open after its writes, before COMMIT (readers run meanwhile). */
  readonly holdMs: number
}

/** One process's connection to the database through the ORM. */
export interface OrmSession {
  /** Creates the tables (dropping old ones) and inserts the seed rows. Run by the coordinator only. */
  createSchema(seed: SeedData): Promise<void>
  /** Attaches the cacheme adapter of this ORM in `mode`; returns the detach function. */
  attach(cm: Cacheme, mode: AdapterMode): Promise<() => Promise<void>>
  post(id: number): Promise<PostRow | undefined>
  author(id: number): Promise<AuthorRow | undefined>
  /** Posts of an author, by id. */
  postsOf(authorId: number): Promise<PostRow[]>
  /**
   * Performs `op` through the ORM. Resolves when the committing call resolved (the moment the harness
   * publishes the new versions); `rollback` resolves after the ROLLBACK.
   */
  write(op: WriteOp): Promise<void>
  close(): Promise<void>
}

export interface OrmDriver {
  /** e.g. `typeorm`. */
  readonly name: string
  open(target: DatabaseTarget): Promise<OrmSession>
}
