/**
 * Write statements that are not part of a flush — `nativeUpdate`, `nativeDelete`, `insert(Many)`,
 * `upsert(Many)`, QueryBuilder writes, `em.execute()` — seen at the write connection's `execute()`.
 *
 * - When the statement came from one of the driver's write methods (`driver-calls.ts`), its entity is
 *   known: the rows it names by primary key — an upsert on the key, an update whose criteria pin the
 *   key, an insert that gives it — invalidate exactly their keys (and the model keys) on every class of
 *   the entity's lineage; otherwise that lineage goes model-wide (`nativeUpdate(Photo, …)` reaches
 *   `Photo` and `Content`, never the sibling `Article` in the same table). With a `cacheKey` option or
 *   getter the keys cannot be computed from criteria: model-wide.
 * - Otherwise (QueryBuilder writes, raw SQL) only the table is known: every model stored in it goes
 *   model-wide (`addModel`).
 *
 * A delete also takes the m2m relations whose pivot rows cascade with it (`addRelation`) and the models
 * whose foreign keys the database nulls or cascades; a write to a pivot table is a change of that relation.
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
import { type AdapterOptions, type ChangeSet, entityKeys } from '@cacheme/core/adapter'
import { DRIVER_CALL, type DriverCall, rowsOf } from './driver-calls.js'
import type { OrmModel } from './orm-model.js'
import { type SqlWrite, sqlWrite } from './sql-write.js'

/** A native write statement in flight: what it writes and the transaction it runs in. */
export interface NativeWrite {
  readonly write: SqlWrite | 'unknown'
  readonly trx: object | undefined
  /** The driver call that issued it, when it came from one. */
  readonly call: DriverCall | undefined
}

interface KnexLike {
  readonly client?: { readonly transacting?: boolean }
  toSQL?(): { sql: string }
}

export class NativeWrites {
  readonly #model: OrmModel
  readonly #options: AdapterOptions
  /** Transaction → the table sets of the flushes running on it. */
  readonly #plans = new WeakMap<object, ReadonlySet<string>[]>()
  /** knex transaction client → its transaction, for statements that carry a builder instead of a ctx. */
  readonly #byClient = new WeakMap<object, object>()

  constructor(model: OrmModel, options: AdapterOptions) {
    this.#model = model
    this.#options = options
  }

  /** A flush on `trx` writes `tables` until {@link unplan}. */
  plan(trx: object, tables: ReadonlySet<string>): void {
    const plans = this.#plans.get(trx)
    if (plans) {
      plans.push(tables)
      return
    }
    this.#plans.set(trx, [tables])
    // Once per transaction (and again after `unplanAll`): only builder statements need the link.
    const client = (trx as KnexLike).client
    if (client) this.#byClient.set(client, trx)
  }

  unplan(trx: object, tables: ReadonlySet<string>): void {
    const plans = this.#plans.get(trx)
    const at = plans ? plans.lastIndexOf(tables) : -1
    if (at !== -1) plans!.splice(at, 1)
  }

  unplanAll(trx: object): void {
    this.#plans.delete(trx)
  }

  /**
   * The native write `query` is, or `undefined` (a read, a flush's own statement, a foreign table).
   * `loggerContext` is `execute()`'s fifth argument: it carries the driver call, if any.
   */
  classify(query: unknown, ctx: unknown, loggerContext?: unknown): NativeWrite | undefined {
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
      // The plans first: every statement of a flush is one of them, and this is on its path.
      if (trx && this.#planned(trx, write.table)) return undefined
      if (!this.#model.hasTable(write.table)) return undefined
    }
    const call =
      typeof loggerContext === 'object' && loggerContext !== null
        ? (loggerContext as { [DRIVER_CALL]?: DriverCall })[DRIVER_CALL]
        : undefined
    return { write, trx, call }
  }

  /** Records what a native write statement changed. */
  fill({ write, call }: NativeWrite, set: ChangeSet): void {
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
    if (call && this.#fillCall(call, write, set)) return
    for (const entity of target.entities) set.addModel(entity, cause)
    if (write.verb !== 'delete' && write.verb !== 'truncate') return
    for (const relation of target.relations) set.addRelation(relation, 'm2m')
    for (const entity of target.referencing) set.addModel(entity, cause)
  }

  /**
   * What a statement of a driver call on `call.entity`'s own table changed; `false` when the call is
   * about another table (a pivot write of `nativeUpdate` with collections) and the table decides.
   */
  #fillCall(call: DriverCall, write: SqlWrite, set: ChangeSet): boolean {
    const meta = this.#model.meta(call.entity)
    // SQL names the table schema-qualified when the ORM has a schema of its own (PostgreSQL's `schema`).
    if (!meta || meta.tableName !== write.table.slice(write.table.lastIndexOf('.') + 1)) return false
    const lineage = this.#model.names(meta)
    const ids = this.#options.cacheKey || 'cacheKey' in meta.prototype ? undefined : rowsOf(call, meta)
    if (ids) {
      const keys = ids.flatMap((id) => entityKeys(this.#options, call.entity, {}, id, lineage))
      set.addKeys(ids.length > 0 ? keys : lineage, call.kind)
      return true
    }
    for (const name of lineage) set.addModel(name, call.kind)
    if (write.verb !== 'delete' && write.verb !== 'truncate') return true
    const target = this.#model.table(write.table)
    for (const relation of target?.relations ?? []) set.addRelation(relation, 'm2m')
    for (const entity of target?.referencing ?? []) set.addModel(entity, write.verb)
    return true
  }

  /** Whether a flush running on transaction `ctx` writes the table of the entity named `entityName`. */
  isPlanned(entityName: string, ctx: unknown): boolean {
    if ((typeof ctx !== 'object' && typeof ctx !== 'function') || ctx === null) return false
    const table = this.#model.tableOf(entityName)
    return table !== undefined && this.#planned(ctx, table)
  }

  #planned(trx: object, table: string): boolean {
    const plans = this.#plans.get(trx)
    if (!plans || plans.length === 0) return false
    const bare = table.slice(table.lastIndexOf('.') + 1)
    for (const tables of plans) if (tables.has(table) || tables.has(bare)) return true
    return false
  }
}
