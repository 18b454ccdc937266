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
 * - **Read-your-writes:** TypeORM awaits the promises subscribers return, in every path this adapter uses
 *   (`SubjectExecutor` after-events, the query builders' after-events, `commitTransaction` →
 *   `afterTransactionCommit`). The adapter returns the delivery promise there, so `await repo.save(x)`,
 *   `await qb.execute()` and `await dataSource.transaction(...)` resolve only after the invalidation is
 *   delivered (or queued by core when Redis is unreachable, in which case core bypasses the cache).
 *
 * Limits (see the package README's coverage matrix): writes that fire no TypeORM event are invisible —
 * `query()` / raw SQL, `clear()` (TRUNCATE), `save/remove(..., { listeners: false })`,
 * `qb.callListeners(false)`, and rows changed by database cascades or triggers. Use `cm.invalidateModel()`
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
import { type ChangeKind, EntityChanges } from './entity-changes.js'

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
 * rolls back.
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
  readonly #scopes: TransactionScopes<QueryRunner>
  readonly #models: DeclaredModels

  constructor(dataSource: DataSource, options: ResolvedAdapterOptions, context: AdapterContext) {
    this.#changes = new EntityChanges(dataSource, options, () => context.logger)
    this.#scopes = new TransactionScopes(context, { adapter: 'typeorm', delivery: options.delivery })
    this.#models = new DeclaredModels(context, 'typeorm', this.#changes.known(), options)
  }

  afterInsert(event: InsertEvent<ObjectLiteral>): Promise<void> | undefined {
    const { metadata, entity } = event
    if (metadata.isJunction)
      return this.#record(event.queryRunner, (set) =>
        this.#changes.junction(set, metadata, event.entityId ?? entity),
      )
    return this.#record(event.queryRunner, (set) =>
      this.#changes.inserted(set, metadata, event.entityId, entity),
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

  afterRemove(event: RemoveEvent<ObjectLiteral>): Promise<void> | undefined {
    return this.#removal(event, 'remove')
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

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.#scopes.rollback(event.queryRunner, { outermost: !event.queryRunner.isTransactionActive })
  }

  /** remove / softRemove / recover: the entity's id is already cleared, the loaded row still has it. */
  #removal(event: RemoveEvent<ObjectLiteral>, kind: ChangeKind): Promise<void> | undefined {
    const { metadata, databaseEntity, entityId } = event
    if (metadata.isJunction) {
      const row = entityId !== undefined ? metadata.ensureEntityIdMap(entityId) : undefined
      return this.#record(event.queryRunner, (set) => this.#changes.junction(set, metadata, row))
    }
    const view = databaseEntity ?? (entityId !== undefined ? metadata.ensureEntityIdMap(entityId) : undefined)
    return this.#record(event.queryRunner, (set) =>
      this.#changes.entity(set, metadata, kind, entityId, view ? [view] : []),
    )
  }

  #record(runner: QueryRunner, fill: (set: ChangeSet) => void): Promise<void> | undefined {
    this.#models.check()
    return this.#scopes.record(runner.isTransactionActive ? runner : undefined, fill)
  }
}
