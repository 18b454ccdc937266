/**
 * What a TypeORM entity event means in invalidation keys. The policy itself (key formats, the `cacheKey`
 * option and getter, the m2m builders) is core's `entityKeys` / `junctionKeys`; this module only digs the
 * rows and primary keys out of TypeORM's events, which differ by code path:
 *
 * | path                                   | what the event carries                                      |
 * |----------------------------------------|-------------------------------------------------------------|
 * | `save()` insert                        | `entity` with its generated id                              |
 * | `save()` update                        | `entity` (maybe a partial plain object) + `databaseEntity`  |
 * | `remove()` / `softRemove()` / `recover()` | `databaseEntity` + `entityId`; `entity`'s id is already cleared |
 * | junction row via `save()`              | `entityId` = `{ ownerColumn, inverseColumn }`, no `entity`  |
 * | junction row via `RelationQueryBuilder.add()` | `entity` = the inserted values, by column name        |
 * | QueryBuilder `insert()` / `upsert()`   | `entity` = the inserted values, with the id the driver reported |
 * | QueryBuilder `update()` / `delete()` / `softDelete()`, `RelationQueryBuilder.remove()` / `.set()` | no row at all |
 *
 * Whatever carries no primary key becomes "unknown rows of this model" (`invalidateModel`): coarse, never
 * stale. A `cacheKey` getter or option that throws or returns garbage is logged and also degrades to the
 * model-wide invalidation, so a bad key function never fails the user's write.
 */

import type { AdapterOptions, KnownModels, Logger, M2mRelation } from '@cacheme/core/adapter'
import { type ChangeSet, entityKeys, junctionKeys } from '@cacheme/core/adapter'
import type { DataSource, EntityMetadata, ObjectLiteral } from 'typeorm'

/** TypeORM does not export `ColumnMetadata` from its entry point; derive it instead of deep-importing. */
type ColumnMetadata = EntityMetadata['ownerColumns'][number]

/** A many-to-many relation as seen from its junction table: the relation, and the columns of each side. */
interface Junction {
  readonly relation: M2mRelation
  readonly ownerColumns: readonly ColumnMetadata[]
  readonly inverseColumns: readonly ColumnMetadata[]
}

/** Kinds of entity events, used as the invalidation cause (`typeorm:update+m2m`, ...). */
export type ChangeKind = 'insert' | 'update' | 'remove' | 'soft-remove' | 'recover'

export class EntityChanges {
  readonly #options: AdapterOptions
  readonly #logger: () => Logger
  readonly #junctions = new Map<EntityMetadata, Junction>()
  /** Entity name → the many-to-many relations it is a side of. */
  readonly #relationsOf = new Map<string, M2mRelation[]>()
  readonly #entities: string[] = []
  readonly #customKey = new WeakMap<EntityMetadata, boolean>()
  readonly #hasUniques = new WeakMap<EntityMetadata, boolean>()
  readonly #warnedRelations = new Set<string>()

