/**
 * `typeormAdapter(dataSource, options)` — invalidates cacheme entries when TypeORM writes the rows they
 * were computed from, after the transaction commits.
 *
 * Mechanics (TypeORM 1.x, checked against its source and by the test suite):
 * - One **global** subscriber is pushed into `dataSource.subscribers` (a public array). A subscriber with
 *   `listenTo()` would miss junction-table events: their target is the junction table, not an entity.
 * - Entity events fire **before** COMMIT, on the query runner of the statement. Changes wait in core's
 *   `TransactionScopes`, keyed by query runner: TypeORM broadcasts `afterTransactionStart` / `Commit` /
 *   `Rollback` for the transaction **and** for every savepoint (nested `startTransaction()`), so the
 *   nesting is counted from those events, and `queryRunner.isTransactionActive` (false only once the
 *   outermost transaction ended) tells the real COMMIT/ROLLBACK from a savepoint's. Outside a transaction
 *   (query builders run in autocommit) changes are delivered from the event itself.
 * - **SQLite shares one connection.** TypeORM's SQLite drivers (better-sqlite3, sql.js, Capacitor,
 *   Cordova, Expo, NativeScript, React Native) run every statement of a DataSource on one query runner:
 *   readers see uncommitted rows, and a `save()` that starts while another transaction is open runs
 *   inside it and resolves with no commit of its own. So on those drivers the scopes run with core's
 *   `sharedConnection`: a change is invalidated when it is made (the event awaits it), again at COMMIT
 *   (not for an in-memory database, which no other connection can read), and again on ROLLBACK (values
 *   read from rolled-back rows).
 * - **Links the database cascades away** when a row is removed, which TypeORM does not report (the side
 *   of a one-directional many-to-many without a property, the second direction of a self-reference): read
 *   from the junction table in `beforeRemove` (`cascaded-links.ts`) and recorded with the removal.
 * - **Upserts:** the primary key the values carry is captured in `beforeInsert`, before better-sqlite3's
 *   reported rowid overwrites it (see `EntityChanges.inserted`).
 * - **Read-your-writes:** TypeORM awaits the promises subscribers return, in every path this adapter uses
 *   (`SubjectExecutor` before/after-events, the query builders' after-events, `commitTransaction` →
 *   `afterTransactionCommit`, `rollbackTransaction` → `afterTransactionRollback`). The adapter returns the delivery promise there, so `await repo.save(x)`,
 *   `await qb.execute()` and `await dataSource.transaction(...)` resolve only after the invalidation is
 *   delivered (or queued by core when Redis is unreachable, in which case core bypasses the cache).
 *
 * Limits (see the package README's coverage matrix): writes that fire no TypeORM event are invisible —
 * `query()` / raw SQL, `clear()` (TRUNCATE), `save/remove(..., { listeners: false })`,
 * `qb.callListeners(false)`, and rows changed by triggers or by cascades on regular foreign keys. Use `cm.invalidateModel()`
 * (or `cm.invalidate(keys)`) after those.
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
  DataSource,
  EntityMetadata,
  EntitySubscriberInterface,
  InsertEvent,
  ObjectLiteral,
  QueryRunner,
  RecoverEvent,
  RemoveEvent,
  SoftRemoveEvent,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  TransactionStartEvent,
  UpdateEvent,
} from 'typeorm'
import { CascadedLinks, type CascadedLookup } from './cascaded-links.js'
import { type ChangeKind, EntityChanges } from './entity-changes.js'

/**
 * TypeORM's SQLite family (its own `DriverUtils.isSQLiteFamily`, which is not exported): drivers whose
 * DataSource has one shared query runner, so one connection for every reader and transaction.
 */
const SHARED_CONNECTION_DRIVERS: ReadonlySet<string> = new Set([
  'better-sqlite3',
  'capacitor',
  'cordova',
  'expo',
  'nativescript',
  'react-native',
  'sqljs',
])

/**
 * How the DataSource's readers relate to its transactions (core's `sharedConnection`): `false` for pooled
 * drivers; `'private'` for a database no other connection can open — sql.js (always in memory) and
 * better-sqlite3 on `:memory:` or `''` (an anonymous temporary database) — so nothing needs delivering
 * again at COMMIT; `true` for the other SQLite drivers (a file another process may open).
 */
