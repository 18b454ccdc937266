/**
 * What a Sequelize hook means in invalidation keys. The policy (key formats, the `cacheKey` option and
 * getter, the m2m builders) is core's `entityKeys` / `junctionKeys`; this module only digs rows and ids out
 * of Sequelize's hook arguments, which differ by code path:
 *
 * | path                                                      | what the hook carries                        |
 * |-----------------------------------------------------------|----------------------------------------------|
 * | `save()` / `create()` / `update()` / `destroy()` / `restore()` of an instance | the instance (`previous()` holds the old values) |
 * | `bulkCreate()`                                            | the built instances (ids when the dialect returned them) |
 * | `upsert()`                                                | `[instance, created]`, the instance built from the values |
 * | `Model.update/destroy/restore({ where })`                 | the options only: rows named by `where`, if at all |
 * | through rows of `add` / `set` / `remove` on `belongsToMany` | instances (`bulkCreate`) or a `where` with both foreign keys |
 *
 * Whatever names no row becomes "unknown rows of this model" (`invalidateModel`): coarse, never stale.
 * A `cacheKey` getter or option that throws or returns garbage is logged and also degrades to the
 * model-wide invalidation, so a bad key function never fails the user's write.
 */
import type { AdapterOptions, ChangeSet, Logger } from '@cacheme/core/adapter'
import { entityKeys, junctionKeys } from '@cacheme/core/adapter'
import type { Model } from 'sequelize'
import type { Column, Junction, ModelInfo } from './model-map.js'
import { isKeyValue, type KeyValue, pinnedValues } from './where-values.js'

/** Kinds of row changes, used as the invalidation cause (`sequelize:update+m2m`, ...). */
export type ChangeKind = 'insert' | 'update' | 'upsert' | 'destroy' | 'restore'

/** Links found before a delete: for one junction, the other side's keys linked to each deleted row. */
export interface FoundLinks {
  readonly junction: Junction
  /** Whether the deleted rows are on the owning side. */
  readonly owner: boolean
  /** [this side's key, the other side's key] of each junction row. */
  readonly pairs: readonly (readonly [KeyValue, KeyValue])[]
}

export class RowChanges {
  readonly #options: AdapterOptions
  readonly #logger: () => Logger
  readonly #warned = new Set<string>()

  constructor(options: AdapterOptions, logger: () => Logger) {
    this.#options = options
    this.#logger = logger
  }