  constructor(dataSource: DataSource, options: AdapterOptions, logger: () => Logger) {
    this.#options = options
    this.#logger = logger
    for (const metadata of dataSource.entityMetadatas) {
      if (!metadata.isJunction) this.#entities.push(metadata.name)
      for (const relation of metadata.ownerManyToManyRelations) {
        const junction = relation.junctionEntityMetadata
        if (!junction) continue
        const m2m: M2mRelation = {
          relation: `${metadata.name}.${relation.propertyPath}`,
          owner: { entity: metadata.name, property: relation.propertyPath },
          inverse: {
            entity: relation.inverseEntityMetadata.name,
            property: relation.inverseRelation?.propertyPath,
          },
          junction: junction.name,
        }
        this.#relate(m2m.owner.entity, m2m)
        if (m2m.inverse.entity !== m2m.owner.entity) this.#relate(m2m.inverse.entity, m2m)
        this.#junctions.set(junction, {
          relation: m2m,
          ownerColumns: junction.ownerColumns,
          inverseColumns: junction.inverseColumns,
        })
      }
    }
  }

  /** What this DataSource knows, for core's declared-models check. */
  known(): KnownModels {
    return { entities: this.#entities, relations: [...this.#junctions.values()].map((j) => j.relation) }
  }

  /**
   * Records a change of a regular entity row. `id` is the primary key when the event names it; `views`
   * are the states of the row the keys are computed from (old and new for an update).
   */
  entity(
    set: ChangeSet,
    metadata: EntityMetadata,
    kind: ChangeKind,
    id: unknown,
    views: readonly ObjectLiteral[],
  ): void {
    if (id === undefined || id === null || views.length === 0) {
      set.addModel(metadata.name, kind)
      // Deleting unknown rows also deletes (by FK cascade, no event) their junction rows, so the other
      // side's m2m keys are stale too: we cannot name them, so their whole model goes.
      if (kind !== 'insert' && kind !== 'update') {
        for (const relation of this.#relationsOf.get(metadata.name) ?? []) set.addRelation(relation, 'm2m')
      }
      return
    }
    try {
      // Without a custom key the key depends on the id only: one view is enough (the hot path of save()).
      const relevant = this.#hasCustomKey(metadata) ? views : views.slice(0, 1)
      for (const view of relevant)
        set.addKeys(entityKeys(this.#options, metadata.name, this.#instance(metadata, view), id), kind)
    } catch (error) {
      this.#logger().error(
        { err: error, entity: metadata.name },
        `cacheme/typeorm: could not compute the cache key of a ${metadata.name} entity; invalidating every ${metadata.name} key instead`,
      )
      set.addModel(metadata.name, kind)
    }
  }

  /**
   * Records an inserted row. `entityId` is set on the `save()` path, where it is reliable. Query-builder
   * inserts only carry the values with the id the driver reported — and for an upsert that updated an
   * existing row through a unique column other than the primary key, that id can name another row
   * (better-sqlite3 reports the last *inserted* rowid). Such entities get the model-wide invalidation.
   */
  inserted(
    set: ChangeSet,
    metadata: EntityMetadata,
    entityId: unknown,
    entity: ObjectLiteral | undefined,
  ): void {
    let id = entityId
    if (
      id === undefined &&
      entity &&
      !this.#mayUpsertElsewhere(metadata) &&
      metadata.hasAllPrimaryKeys(entity)
    ) {
      id = metadata.getEntityIdMixedMap(entity)
    }
    this.entity(set, metadata, 'insert', id, entity ? [entity] : [])
  }

  #mayUpsertElsewhere(metadata: EntityMetadata): boolean {
    let unique = this.#hasUniques.get(metadata)
    if (unique === undefined) {
      unique = metadata.uniques.length > 0 || metadata.indices.some((index) => index.isUnique)
      this.#hasUniques.set(metadata, unique)
    }
    return unique
  }

  /** Records an inserted or deleted junction row; `row` is `undefined` when the event names no row. */
  junction(set: ChangeSet, metadata: EntityMetadata, row: ObjectLiteral | undefined): void {
    const junction = this.#junctions.get(metadata)
    if (!junction) {
      // A junction table of a relation we could not map: fall back to the junction's own model key.
      set.addModel(metadata.name, 'm2m')
      return
    }
    const { relation } = junction
    const ownerId = row && sideId(row, junction.ownerColumns)
    const inverseId = row && sideId(row, junction.inverseColumns)
    if (ownerId === undefined || inverseId === undefined) {
      this.#unknownLinks(set, relation)
      return
    }
    const owner = { ...relation.owner, id: ownerId }
    const inverse = { ...relation.inverse, id: inverseId }
    try {
      set.addKeys(junctionKeys(this.#options, { ...relation, owner, inverse }), 'm2m')
    } catch (error) {
      this.#logger().error(
        { err: error, relation: relation.relation },
        `cacheme/typeorm: an m2m key builder of '${relation.relation}' failed; invalidating both models instead`,
      )
      this.#unknownLinks(set, relation)
    }
  }

  #relate(entity: string, relation: M2mRelation): void {
    const relations = this.#relationsOf.get(entity)
    if (relations) relations.push(relation)
    else this.#relationsOf.set(entity, [relation])
  }

  /** Junction rows changed but the event does not say which (`RelationQueryBuilder.remove()`, QB deletes). */
  #unknownLinks(set: ChangeSet, relation: M2mRelation): void {
    set.addRelation(relation, 'm2m')
    const name = relation.relation
    if (this.#options.m2m?.[name] && !this.#warnedRelations.has(name)) {
      this.#warnedRelations.add(name)
      this.#logger().warn(
        { relation: name },
        `cacheme/typeorm: junction rows of '${name}' were changed without naming them (e.g. RelationQueryBuilder.remove()); both models were invalidated, but keys of your custom m2m builders cannot be computed without ids → change the relation through save(), or call cm.invalidate() for them`,
      )
    }
  }

  /** Whether the `cacheKey` option or an entity getter may make keys depend on more than the id. */
  #hasCustomKey(metadata: EntityMetadata): boolean {
    if (this.#options.cacheKey) return true
    let custom = this.#customKey.get(metadata)
    if (custom === undefined) {
      custom = typeof metadata.target === 'function' && 'cacheKey' in metadata.target.prototype
      this.#customKey.set(metadata, custom)
    }
    return custom
  }

  /**
   * The entity's getters must see the row: `save(Book, { id, title })` passes plain objects, which lack the
   * class's `cacheKey` getter. Re-home them on the class prototype (no constructor runs).
   */
  #instance(metadata: EntityMetadata, view: ObjectLiteral): object {
    const target = metadata.target
    if (typeof target !== 'function' || view instanceof target || !this.#hasCustomKey(metadata)) return view
    return Object.assign(Object.create(target.prototype as object) as object, view)
  }
}

/**
 * One side's id from a junction row. Events name junction columns by property (`save()` path) or by
 * database name (query-builder path). Single-column keys give the bare value; composite keys an object
 * in column order (core's `formatId` joins it with `,`).
 */
function sideId(row: ObjectLiteral, columns: readonly ColumnMetadata[]): unknown {
  const values: Record<string, unknown> = {}
  for (const column of columns) {
    const value = row[column.propertyName] ?? row[column.databaseName]
    if (value === undefined || value === null) return undefined
    values[column.referencedColumn?.propertyName ?? column.propertyName] = value
  }
  const keys = Object.keys(values)
  return keys.length === 1 ? values[keys[0]!] : values
}