function connectionSharing(options: DataSource['options']): boolean | 'private' {
  if (!SHARED_CONNECTION_DRIVERS.has(options.type)) return false
  if (options.type === 'sqljs') return 'private'
  if (options.type === 'better-sqlite3' && (options.database === ':memory:' || options.database === '')) {
    return 'private'
  }
  return true
}

/**
 * Options of {@link typeormAdapter}: the options every cacheme adapter shares (`cacheKey`, `m2m`,
 * `delivery`), with the same names and meaning as in the Sequelize and MikroORM adapters.
 */
export type TypeormAdapterOptions = AdapterOptions

/**
 * Creates the TypeORM adapter. Attach it with `const detach = await cm.attach(typeormAdapter(dataSource))`.
 *
 * Guarantees, once attached: every insert, update, delete, soft delete, recover and many-to-many link
 * change made through TypeORM's entity API, repositories or query builders invalidates the affected keys
 * (see the README's coverage matrix) — after COMMIT when inside a transaction, at once otherwise, and
 * before the awaited TypeORM call resolves. Nothing is invalidated for a transaction (or savepoint) that
 * rolls back — except on SQLite, whose one shared connection shows every reader uncommitted rows: there a
 * change is invalidated when made, again at COMMIT (database files) and again on ROLLBACK.
 *
 * @param dataSource an **initialized** DataSource (its entity metadata must exist at attach time).
 * @throws CachemeError `E_INVALID_OPTION` for a malformed option; `E_ADAPTER` (through `cm.attach`) when
 *   the DataSource is not initialized, or an `m2m` key names no many-to-many relation of it (its `cause`
 *   is then the `E_INVALID_OPTION`).
 */
export function typeormAdapter(dataSource: DataSource, options?: TypeormAdapterOptions): CachemeAdapter {
  const resolved = resolveAdapterOptions('typeormAdapter', options)
  return {
    name: 'typeorm',
    source: dataSource,
    attach(context: AdapterContext): Detach {
      if (!dataSource.isInitialized) {
        throw new CachemeError(
          'E_ADAPTER',
          'the TypeORM DataSource is not initialized → call `await dataSource.initialize()` before `cm.attach(typeormAdapter(dataSource))`.',
        )
      }
      const subscriber = new CachemeSubscriber(dataSource, resolved, context)
      dataSource.subscribers.push(subscriber)
      return async () => {
        const index = dataSource.subscribers.indexOf(subscriber)
        if (index !== -1) dataSource.subscribers.splice(index, 1)
      }
    },
  }
}

/**
 * The global subscriber: TypeORM's events mapped onto core's helpers. Each entity handler records into
 * the query runner's innermost transaction level and returns nothing (no promise for TypeORM to await),
 * or — outside a transaction — returns the delivery promise.
 */
class CachemeSubscriber implements EntitySubscriberInterface<ObjectLiteral> {
  readonly #changes: EntityChanges
  readonly #cascaded: CascadedLinks
  readonly #scopes: TransactionScopes<QueryRunner>
  readonly #models: DeclaredModels
  /** Primary keys the insert values carried before the statement (see `EntityChanges.inserted`). */
  readonly #givenIds = new WeakMap<ObjectLiteral, unknown>()
  /** Links found before a DELETE, by the removed row (the same object reaches both events). */
  readonly #cascades = new WeakMap<ObjectLiteral, Promise<CascadedLookup>>()

