/**
 * The global hooks the adapter adds to a Sequelize instance (`sequelize.addHook`, so they also run for
 * the through models Sequelize generates), mapped onto core's helpers.
 *
 * Every `after*` hook records into the transaction of its statement (`options.transaction`, which
 * Sequelize fills from CLS for managed transactions under `Sequelize.useCLS`) and returns nothing, or —
 * outside a transaction — returns the delivery promise, which Sequelize awaits before the write resolves.
 * The `before*` hooks only look things up that the `after*` hook can no longer see (links a delete
 * cascades away; whether a conflict-handling `bulkCreate` was given its primary keys).
 *
 * Transactions: Sequelize has no "transaction started" hook. The first time a hook sees a transaction,
 * `t.afterCommit(() => scopes.commit(t))` is registered on it and on every savepoint above it
 * (`t.parent`). Sequelize 6 awaits those callbacks in `commit()`, so `await t.commit()` and the managed
 * `sequelize.transaction(cb)` resolve after delivery. A savepoint's callback runs when it is released
 * (its changes merge into the parent level); rollbacks run no callback, and core's `TransactionScopes`
 * reads `t.finished === 'rollback'` to drop them.
 *
 * On an in-memory SQLite (one connection for everything, `shared-connection.ts`) two query hooks are added:
 * `beforeQuery` learns which transactions are open, `afterQuery` which one rolled back, and a change made
 * without `transaction` is also recorded into the transactions open on that connection.
 */
import type { AdapterContext, ChangeSet, DeclaredModels, TransactionScopes } from '@cacheme/core/adapter'
import type { Model, Transaction } from 'sequelize'
import { type LookedUp, lookUpLinks } from './link-lookup.js'
import type { AnyModel, Junction, ModelInfo, ModelMap } from './model-map.js'
import type { ChangeKind, RowChanges } from './row-changes.js'
import type { SharedConnection } from './shared-connection.js'
import { isKeyValue, type KeyValue, pinnedValues } from './where-values.js'

/** What the hooks read from Sequelize's options objects (typed loosely by Sequelize per hook). */
interface HookOptions {
  readonly transaction?: Transaction | null
  readonly model?: AnyModel
  readonly where?: unknown
  readonly attributes?: Readonly<Record<string, unknown>>
  readonly updateOnDuplicate?: readonly string[]
  readonly ignoreDuplicates?: boolean
  /** Set by Sequelize on `COMMIT`, `ROLLBACK` and `ROLLBACK TO SAVEPOINT` statements. */
  readonly completesTransaction?: boolean
}

type Returned = Promise<void> | undefined

/** Dialects whose `bulkCreate` numbers new rows back from the last inserted id (no `RETURNING`). */
const LAST_ID_DIALECTS: ReadonlySet<string> = new Set(['sqlite', 'mysql', 'mariadb'])

/** The hooks of one attached adapter, by Sequelize hook name. */
export interface HookTable {
  afterCreate(instance: Model, options: HookOptions): Returned
  afterUpdate(instance: Model, options: HookOptions): Returned
  beforeDestroy(instance: Model, options: HookOptions): Promise<void>
  afterDestroy(instance: Model, options: HookOptions): Returned
  beforeRestore(instance: Model, options: HookOptions): Promise<void>
  afterRestore(instance: Model, options: HookOptions): Returned
  afterUpsert(result: readonly [Model, boolean | null], options: HookOptions): Returned
  beforeBulkCreate(instances: readonly Model[], options: HookOptions): void
  afterBulkCreate(instances: readonly Model[], options: HookOptions): Returned
  afterBulkUpdate(options: HookOptions): Returned
  beforeBulkDestroy(options: HookOptions): Promise<void>
  afterBulkDestroy(options: HookOptions): Returned
  beforeBulkRestore(options: HookOptions): Promise<void>
  afterBulkRestore(options: HookOptions): Returned
  /** Only on a shared connection (see `shared-connection.ts`). */
  beforeQuery?(options: HookOptions): void
  /** Only on a shared connection. */
  afterQuery?(options: HookOptions): Returned
}

