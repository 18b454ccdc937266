/**
 * What one `flush()` changed, in invalidation keys. MikroORM's unit of work knows it in two halves:
 *
 * - in `onFlush`, before any SQL: the change sets (updates and deletes, with their primary keys and the
 *   rows' state) and the collection updates — whose **snapshot** (the links as loaded) is compared with
 *   their items now, because the snapshot is replaced once the pivot rows are written. This is also the
 *   last moment the links of rows about to be deleted (removed by the pivot table's `ON DELETE CASCADE`,
 *   without any event) and of collections replaced without being loaded (`set()` / `removeAll()` on an
 *   uninitialized collection: MikroORM deletes every pivot row of the owner) can be read, so they are
 *   read here: from the loaded collection when there is one, else with one query per relation side;
 * - in `afterFlush`: new entities have their primary keys, so their keys and the links to them are
 *   computed there.
 *
 * Whatever cannot be named becomes model-wide (`addModel` / `addRelation`): coarse, never stale. A
 * `cacheKey` getter or option that throws is logged and degrades the same way: it never fails the flush.
 */
import { type AdapterOptions, ChangeSet, entityKeys, junctionKeys, type Logger } from '@cacheme/core/adapter'
import type {
  AnyEntity,
  Collection,
  EntityManager,
  EntityMetadata,
  FlushEventArgs,
  ChangeSet as OrmChangeSet,
} from '@mikro-orm/core'
import { ReferenceKind } from '@mikro-orm/core'
import { type LinkQuery, lookUpLinks } from './link-lookup.js'
import { type OrmModel, primaryKeyOf, type RelationSideOf } from './orm-model.js'

/** A link (pivot row) whose sides may still lack primary keys in `onFlush`. */
interface PendingLink {
  readonly side: RelationSideOf
  /** The entity on `side`'s own side (the collection's owner). */
  readonly self: object
  readonly other: object
}

/** What `onFlush` found, completed in `afterFlush`. */
export interface CapturedFlush {
  /** Keys known before any SQL ran (updates, deletes, looked-up links, model-wide fallbacks). */
  readonly set: ChangeSet
  readonly links: PendingLink[]
  /** Tables this flush writes: its statements are not "native writes" (see the statement observer). */
  readonly tables: ReadonlySet<string>
  /** Whether it inserts rows (their keys need the primary keys `afterFlush` knows). */
  readonly inserts: boolean
}

type Kind = 'insert' | 'update' | 'delete'

export class FlushChanges {
  readonly #model: OrmModel
  readonly #options: AdapterOptions
  readonly #logger: () => Logger

  constructor(model: OrmModel, options: AdapterOptions, logger: () => Logger) {
    this.#model = model
    this.#options = options
    this.#logger = logger
  }

