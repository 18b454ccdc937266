/**
 * `typeormAdapter(dataSource, options)` — invalidates cacheme entries when TypeORM writes the rows they
 * were computed from, after the transaction commits.
 *
 * Mechanics (TypeORM 1.x, checked against its source and by the test suite):
 * - One **global** subscriber is pushed into `dataSource.subscribers` (a public array). A subscriber with
 *   `listenTo()` would miss junction-table events: their target is the junction table, not an entity.
 * - Entity events fire **before** COMMIT, on the query runner of the statement. Changes are buffered per
 *   query runner (and per savepoint, see `transaction-scopes.ts`) and delivered on the outermost
 *   `afterTransactionCommit`; a rollback drops them. Outside a transaction (query builders run in
 *   autocommit) they are delivered from the event itself.
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
import type { AdapterContext, AdapterOptions, CachemeAdapter, Detach, Logger } from '@cacheme/core/adapter'
import { CachemeError, ChangeSet } from '@cacheme/core/adapter'
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
import { TransactionScopes } from './transaction-scopes.js'

/**
 * Options of {@link typeormAdapter}: the options every cacheme adapter shares (`cacheKey`, `m2m`), with
 * the same names and meaning as in the Sequelize and MikroORM adapters.
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
 * @throws CachemeError `E_ADAPTER` (through `cm.attach`) when the DataSource is not initialized.
 */
export function typeormAdapter(dataSource: DataSource, options: TypeormAdapterOptions = {}): CachemeAdapter {
  if (options.delivery !== undefined && options.delivery !== 'await' && options.delivery !== 'background') {
    throw new CachemeError(
      'E_INVALID_OPTION',
      `typeormAdapter option 'delivery' is ${JSON.stringify(options.delivery)} → use 'await' (default) or 'background'.`,
    )
  }
  return {
    name: 'typeorm',
    attach(context: AdapterContext): Detach {
      if (!dataSource.isInitialized) {
        throw new CachemeError(
          'E_ADAPTER',
          'the TypeORM DataSource is not initialized → call `await dataSource.initialize()` before `cm.attach(typeormAdapter(dataSource))`.',
        )
      }
      const subscriber = new CachemeSubscriber(dataSource, options, context)
      dataSource.subscribers.push(subscriber)
      return async () => {
        const index = dataSource.subscribers.indexOf(subscriber)
        if (index !== -1) dataSource.subscribers.splice(index, 1)
      }
    },
  }
}

/**
 * The global subscriber. Each handler either records into the current transaction level and returns
 * nothing (cheap: no promise for TypeORM to await), or delivers and returns the delivery promise.
 */
class CachemeSubscriber implements EntitySubscriberInterface<ObjectLiteral> {
  readonly #context: AdapterContext
  readonly #changes: EntityChanges
  readonly #scopes = new TransactionScopes()
  readonly #models: DeclaredModels
  readonly #delivery: Pick<AdapterOptions, 'delivery'>

  constructor(dataSource: DataSource, options: AdapterOptions, context: AdapterContext) {
    this.#context = context
    this.#delivery = { delivery: options.delivery ?? 'await' }
    this.#changes = new EntityChanges(dataSource, options, () => context.logger)
    this.#models = new DeclaredModels(dataSource, context)
    this.#models.check()
  }

  afterInsert(event: InsertEvent<ObjectLiteral>): Promise<void> | void {
    const { metadata, entity } = event
    if (metadata.isJunction)
      return this.#record(event.queryRunner, (set) =>
        this.#changes.junction(set, metadata, event.entityId ?? entity),
      )
    return this.#record(event.queryRunner, (set) =>
      this.#changes.inserted(set, metadata, event.entityId, entity),
    )
  }

  afterUpdate(event: UpdateEvent<ObjectLiteral>): Promise<void> | void {
    const { metadata, entity, databaseEntity } = event
    if (metadata.isJunction)
      return this.#record(event.queryRunner, (set) => this.#changes.junction(set, metadata, undefined))
    // Only save() loads the row first; query-builder updates carry the SET values and no row.
    const id = databaseEntity ? metadata.getEntityIdMixedMap(databaseEntity) : undefined
    const views = databaseEntity ? [databaseEntity, { ...databaseEntity, ...entity }] : []
    return this.#record(event.queryRunner, (set) => this.#changes.entity(set, metadata, 'update', id, views))
  }

  afterRemove(event: RemoveEvent<ObjectLiteral>): Promise<void> | void {
    return this.#removal(event, 'remove')
  }

  afterSoftRemove(event: SoftRemoveEvent<ObjectLiteral>): Promise<void> | void {
    return this.#removal(event, 'soft-remove')
  }

  afterRecover(event: RecoverEvent<ObjectLiteral>): Promise<void> | void {
    return this.#removal(event, 'recover')
  }

  afterTransactionStart(event: TransactionStartEvent): void {
    this.#scopes.started(event.queryRunner)
  }

  afterTransactionCommit(event: TransactionCommitEvent): Promise<void> | void {
    const set = this.#scopes.committed(event.queryRunner)
    if (set && !set.empty) return set.deliver(this.#context, 'typeorm', this.#delivery)
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.#scopes.rolledBack(event.queryRunner)
  }

  /** remove / softRemove / recover: the entity's id is already cleared, the loaded row still has it. */
  #removal(event: RemoveEvent<ObjectLiteral>, kind: ChangeKind): Promise<void> | void {
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

  #record(runner: QueryRunner, fill: (set: ChangeSet) => void): Promise<void> | void {
    this.#models.check()
    if (runner.isTransactionActive) {
      fill(this.#scopes.changes(runner))
      return
    }
    const set = new ChangeSet()
    fill(set)
    return set.deliver(this.#context, 'typeorm', this.#delivery)
  }
}

/**
 * Warns once per name when a decorator's `invalidModels` / `invalidM2mModels` lists a model TypeORM does
 * not know: no event can ever come from it, so the declaration is probably a typo. Re-checked cheaply on
 * every event, because functions are often decorated after the adapter was attached.
 */
class DeclaredModels {
  readonly #context: AdapterContext
  readonly #entities = new Set<string>()
  readonly #m2m = new Set<string>()
  readonly #seen = new Set<string>()
  #checkedSize = -1

  constructor(dataSource: DataSource, context: AdapterContext) {
    this.#context = context
    for (const metadata of dataSource.entityMetadatas) {
      if (metadata.isJunction) {
        this.#m2m.add(metadata.name)
        continue
      }
      this.#entities.add(metadata.name)
      for (const relation of metadata.manyToManyRelations)
        this.#m2m.add(`${metadata.name}.${relation.propertyPath}`)
    }
  }

  check(): void {
    const { models, m2mModels } = this.#context.declaredModels()
    const size = models.size + m2mModels.size
    if (size === this.#checkedSize) return
    this.#checkedSize = size
    for (const name of models) this.#verify(name, this.#entities.has(name), 'invalidModels')
    for (const name of m2mModels)
      this.#verify(name, this.#m2m.has(name) || this.#entities.has(name), 'invalidM2mModels')
  }

  #verify(name: string, known: boolean, option: string): void {
    if (known || this.#seen.has(name)) return
    this.#seen.add(name)
    const logger: Logger = this.#context.logger
    logger.warn(
      { model: name, option },
      `cacheme/typeorm: '${option}' lists ${JSON.stringify(name)}, which is not an entity of this DataSource → use an entity class or name (${[...this.#entities].join(', ')}), or a relation such as 'Book.users' for m2m.`,
    )
  }
}
