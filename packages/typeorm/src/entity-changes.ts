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
 * stale. Single-table inheritance: every key and model-wide invalidation covers the class's lineage
 * (itself, its ancestors, its descendants — core's `EntityHierarchy`), because `Photo:<id>` and
 * `Content:<id>` name the same row. A `cacheKey` getter or option that throws or returns garbage is logged and also degrades to the
 * model-wide invalidation, so a bad key function never fails the user's write.
 */

import type { AdapterOptions, KnownModels, Logger, M2mRelation } from '@cacheme/core/adapter'
import { type ChangeSet, EntityHierarchy, entityKeys, junctionKeys } from '@cacheme/core/adapter'
import type { DataSource, EntityMetadata, ObjectLiteral } from 'typeorm'
import type { CascadedLookup } from './cascaded-links.js'
import { type Junction, mapJunctions, sideId } from './junctions.js'

/** Kinds of entity events, used as the invalidation cause (`typeorm:update+m2m`, ...). */
export type ChangeKind = 'insert' | 'update' | 'remove' | 'soft-remove' | 'recover'

export class EntityChanges {
  readonly #options: AdapterOptions
  readonly #logger: () => Logger
  readonly #junctions: Map<EntityMetadata, Junction>
  /** Entity name → the many-to-many relations it is a side of. */
  readonly #relationsOf = new Map<string, M2mRelation[]>()
  readonly #entities: string[] = []
  readonly #customKey = new WeakMap<EntityMetadata, boolean>()
  readonly #hasUniques = new WeakMap<EntityMetadata, boolean>()
  readonly #warnedRelations = new Set<string>()
  /** Single-table inheritance: `[child, parent]` for every `@ChildEntity`. */
  readonly hierarchy: EntityHierarchy

  constructor(dataSource: DataSource, options: AdapterOptions, logger: () => Logger) {
    this.#options = options
    this.#logger = logger
    this.#junctions = mapJunctions(dataSource)
    const parents: [string, string][] = []
    for (const metadata of dataSource.entityMetadatas) {
      if (metadata.isJunction) continue
      this.#entities.push(metadata.name)
      if (metadata.parentEntityMetadata) parents.push([metadata.name, metadata.parentEntityMetadata.name])
    }
    this.hierarchy = new EntityHierarchy(parents)
    for (const { relation } of this.#junctions.values()) {
      this.#relate(relation.owner.entity, relation)
      if (relation.inverse.entity !== relation.owner.entity) this.#relate(relation.inverse.entity, relation)
    }
  }

  /** The junction tables of the DataSource's many-to-many relations. */
  junctions(): Iterable<Junction> {
    return this.#junctions.values()
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
    const lineage = this.hierarchy.lineage(metadata.name)
    if (id === undefined || id === null || views.length === 0) {
      this.#unknownRows(set, lineage, kind)
      return
    }
    try {
      // Without a custom key the key depends on the id only: one view is enough (the hot path of save()).
      const relevant = this.#hasCustomKey(metadata) ? views : views.slice(0, 1)
      for (const view of relevant) {
        const entity = this.#instance(metadata, view)
        set.addKeys(entityKeys(this.#options, metadata.name, entity, id, lineage), kind)
      }
    } catch (error) {
      this.#logger().error(
        { err: error, entity: metadata.name },
        `cacheme/typeorm: could not compute the cache key of a ${metadata.name} entity; invalidating every ${metadata.name} key instead`,
      )
      for (const name of lineage) set.addModel(name, kind)
    }
  }

  /** Rows of `lineage` changed that the event does not name: every class of it goes model-wide. */
  #unknownRows(set: ChangeSet, lineage: readonly string[], kind: ChangeKind): void {
    for (const name of lineage) {
      set.addModel(name, kind)
      // Deleting unknown rows also deletes (by FK cascade, no event) their junction rows, so the other
      // side's m2m keys are stale too: we cannot name them, so their whole model goes.
      if (kind === 'insert' || kind === 'update') continue
      for (const relation of this.#relationsOf.get(name) ?? []) set.addRelation(relation, 'm2m')
    }
  }

  /** Records the links a removal cascaded away (found by `CascadedLinks` before the DELETE). */
  cascaded(set: ChangeSet, lookup: CascadedLookup): void {
    for (const link of lookup.links) this.#link(set, link.junction, link.ownerId, link.inverseId)
    for (const junction of lookup.unknown) this.#unknownLinks(set, junction.relation)
  }

  /**
   * Records an inserted row. `entityId` is set on the `save()` path, where it is reliable. Query-builder
   * inserts only carry the values, with the generated id the driver reported merged in — and after an
   * upsert that *updated* a row, better-sqlite3 reports the last *inserted* rowid, which names another
   * row. So the primary key the values carried before the statement ran (`given`, captured in
   * `beforeInsert`) wins; only values without one use the reported id. An upsert through a unique column
   * other than the primary key can update a row the values do not name at all: such entities get the
   * model-wide invalidation.
   */
  inserted(
    set: ChangeSet,
    metadata: EntityMetadata,
    entityId: unknown,
    entity: ObjectLiteral | undefined,
    given?: unknown,
  ): void {
    let id = entityId
    if (id === undefined && entity && !this.#mayUpsertElsewhere(metadata)) {
      if (given !== undefined) id = given
      else if (metadata.hasAllPrimaryKeys(entity)) id = metadata.getEntityIdMixedMap(entity)
    }
    this.entity(set, metadata, 'insert', id, entity ? [entity] : [])
  }

  /**
   * The primary key `values` carry before an INSERT runs, when the driver may rewrite it afterwards (a
   * generated primary column); `undefined` otherwise.
   */
  givenId(metadata: EntityMetadata, values: ObjectLiteral): unknown {
    if (!metadata.primaryColumns.some((column) => column.isGenerated)) return undefined
    return metadata.hasAllPrimaryKeys(values) ? metadata.getEntityIdMixedMap(values) : undefined
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
    const ownerId = row && sideId(row, junction.ownerColumns)
    const inverseId = row && sideId(row, junction.inverseColumns)
    this.#link(set, junction, ownerId, inverseId)
  }

  #link(set: ChangeSet, junction: Junction, ownerId: unknown, inverseId: unknown): void {
    const { relation } = junction
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