export interface HookParts {
  readonly context: AdapterContext
  readonly map: ModelMap
  readonly rows: RowChanges
  readonly models: DeclaredModels
  readonly scopes: TransactionScopes<Transaction>
  /** Present when every statement runs on one connection (an in-memory SQLite). */
  readonly shared?: SharedConnection | undefined
}

/** Builds the hook table of one attached adapter. */
export function cachemeHooks({ context, map, rows, models, scopes, shared }: HookParts): HookTable {
  const watched = new WeakSet<Transaction>()
  /** Links looked up in a `before*` hook, by instance (or by options object for bulk deletes). */
  const found = new WeakMap<object, LookedUp>()
  /** `bulkCreate` calls with conflict handling whose instances did not all carry a primary key. */
  const unidentified = new WeakSet<object>()

  const watch = (transaction: Transaction): void => {
    for (let level: Transaction | undefined = transaction; level && !watched.has(level); ) {
      watched.add(level)
      const ended: Transaction = level
      ended.afterCommit(() => scopes.commit(ended))
      level = (ended as Transaction & { parent?: Transaction }).parent
    }
  }
  const record = (options: HookOptions, fill: (set: ChangeSet) => void): Returned => {
    models.check()
    const transaction = options.transaction ?? undefined
    if (transaction) {
      watch(transaction)
      return scopes.record(transaction, fill)
    }
    // On the one shared connection a statement without `transaction` ran inside whatever transaction is
    // open there, and a ROLLBACK undoes it with that transaction's own changes.
    const hosts = shared?.hosts()
    if (!hosts || hosts.length === 0) return scopes.record(undefined, fill)
    return Promise.all(
      hosts.map((host) => {
        watch(host)
        return scopes.record(host, fill)
      }),
    ).then(() => undefined)
  }
  const modelOf = (instance: Model): AnyModel => instance.constructor as AnyModel
  /** Through rows: both sides of each link, and the row's own keys when the through model is an entity. */
  const throughRows = (
    options: HookOptions,
    junction: Junction,
    info: ModelInfo | undefined,
    kind: ChangeKind,
    instances: readonly Model[],
  ): Returned =>
    record(options, (set) => {
      for (const instance of instances) {
        rows.junctionRow(set, junction, instance)
        if (info) rows.instance(set, info, kind, instance)
      }
    })

  const instanceChanged = (instance: Model, options: HookOptions, kind: ChangeKind): Returned => {
    const model = modelOf(instance)
    const junction = map.junction(model)
    const info = map.model(model)
    if (junction) return throughRows(options, junction, info, kind, [instance])
    if (!info) return undefined
    const links = found.get(instance)
    found.delete(instance)
    return record(options, (set) => {
      rows.instance(set, info, kind, instance)
      if (links === 'unknown') rows.unknownRows(set, info, kind)
      else if (links) rows.links(set, links)
    })
  }
  const lookUpInstance = async (instance: Model, options: HookOptions): Promise<void> => {
    const info = map.model(modelOf(instance))
    if (!info || info.links.length === 0) return
    const results = await Promise.all(
      info.links.map((link) => {
        const value = instance.getDataValue(link.key)
        return lookUpLinks([link], isKeyValue(value) ? [value] : [], options.transaction, context.logger)
      }),
    )
    found.set(instance, merge(results))
  }

  /** Bulk statements by criteria: the rows their `where` pins by primary key, else the whole model. */
  const bulk = (options: HookOptions, kind: ChangeKind): Returned => {
    const model = options.model
    if (!model) return undefined
    const junction = map.junction(model)
    if (junction) return record(options, (set) => rows.junctionWhere(set, junction, options.where))
    const info = map.model(model)
    if (!info) return undefined
    const ids = pinnedIds(info, options, kind)
    const links = found.get(options)
    found.delete(options)
    return record(options, (set) => {
      if (!ids) {
        rows.unknownRows(set, info, kind)
        return
      }
      rows.ids(set, info, kind, ids)
      if (links === 'unknown' || (links === undefined && kind !== 'update' && info.links.length > 0)) {
        rows.unknownRows(set, info, kind)
      } else if (links) rows.links(set, links)
    })
  }
  const lookUpBulk = async (options: HookOptions, kind: ChangeKind): Promise<void> => {
    const info = options.model && map.model(options.model)
    if (!info || info.links.length === 0) return
    const ids = pinnedIds(info, options, kind)
    if (!ids || info.links.some((link) => link.key !== info.primaryKey?.attribute)) return
    found.set(options, await lookUpLinks(info.links, ids, options.transaction, context.logger))
  }

  const queryHooks: Pick<HookTable, 'beforeQuery' | 'afterQuery'> = shared
    ? {
        beforeQuery: (options) => shared.statement(options.transaction),
        afterQuery: (options) =>
          options.completesTransaction && options.transaction ? shared.ended(options.transaction) : undefined,
      }
    : {}

  return {
    ...queryHooks,
    afterCreate: (instance, options) => instanceChanged(instance, options, 'insert'),
    afterUpdate: (instance, options) => instanceChanged(instance, options, 'update'),
    beforeDestroy: (instance, options) => lookUpInstance(instance, options),
    afterDestroy: (instance, options) => instanceChanged(instance, options, 'destroy'),
    beforeRestore: (instance, options) => lookUpInstance(instance, options),
    afterRestore: (instance, options) => instanceChanged(instance, options, 'restore'),
    afterUpsert([instance], options) {
      const model = modelOf(instance)
      const junction = map.junction(model)
      const info = map.model(model)
      if (junction) return throughRows(options, junction, info, 'upsert', [instance])
      if (!info) return undefined
      // The conflict may be on a unique column other than the key: then the given id names nothing.
      return record(options, (set) => {
        if (info.otherUniques) rows.unknownRows(set, info, 'upsert')
        else rows.instance(set, info, 'upsert', instance)
      })
    },
    beforeBulkCreate(instances, options) {
      const info = options.model && map.model(options.model)
      if (!info) return
      const given = instances.filter((instance) => instance.get(info.primaryKeys[0] ?? '') != null).length
      if (given === instances.length) return
      // With conflict handling the ids the dialect reports may name other rows. And where it reports
      // ids counted back from the last inserted one (SQLite, MySQL, MariaDB: no RETURNING), rows given a
      // key of their own break that count: SQLite reports 999 for a row inserted as 3 when the next row
      // was given 1000.
      const counted = LAST_ID_DIALECTS.has(info.model.sequelize?.getDialect() ?? '')
      if (options.updateOnDuplicate || options.ignoreDuplicates || (counted && given > 0)) {
        unidentified.add(options)
      }
    },
    afterBulkCreate(instances, options) {
      const model = options.model ?? (instances[0] && modelOf(instances[0]))
      if (!model) return undefined
      const junction = map.junction(model)
      const info = map.model(model)
      if (junction) return throughRows(options, junction, info, 'insert', instances)
      if (!info) return undefined
      const conflicts = Boolean(options.updateOnDuplicate || options.ignoreDuplicates)
      const coarse = unidentified.has(options) || (conflicts && info.otherUniques)
      return record(options, (set) => {
        if (coarse) rows.unknownRows(set, info, conflicts ? 'upsert' : 'insert')
        else for (const instance of instances) rows.instance(set, info, 'insert', instance)
      })
    },
    afterBulkUpdate: (options) => bulk(options, 'update'),
    beforeBulkDestroy: (options) => lookUpBulk(options, 'destroy'),
    afterBulkDestroy: (options) => bulk(options, 'destroy'),
    beforeBulkRestore: (options) => lookUpBulk(options, 'restore'),
    afterBulkRestore: (options) => bulk(options, 'restore'),
  }
}

/**
 * The primary keys a bulk statement's `where` pins, when they say everything: single-column key, no
 * custom key (it may depend on columns the statement did not load), and an update that does not move
 * the key itself.
 */
function pinnedIds(info: ModelInfo, options: HookOptions, kind: ChangeKind): KeyValue[] | undefined {
  if (!info.primaryKey || info.customKey) return undefined
  if (
    kind === 'update' &&
    options.attributes &&
    Object.hasOwn(options.attributes, info.primaryKey.attribute)
  ) {
    return undefined
  }
  return pinnedValues(options.where, info.primaryKey)
}

function merge(results: readonly LookedUp[]): LookedUp {
  if (results.includes('unknown')) return 'unknown'
  return (results as Exclude<LookedUp, 'unknown'>[]).flat()
}
