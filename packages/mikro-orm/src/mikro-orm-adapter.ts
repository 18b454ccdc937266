/**
 * `mikroOrmAdapter(orm, options)` — invalidates cacheme entries when MikroORM writes the rows they were
 * computed from, after the transaction commits.
 *
 * Mechanics (MikroORM 6.6 with a SQL driver; checked against its source and by the tests):
 * - **Flushes** are read from the unit of work (`flush-changes.ts`): `onFlush` sees the change sets and
 *   collection updates before any SQL, `afterFlush` the new rows' primary keys.
 * - **Where changes wait**: core's `TransactionScopes`, keyed by the knex transaction MikroORM hands out
 *   (`em.getTransactionContext()`), savepoints linked by knex's `parentTransaction`. A plain `flush()`
 *   runs in its own implicit transaction, which has committed when `afterFlush` runs: its changes are
 *   delivered from `afterFlush`. Inside `em.transactional()` / `em.begin()` `afterFlush` runs before
 *   COMMIT: changes wait for `afterTransactionCommit` of the root transaction (MikroORM dispatches
 *   transaction events for root transactions only) and are dropped on `afterTransactionRollback`.
 * - **Savepoints** (nested `em.transactional()`, `em.begin({ ctx })`) dispatch nothing. A released one is
 *   merged at the root's COMMIT (SQL: what was not rolled back commits). A rolled-back one is recognised
 *   by wrapping that knex transaction object's own `rollback` function, which MikroORM calls to end it;
 *   should a MikroORM version end savepoints another way, their changes are invalidated at the outer
 *   COMMIT — more than needed, never less.
 * - **Writes outside a flush** (`nativeUpdate`, `nativeDelete`, `insert(Many)`, `upsert(Many)`,
 *   QueryBuilder writes, `em.execute()`): MikroORM dispatches no event for them, so the write connection's
 *   `execute()` is observed (`orm-hooks.ts`): every INSERT / UPDATE / DELETE / TRUNCATE of a mapped table
 *   that is not one of a running flush's own statements invalidates that table's models model-wide — in
 *   its transaction, or at once (awaited before the call resolves) outside one.
 * - **Read-your-writes**: MikroORM awaits the promises subscribers return, and the `execute` wrapper
 *   awaits its delivery, so `await em.flush()`, `await em.commit()`, `await em.transactional(...)` and
 *   `await em.nativeUpdate(...)` resolve after the invalidation is delivered (or queued by core).
 *
 * Limits (README coverage matrix): queries run on the knex instance itself (`em.getKnex()`), other
 * processes and database triggers are invisible; call `cm.invalidateModel()` after those.
 */
import type {
  AdapterContext,
  AdapterOptions,
  CachemeAdapter,
  ChangeSet,
  Detach,
  ResolvedAdapterOptions,
} from '@cacheme/core/adapter'
import { CachemeError, DeclaredModels, resolveAdapterOptions, TransactionScopes } from '@cacheme/core/adapter'
import type {
  EntityManager,
  FlushEventArgs,
  MikroORM,
  TransactionEventArgs,
  UnitOfWork,
} from '@mikro-orm/core'
import { type CapturedFlush, FlushChanges } from './flush-changes.js'
import { type NativeWrite, NativeWrites } from './native-writes.js'
import { OrmHooks, type OrmListener } from './orm-hooks.js'
import { OrmModel } from './orm-model.js'

/**
 * Options of {@link mikroOrmAdapter}: the options every cacheme adapter shares (`cacheKey`, `m2m`,
 * `delivery`), with the same names and meaning as in the TypeORM and Sequelize adapters.
 */
export type MikroOrmAdapterOptions = AdapterOptions

/** The knex transaction object MikroORM uses as transaction context (only what the adapter reads). */
export interface KnexTransaction {
  /** Set by knex on a savepoint: the transaction it is nested in. */
  readonly parentTransaction?: KnexTransaction
  rollback(error?: unknown): unknown
}