  /** A changed instance of a regular model: its key(s) now, and before the change when they may differ. */
  instance(set: ChangeSet, info: ModelInfo, kind: ChangeKind, instance: Model): void {
    const views: object[] = [instance]
    if (kind === 'update') {
      // The old state's keys differ from the new one's only with a custom key, or when the key itself moved.
      const previous = instance.previous() as Record<string, unknown>
      const pkChanged = info.primaryKeys.some((key) => Object.hasOwn(previous, key))
      if ((info.customKey || pkChanged) && Object.keys(previous).length > 0) {
        const old = { ...instance.get({ plain: true }), ...previous }
        views.push(info.model.build(old, { raw: true, isNewRecord: false }))
      }
    }
    try {
      for (const view of views) {
        const id = primaryKeyOf(info, view as Model)
        if (id === undefined) {
          set.addModel(info.name, kind)
          continue
        }
        set.addKeys(entityKeys(this.#options, info.name, view, id), kind)
      }
    } catch (error) {
      this.#keyFailed(set, info, kind, error)
    }
  }

  /**
   * Rows named only by their primary key values (a `where` that pins the key). Never called for models
   * with a custom key: those keys may depend on columns the statement did not load.
   */
  ids(set: ChangeSet, info: ModelInfo, kind: ChangeKind, ids: readonly KeyValue[]): void {
    for (const id of ids) set.addKeys(entityKeys(this.#options, info.name, {}, id), kind)
  }

  /**
   * Rows of the model changed and no one knows which. A delete or restore also changed what the other
   * side of each many-to-many relation sees (junction rows cascade away; soft-deleted rows drop out of
   * the lists), so those relations go model-wide too.
   */
  unknownRows(set: ChangeSet, info: ModelInfo, kind: ChangeKind): void {
    set.addModel(info.name, kind)
    if (kind === 'destroy' || kind === 'restore') {
      for (const link of info.links) set.addRelation(link.junction.relation, 'm2m')
    }
  }

  /** Links looked up before a delete or restore: both sides of every one of them. */
  links(set: ChangeSet, found: readonly FoundLinks[]): void {
    for (const { junction, owner, pairs } of found) {
      for (const [mine, theirs] of pairs) {
        this.#pair(set, junction, owner ? mine : theirs, owner ? theirs : mine)
      }
    }
  }

  /** A junction row given as an instance or plain values (through `bulkCreate`, `create`, `destroy`). */
  junctionRow(set: ChangeSet, junction: Junction, row: Model | Record<string, unknown>): void {
    const values = typeof (row as Model).get === 'function' ? (row as Model).get({ plain: true }) : row
    const ownerId = read(values as Record<string, unknown>, junction.ownerColumn)
    const inverseId = read(values as Record<string, unknown>, junction.inverseColumn)
    if (ownerId === undefined || inverseId === undefined) {
      this.unknownLinks(set, junction)
      return
    }
    this.#pair(set, junction, ownerId, inverseId)
    if (row !== values && typeof (row as Model).previous === 'function') {
      // An update of a through row that moved it to other rows: the old link changed too.
      const previous = (row as Model).previous() as Record<string, unknown>
      const oldOwner = read(previous, junction.ownerColumn) ?? ownerId
      const oldInverse = read(previous, junction.inverseColumn) ?? inverseId
      if (oldOwner !== ownerId || oldInverse !== inverseId) this.#pair(set, junction, oldOwner, oldInverse)
    }
  }

  /** Junction rows named by a `where` (`removeUsers`, `set` replacing links, a through-model update). */
  junctionWhere(set: ChangeSet, junction: Junction, where: unknown): void {
    const owners = pinnedValues(where, junction.ownerColumn)
    const inverses = pinnedValues(where, junction.inverseColumn)
    if (!owners || !inverses) {
      this.unknownLinks(set, junction)
      return
    }
    for (const owner of owners) for (const inverse of inverses) this.#pair(set, junction, owner, inverse)
  }

  /** Junction rows changed without known ids: both models model-wide and the relation keys. */
  unknownLinks(set: ChangeSet, junction: Junction): void {
    set.addRelation(junction.relation, 'm2m')
    const name = junction.relation.relation
    if (this.#options.m2m?.[name] && !this.#warned.has(name)) {
      this.#warned.add(name)
      this.#logger().warn(
        { relation: name },
        `cacheme/sequelize: junction rows of '${name}' were changed by criteria that do not name both foreign keys; both models were invalidated, but keys of your custom m2m builders cannot be computed without ids → change links through the association methods (add/remove/set), or call cm.invalidate() for them`,
      )
    }
  }

  #pair(set: ChangeSet, junction: Junction, ownerId: KeyValue, inverseId: KeyValue): void {
    const { relation } = junction
    const owner = { ...relation.owner, id: ownerId }
    const inverse = { ...relation.inverse, id: inverseId }
    try {
      set.addKeys(junctionKeys(this.#options, { ...relation, owner, inverse }), 'm2m')
    } catch (error) {
      this.#logger().error(
        { err: error, relation: relation.relation },
        `cacheme/sequelize: an m2m key builder of '${relation.relation}' failed; invalidating both models instead`,
      )
      set.addRelation(relation, 'm2m')
    }
  }

  #keyFailed(set: ChangeSet, info: ModelInfo, kind: ChangeKind, error: unknown): void {
    this.#logger().error(
      { err: error, entity: info.name },
      `cacheme/sequelize: could not compute the cache key of a ${info.name} instance; invalidating every ${info.name} key instead`,
    )
    set.addModel(info.name, kind)
  }
}

/** An instance's primary key: the bare value, or an object in key order for composite keys. */
export function primaryKeyOf(info: ModelInfo, instance: Model): unknown {
  if (info.primaryKeys.length === 0) return undefined
  const values: Record<string, unknown> = {}
  for (const key of info.primaryKeys) {
    const value: unknown = instance.getDataValue(key)
    if (value === undefined || value === null) return undefined
    values[key] = value
  }
  return info.primaryKeys.length === 1 ? values[info.primaryKeys[0]!] : values
}

function read(values: Record<string, unknown>, column: Column): KeyValue | undefined {
  const value = values[column.attribute] ?? values[column.field]
  return isKeyValue(value) ? value : undefined
}