  /** `onFlush`: everything that must be read before the flush's SQL runs. */
  capture(args: FlushEventArgs, ctx: unknown): CapturedFlush | Promise<CapturedFlush> {
    const set = new ChangeSet()
    const links: PendingLink[] = []
    const tables = new Set<string>()
    const queries: LinkQuery[] = []
    let inserts = false
    for (const cs of args.uow.getChangeSets()) {
      for (const table of this.#model.tablesOf(cs.meta)) tables.add(table)
      const kind = kindOf(cs)
      if (kind === 'insert') inserts = true
      if (kind === 'update') this.#entity(set, cs.meta, kind, cs.entity, cs.originalEntity)
      if (kind !== 'delete') continue
      this.#entity(set, cs.meta, kind, cs.entity)
      // The database changes rows that reference this one (ON DELETE SET NULL / CASCADE): no ORM event.
      for (const name of this.#model.table(cs.meta.tableName)?.referencing ?? []) set.addModel(name, 'delete')
      for (const side of this.#model.sidesOf(cs.meta)) {
        this.#pivotTables(side, tables)
        // The undeclared side of a one-directional relation (`owning` false, an owning prop) has no
        // collection of its own: its links are always read from the pivot table.
        const declared = side.owning || !side.prop.owner
        const collection = declared
          ? ((cs.entity as Record<string, unknown>)[side.prop.name] as Collection<object> | undefined)
          : undefined
        if (collection?.isInitialized()) {
          const linked = new Set([...(collection.getSnapshot() ?? []), ...collection.getItems(false)])
          for (const other of linked) links.push({ side, self: cs.entity, other })
        } else queries.push({ side, self: cs.entity })
      }
    }
    for (const collection of args.uow.getCollectionUpdates()) {
      this.#collection(collection, set, links, tables, queries)
    }
    const captured: CapturedFlush = { set, links, tables, inserts }
    if (queries.length === 0) return captured
    return this.#lookUp(args.em, ctx, queries, set).then(() => captured)
  }

  /**
   * `afterFlush`: adds the keys of new rows and of links to them to `captured.set` (no copy: a plain
   * flush delivers that very set) and returns it.
   */
  resolve(args: FlushEventArgs, captured: CapturedFlush): ChangeSet {
    const { set } = captured
    if (captured.inserts) {
      for (const cs of args.uow.getChangeSets()) {
        if (kindOf(cs) === 'insert') this.#entity(set, cs.meta, 'insert', cs.entity)
      }
    }
    for (const link of captured.links) this.#link(set, link.side, idOf(link.self), idOf(link.other))
    return set
  }

  /** Keys of links found by a lookup query: both ids known. */
  #link(set: ChangeSet, side: RelationSideOf, selfId: unknown, otherId: unknown): void {
    const { relation } = side
    if (selfId === undefined || otherId === undefined) {
      set.addRelation(relation, 'm2m')
      return
    }
    const { owner, inverse } = relation
    try {
      set.addKeys(
        junctionKeys(this.#options, {
          relation: relation.relation,
          junction: relation.junction,
          owner: { entity: owner.entity, property: owner.property, id: side.owning ? selfId : otherId },
          inverse: { entity: inverse.entity, property: inverse.property, id: side.owning ? otherId : selfId },
        }),
        'm2m',
      )
    } catch (error) {
      this.#logger().error(
        { err: error, relation: relation.relation },
        `cacheme/mikro-orm: an m2m key builder of '${relation.relation}' failed; invalidating both models instead`,
      )
      set.addRelation(relation, 'm2m')
    }
  }

  #collection(
    collection: Collection<AnyEntity>,
    set: ChangeSet,
    links: PendingLink[],
    tables: Set<string>,
    queries: LinkQuery[],
  ): void {
    const prop = collection.property
    const snapshot = collection.getSnapshot()
    const items = collection.getItems(false)
    if (prop.kind === ReferenceKind.ONE_TO_MANY) {
      const target = prop.targetMeta
      if (!target) return
      for (const table of this.#model.tablesOf(target)) tables.add(table)
      // Replaced without being loaded: MikroORM nulls (or deletes) the FK of every other child by criteria.
      if (snapshot === undefined) for (const name of this.#model.names(target)) set.addModel(name, 'update')
      return
    }
    const side = this.#model.side(prop)
    if (!side) return
    this.#pivotTables(side, tables)
    const owner = collection.owner
    if (snapshot === undefined) {
      // set() / removeAll() on an uninitialized collection: every existing pivot row of the owner goes.
      if (idOf(owner) !== undefined) queries.push({ side, self: owner })
      for (const other of items) links.push({ side, self: owner, other })
      return
    }
    const before = new Set(snapshot)
    const now = new Set(items)
    for (const other of items) if (!before.has(other)) links.push({ side, self: owner, other })
    for (const other of snapshot) if (!now.has(other)) links.push({ side, self: owner, other })
  }

  async #lookUp(em: EntityManager, ctx: unknown, queries: LinkQuery[], set: ChangeSet): Promise<void> {
    const found = await lookUpLinks(em, ctx, queries)
    for (const result of found) {
      if (result.error !== undefined) {
        this.#logger().warn(
          { err: result.error, relation: result.side.relation.relation },
          `cacheme/mikro-orm: could not read the links of '${result.side.relation.relation}' before they were deleted; invalidating both models instead`,
        )
        set.addRelation(result.side.relation, 'm2m')
        continue
      }
      for (const [selfId, otherId] of result.pairs) this.#link(set, result.side, selfId, otherId)
    }
  }

  #pivotTables(side: RelationSideOf, tables: Set<string>): void {
    const pivot = side.prop.pivotTable
    if (pivot) tables.add(pivot)
  }

  /** Keys of one entity row; `original` is the row as loaded (update: its old keys go too). */
  #entity(set: ChangeSet, meta: EntityMetadata, kind: Kind, entity: object, original?: object): void {
    const id = primaryKeyOf(meta, entity)
    const names = this.#model.names(meta)
    try {
      set.addKeys(entityKeys(this.#options, meta.className, entity, id, names), kind)
      if (original && this.#customKey(entity)) {
        const old = oldView(entity, original)
        set.addKeys(entityKeys(this.#options, meta.className, old, id, names), kind)
      }
      if (id === undefined) for (const name of names) set.addModel(name, kind)
    } catch (error) {
      this.#logger().error(
        { err: error, entity: meta.className },
        `cacheme/mikro-orm: could not compute the cache key of a ${meta.className} entity; invalidating every ${meta.className} key instead`,
      )
      for (const name of names) set.addModel(name, kind)
    }
  }

  #customKey(entity: object): boolean {
    return this.#options.cacheKey !== undefined || 'cacheKey' in entity
  }
}

function kindOf(cs: OrmChangeSet<AnyEntity>): Kind {
  const type = String(cs.type)
  return type === 'create' ? 'insert' : type.startsWith('delete') ? 'delete' : 'update'
}

/** The primary key of an entity (a Reference is unwrapped by the caller's collection API already). */
function idOf(entity: object): unknown {
  const meta = (entity as { __meta?: EntityMetadata }).__meta
  return meta ? primaryKeyOf(meta, entity) : undefined
}

/** The row as it was loaded, on the entity's prototype so that its `cacheKey` getter sees it. */
function oldView(entity: object, original: object): object {
  return Object.assign(Object.create(Object.getPrototypeOf(entity) as object) as object, entity, original)
}