/**
 * Creates the MikroORM adapter. Attach it with `const detach = await cm.attach(mikroOrmAdapter(orm))`.
 *
 * Guarantees, once attached: every entity insert, update and delete and every many-to-many link change
 * flushed through any `EntityManager` of `orm` (forks included) invalidates the affected keys, and every
 * other write statement MikroORM runs invalidates its models model-wide (see the README's coverage
 * matrix) — after COMMIT inside a transaction, at once otherwise, and before the awaited MikroORM call
 * resolves. Nothing is invalidated for a transaction (or savepoint) that rolls back.
 *
 * @param orm an initialized `MikroORM` with a SQL driver (`@mikro-orm/better-sqlite`, `postgresql`, ...).
 * @throws CachemeError `E_INVALID_OPTION` for a malformed option; `E_ADAPTER` (through `cm.attach`) when
 *   the ORM has no entity metadata (not initialized) or no SQL driver, or an `m2m` key names no
 *   many-to-many relation of it (its `cause` is then the `E_INVALID_OPTION`).
 */
export function mikroOrmAdapter(orm: MikroORM, options?: MikroOrmAdapterOptions): CachemeAdapter {
  const resolved = resolveAdapterOptions('mikroOrmAdapter', options)
  return {
    name: 'mikro-orm',
    attach(context: AdapterContext): Detach {
      checkOrm(orm)
      const listener = new MikroOrmListener(new OrmModel(orm), resolved, context)
      const remove = OrmHooks.of(orm).add(listener)
      return async () => remove()
    },
  }
}

function checkOrm(orm: MikroORM): void {
  const metadata = orm?.getMetadata?.()
  if (!metadata || Object.keys(metadata.getAll()).length === 0) {
    throw new CachemeError(
      'E_ADAPTER',
      'the MikroORM instance has no entity metadata → attach it after `await MikroORM.init({ entities: [...] })`.',
    )
  }
  const connection = orm.em.getDriver().getConnection('write') as { execute?: unknown }
  if (typeof connection.execute !== 'function' || !orm.em.getPlatform().usesPivotTable()) {
    throw new CachemeError(
      'E_ADAPTER',
      `the MikroORM driver ${orm.em.getDriver().constructor.name} is not a SQL driver → @cacheme/mikro-orm supports the SQL drivers (@mikro-orm/postgresql, better-sqlite, sqlite, mysql, mariadb, mssql).`,
    )
  }
}

/** The unit of work's flush in progress: what onFlush captured, and the transaction its plan is on. */
interface FlushInProgress {
  readonly captured: CapturedFlush
  plannedOn: object | undefined
}

class MikroOrmListener implements OrmListener {
  readonly #changes: FlushChanges
  readonly #native: NativeWrites
  readonly #scopes: TransactionScopes<KnexTransaction>
  readonly #models: DeclaredModels
  readonly #flushes = new WeakMap<UnitOfWork, FlushInProgress>()
  readonly #watched = new WeakSet<KnexTransaction>()

