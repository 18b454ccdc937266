/**
 * Write statements that are not part of a flush — `nativeUpdate`, `nativeDelete`, `insert(Many)`,
 * `upsert(Many)`, QueryBuilder writes, `em.execute()` — seen at the write connection's `execute()`.
 * Their rows are unknown, so each invalidates its table's models model-wide (`addModel`); a delete also
 * takes the m2m relations whose pivot rows cascade with it (`addRelation`) and the models whose foreign
 * keys the database nulls or cascades; a write to a pivot table is a change of that relation.
 *
 * Telling a flush's own statements apart: a flush announces its tables ("plan") on its transaction from
 * `onFlush` (or, for a plain flush, when its implicit transaction starts) until `afterFlush`. A statement
 * on that transaction to one of those tables is the flush's — its keys come precisely from the unit of
 * work. Every other write statement is native. The rule errs on the coarse side: statements outside any
 * transaction are always native (so with `implicitTransactions: false` a flush is also invalidated
 * model-wide), and a failed statement withdraws every plan of its transaction.
 *
 * Known limit: a native write issued on the same transaction **concurrently** with a flush of that
 * transaction (`Promise.all([em.flush(), em.nativeUpdate(...)])` inside one `em.transactional()`), to a
 * table the flush also writes, is taken for one of the flush's statements.
 */
import type { ChangeSet } from '@cacheme/core/adapter'
import type { OrmModel } from './orm-model.js'
import { type SqlWrite, sqlWrite } from './sql-write.js'

/** A native write statement in flight: what it writes and the transaction it runs in. */
export interface NativeWrite {
  readonly write: SqlWrite | 'unknown'
  readonly trx: object | undefined
}

interface KnexLike {
  readonly client?: { readonly transacting?: boolean }
  toSQL?(): { sql: string }
}

export class NativeWrites {
  readonly #model: OrmModel
  /** Transaction → the table sets of the flushes running on it. */
  readonly #plans = new WeakMap<object, Set<ReadonlySet<string>>>()
  /**
   * knex transaction client → its transaction, for statements that carry a builder instead of a ctx (each
   * transaction is also mapped to itself, to remember it was linked).
   */
  readonly #byClient = new WeakMap<object, object>()

  constructor(model: OrmModel) {
    this.#model = model
  }

  /** A flush on `trx` writes `tables` until {@link unplan}. */
  plan(trx: object, tables: ReadonlySet<string>): void {
    let plans = this.#plans.get(trx)
    if (!plans) {
      plans = new Set()
      this.#plans.set(trx, plans)
    }
    plans.add(tables)
    if (!this.#byClient.has(trx)) {
      // Once per transaction: knex's `client` is a getter, and only builder statements need the link.
      this.#byClient.set(trx, trx)
      const client = (trx as KnexLike).client
      if (client) this.#byClient.set(client, trx)
    }
  }

  unplan(trx: object, tables: ReadonlySet<string>): void {
    this.#plans.get(trx)?.delete(tables)
  }

  unplanAll(trx: object): void {
    this.#plans.delete(trx)
  }

  /** The native write `query` is, or `undefined` (a read, a flush's own statement, a foreign table). */
  classify(query: unknown, ctx: unknown): NativeWrite | undefined {
    let sql: string
    // A knex transaction is a function object (knex instances are callable).
    let trx =
      (typeof ctx === 'object' || typeof ctx === 'function') && ctx !== null ? (ctx as object) : undefined
    if (typeof query === 'string') sql = query
    else if (typeof query === 'object' && query !== null && typeof (query as KnexLike).toSQL === 'function') {
      // A knex builder (MikroORM's one-to-many collection sync, or a user's `em.execute(knexQuery)`).
      const builder = query as KnexLike
      sql = builder.toSQL!().sql
      if (!trx && builder.client?.transacting) trx = this.#byClient.get(builder.client)
    } else return undefined
    const write = sqlWrite(sql)
    if (write === undefined) return undefined
    if (write !== 'unknown') {
      if (!this.#model.hasTable(write.table)) return undefined
      if (trx && this.#planned(trx, write.table)) return undefined
    }
    return { write, trx }
  }

  /** Records what a native write statement changed. */
  fill({ write }: NativeWrite, set: ChangeSet): void {
    if (write === 'unknown') {
      const { entities, relations } = this.#model.known()
      for (const entity of entities) set.addModel(entity, 'sql')
      for (const relation of relations) set.addRelation(relation, 'sql')
      return
    }
    const target = this.#model.table(write.table)
    if (!target) return
    if (target.pivotOf) {
      set.addRelation(target.pivotOf, 'm2m')
      return
    }
    const cause = write.verb
    for (const entity of target.entities) set.addModel(entity, cause)
    if (write.verb !== 'delete' && write.verb !== 'truncate') return
    for (const relation of target.relations) set.addRelation(relation, 'm2m')
    for (const entity of target.referencing) set.addModel(entity, cause)
  }

  #planned(trx: object, table: string): boolean {
    const plans = this.#plans.get(trx)
    if (!plans || plans.size === 0) return false
    const bare = table.slice(table.lastIndexOf('.') + 1)
    for (const tables of plans) if (tables.has(table) || tables.has(bare)) return true
    return false
  }
}