  constructor(dataSource: DataSource, options: ResolvedAdapterOptions, context: AdapterContext) {
    this.#changes = new EntityChanges(dataSource, options, () => context.logger)
    this.#cascaded = new CascadedLinks(this.#changes.junctions(), this.#changes.hierarchy)
    this.#scopes = new TransactionScopes(context, {
      adapter: 'typeorm',
      delivery: options.delivery,
      sharedConnection: connectionSharing(dataSource.options),
    })
    this.#models = new DeclaredModels(context, 'typeorm', this.#changes.known(), options)
  }

  beforeInsert(event: InsertEvent<ObjectLiteral>): void {
    const { metadata, entity } = event
    if (metadata.isJunction || !entity) return
    const given = this.#changes.givenId(metadata, entity)
    if (given !== undefined) this.#givenIds.set(entity, given)
  }

  afterInsert(event: InsertEvent<ObjectLiteral>): Promise<void> | undefined {
    const { metadata, entity } = event
    if (metadata.isJunction)
      return this.#record(event.queryRunner, (set) =>
        this.#changes.junction(set, metadata, event.entityId ?? entity),
      )
    const given = entity ? this.#givenIds.get(entity) : undefined
    if (given !== undefined) this.#givenIds.delete(entity)
    return this.#record(event.queryRunner, (set) =>
      this.#changes.inserted(set, metadata, event.entityId, entity, given),
    )
  }

  afterUpdate(event: UpdateEvent<ObjectLiteral>): Promise<void> | undefined {
    const { metadata, entity, databaseEntity } = event
    if (metadata.isJunction)
      return this.#record(event.queryRunner, (set) => this.#changes.junction(set, metadata, undefined))
    // Only save() loads the row first; query-builder updates carry the SET values and no row.
    const id = databaseEntity ? metadata.getEntityIdMixedMap(databaseEntity) : undefined
    const views = databaseEntity ? [databaseEntity, { ...databaseEntity, ...entity }] : []
    return this.#record(event.queryRunner, (set) => this.#changes.entity(set, metadata, 'update', id, views))
  }

  /**
   * Before a row is deleted: reads the links the junction tables will cascade away without an event.
   * TypeORM awaits it; the lookup never rejects.
   */
  beforeRemove(event: RemoveEvent<ObjectLiteral>): Promise<void> | undefined {
    const { metadata, databaseEntity } = event
    if (metadata.isJunction || !databaseEntity || !this.#cascaded.cascades(metadata)) return undefined
    const lookup = this.#cascaded.find(event.manager, metadata, databaseEntity)
    this.#cascades.set(databaseEntity, lookup)
    return lookup.then(() => undefined)
  }

  async afterRemove(event: RemoveEvent<ObjectLiteral>): Promise<void> {
    const lookup = event.databaseEntity ? this.#cascades.get(event.databaseEntity) : undefined
    if (!lookup) return this.#removal(event, 'remove')
    this.#cascades.delete(event.databaseEntity)
    return this.#removal(event, 'remove', await lookup)
  }

  afterSoftRemove(event: SoftRemoveEvent<ObjectLiteral>): Promise<void> | undefined {
    return this.#removal(event, 'soft-remove')
  }

  afterRecover(event: RecoverEvent<ObjectLiteral>): Promise<void> | undefined {
    return this.#removal(event, 'recover')
  }

  /** The transaction or, when one is already open on this runner, a savepoint started. */
  afterTransactionStart(event: TransactionStartEvent): void {
    this.#scopes.begin(event.queryRunner)
  }

  /** Resolves after delivery when the outermost transaction committed: TypeORM awaits it. */
  afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    return this.#scopes.commit(event.queryRunner, { outermost: !event.queryRunner.isTransactionActive })
  }

  /** Resolves at once — or, on a shared connection, once what the rolled-back level changed is invalidated. */
  afterTransactionRollback(event: TransactionRollbackEvent): Promise<void> {
    return this.#scopes.rollback(event.queryRunner, { outermost: !event.queryRunner.isTransactionActive })
  }

  /** remove / softRemove / recover: the entity's id is already cleared, the loaded row still has it. */
  #removal(
    event: RemoveEvent<ObjectLiteral>,
    kind: ChangeKind,
    cascaded?: CascadedLookup,
  ): Promise<void> | undefined {
    const { metadata, databaseEntity, entityId } = event
    if (metadata.isJunction) {
      const row = idRow(metadata, entityId)
      return this.#record(event.queryRunner, (set) => this.#changes.junction(set, metadata, row))
    }
    const view = databaseEntity ?? idRow(metadata, entityId)
    return this.#record(event.queryRunner, (set) => {
      this.#changes.entity(set, metadata, kind, entityId, view ? [view] : [])
      if (cascaded) this.#changes.cascaded(set, cascaded)
    })
  }

  #record(runner: QueryRunner, fill: (set: ChangeSet) => void): Promise<void> | undefined {
    this.#models.check()
    return this.#scopes.record(runner.isTransactionActive ? runner : undefined, fill)
  }
}

function idRow(metadata: EntityMetadata, entityId: unknown): ObjectLiteral | undefined {
  return entityId !== undefined ? metadata.ensureEntityIdMap(entityId) : undefined
}