  constructor(model: OrmModel, options: ResolvedAdapterOptions, context: AdapterContext) {
    this.#changes = new FlushChanges(model, options, () => context.logger)
    this.#native = new NativeWrites(model, options)
    this.#scopes = new TransactionScopes<KnexTransaction>(context, {
      adapter: 'mikro-orm',
      delivery: options.delivery,
      parentOf: (trx) => trx.parentTransaction,
    })
    this.#models = new DeclaredModels(context, 'mikro-orm', model.known(), options)
  }

  onFlush(args: FlushEventArgs): Promise<void> | undefined {
    this.#models.check()
    const trx = transactionOf(args.em)
    const captured = this.#changes.capture(args, trx)
    const started = (flush: CapturedFlush): void => {
      this.#flushes.set(args.uow, { captured: flush, plannedOn: trx })
      if (trx) this.#native.plan(trx, flush.tables)
    }
    // Synchronous unless links had to be read from the database (no promise for MikroORM to await).
    if (captured instanceof Promise) return captured.then(started)
    started(captured)
    return undefined
  }

  /** A plain flush's implicit transaction started: its statements are the flush's own. */
  afterTransactionStart(args: TransactionEventArgs): void {
    const flush = args.uow && this.#flushes.get(args.uow)
    if (!flush || !args.transaction || flush.plannedOn) return
    flush.plannedOn = args.transaction as object
    this.#native.plan(flush.plannedOn, flush.captured.tables)
  }

  afterFlush(args: FlushEventArgs): Promise<void> | undefined {
    const flush = this.#flushes.get(args.uow)
    if (!flush) return undefined
    this.#flushes.delete(args.uow)
    if (flush.plannedOn) this.#native.unplan(flush.plannedOn, flush.captured.tables)
    const set = this.#changes.resolve(args, flush.captured)
    const trx = transactionOf(args.em)
    // A plain flush has committed: its own change set goes to core as it is (no copy, no closure).
    if (!trx) return this.#scopes.deliver(set)
    this.#watchSavepoints(trx)
    this.#scopes.changes(trx).merge(set)
    return undefined
  }

  /** The root transaction committed (MikroORM awaits the delivery). A plain flush's: afterFlush delivers. */
  afterTransactionCommit(args: TransactionEventArgs): Promise<void> | undefined {
    if (args.uow || !args.transaction) return undefined
    return this.#scopes.commit(args.transaction as KnexTransaction)
  }

  afterTransactionRollback(args: TransactionEventArgs): void {
    if (args.uow || !args.transaction) return
    this.#scopes.rollback(args.transaction as KnexTransaction)
  }

  executing(query: unknown, ctx: unknown, loggerContext: unknown): NativeWrite | undefined {
    return this.#native.classify(query, ctx, loggerContext)
  }

  executed(write: NativeWrite): Promise<void> | undefined {
    this.#models.check()
    return this.#record(write.trx as KnexTransaction | undefined, (set) => this.#native.fill(write, set))
  }

  isFlushWrite(entityName: string, ctx: unknown): boolean {
    return this.#native.isPlanned(entityName, ctx)
  }

  failed(write: NativeWrite): void {
    // A failed statement ends the flush that issued it (if any): its plan must not outlive it.
    if (write.trx) this.#native.unplanAll(write.trx)
  }

  #record(trx: KnexTransaction | undefined, fill: (set: ChangeSet) => void): Promise<void> | undefined {
    if (trx) this.#watchSavepoints(trx)
    return this.#scopes.record(trx, fill)
  }

  /**
   * MikroORM reports no savepoint's end. It rolls one back by calling that knex transaction's own
   * `rollback` (an own property knex gives each transaction object): wrap it once, so that the changes
   * recorded in the savepoint (and in savepoints nested in it) are dropped with it.
   */
  #watchSavepoints(trx: KnexTransaction): void {
    for (
      let level: KnexTransaction | undefined = trx;
      level?.parentTransaction;
      level = level.parentTransaction
    ) {
      if (this.#watched.has(level)) return
      this.#watched.add(level)
      const savepoint = level
      const original = savepoint.rollback
      if (typeof original !== 'function') continue
      const scopes = this.#scopes
      try {
        ;(savepoint as { rollback: KnexTransaction['rollback'] }).rollback = function rollback(
          this: unknown,
          error?: unknown,
        ) {
          scopes.rollback(savepoint)
          return original.call(this, error)
        }
      } catch {
        // Not writable: the savepoint's changes are invalidated at the outer COMMIT (the safe side).
      }
    }
  }
}

function transactionOf(em: EntityManager): KnexTransaction | undefined {
  return em.isInTransaction() ? (em.getTransactionContext() as KnexTransaction | undefined) : undefined
}
