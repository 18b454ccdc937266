/**
 * What the MikroORM instance knows, read once from its metadata at attach: entity names, many-to-many
 * relations (from their owning side, with the pivot entity as the junction), which table belongs to which
 * entity or relation, and the database delete rules that change other rows without any ORM event.
 *
 * Names: `EntityName` is MikroORM's `className` — the class name, or the `EntitySchema` / `defineEntity`
 * name. Under single-table inheritance a row answers to every class of its lineage — its class, its
 * ancestors and its descendants (`Dog:1` and `Animal:1`), never a sibling's (`Cat`): core's
 * `EntityHierarchy`, built from each STI child's `extends`.
 *
 * One-directional many-to-many relations: MikroORM 6 gives the target of `Post.tags` a generated inverse
 * property (`Tag.Post_tags__inverse`, `persist: false`) so that it can join through the pivot table. It
 * is not part of the user's model, so it names no key: the `Tag` side of a link is `Tag:<t>:tags` (core's
 * default for a side without a property), exactly as when the inverse side does not exist at all.
 */
import { EntityHierarchy, type KnownModels, type M2mRelation } from '@cacheme/core/adapter'
import {
  type EntityMetadata,
  type EntityProperty,
  EntitySchema,
  type MikroORM,
  Reference,
  ReferenceKind,
} from '@mikro-orm/core'

/** A many-to-many property seen from one side: the relation, and whether this side owns it. */
export interface RelationSideOf {
  readonly relation: M2mRelation
  /** This side's property — for the undeclared side of a one-directional relation, the owning one's. */
  readonly prop: EntityProperty
  /** `true` on the owning side (`Book.users`), `false` on the inverse (`User.books`). */
  readonly owning: boolean
}

/** What a write to a table touches. */
export interface TableTarget {
  /** Entity names stored in the table (several under single-table inheritance). */
  readonly entities: readonly string[]
  /** Many-to-many relations whose junction rows go with deleted rows of the table (FK cascade). */
  readonly relations: readonly M2mRelation[]
  /** Entities whose rows the database changes when rows of this table are deleted (`set null`/`cascade`). */
  readonly referencing: readonly string[]
  /** Set when the table is a pivot table: the relation its rows are links of. */
  readonly pivotOf?: M2mRelation
}

export class OrmModel {
  readonly #entities: string[] = []
  readonly #relations: M2mRelation[] = []
  /** `Book.users` and `User.books` → the side. */
  readonly #sides = new Map<EntityProperty, RelationSideOf>()
  /** Entity name → its many-to-many sides. */
  readonly #sidesOf = new Map<string, RelationSideOf[]>()
  /** Table name (bare and schema-qualified) → what writes to it touch. */
  readonly #tables = new Map<string, TableTarget>()
  readonly #hierarchy: EntityHierarchy
  readonly #metas = new Map<string, EntityMetadata>()
  /** Entity name (pivot entities included) → its table. */
  readonly #tableOf = new Map<string, string>()
  readonly #tablesOfMeta = new WeakMap<EntityMetadata, readonly string[]>()

  constructor(orm: MikroORM) {
    const all = Object.values(orm.getMetadata().getAll())
    const regular = all.filter((meta) => !meta.embeddable && !meta.virtual && !meta.pivotTable)
    for (const meta of all)
      if (!meta.embeddable && !meta.virtual) this.#tableOf.set(meta.className, meta.tableName)
    for (const meta of regular) {
      this.#entities.push(meta.className)
      this.#metas.set(meta.className, meta)
    }
    this.#hierarchy = new EntityHierarchy(stiParents(regular))
    const relationByName = new Map<string, M2mRelation>()
    for (const meta of regular) {
      for (const prop of meta.relations) {
        if (prop.kind !== ReferenceKind.MANY_TO_MANY || !prop.owner) continue
        const name = `${meta.className}.${prop.name}`
        if (relationByName.has(name)) continue // an STI child inherits its root's properties
        const relation: M2mRelation = {
          relation: name,
          owner: { entity: meta.className, property: prop.name },
          inverse: { entity: prop.targetMeta?.className ?? prop.type, property: declaredInverse(prop) },
          junction: prop.pivotEntity,
        }
        relationByName.set(name, relation)
        this.#relations.push(relation)
      }
    }
    for (const meta of regular) {
      for (const prop of meta.relations) {
        if (prop.kind !== ReferenceKind.MANY_TO_MANY || generatedInverse(prop)) continue
        const target = prop.targetMeta?.className ?? prop.type
        const relation = prop.owner
          ? (relationByName.get(`${meta.className}.${prop.name}`) ??
            this.#ownedByAncestor(meta, prop, relationByName))
          : relationByName.get(`${target}.${prop.mappedBy}`)
        if (!relation) continue
        const side: RelationSideOf = { relation, prop, owning: prop.owner }
        this.#sides.set(prop, side)
        this.#addSide(meta.className, side)
        // One-directional (`Post.tags`, `Member.friends`): the target declares nothing, yet its deleted
        // rows take their pivot rows with them. A side without a property of its own stands for it.
        if (prop.owner && !declaredInverse(prop)) this.#addSide(target, { relation, prop, owning: false })
      }
    }
    this.#mapTables(all, regular, relationByName)
  }

  /** For core's declared-models check. */
  known(): KnownModels {
    return { entities: this.#entities, relations: this.#relations }
  }

  /** The classes a row of `meta` belongs to (its STI lineage; `[className]` outside any hierarchy). */
  names(meta: EntityMetadata): readonly string[] {
    return this.#hierarchy.lineage(meta.className)
  }

  /** The table of the entity (or pivot entity) named `entity`. */
  tableOf(entity: string): string | undefined {
    return this.#tableOf.get(entity)
  }

  /** The metadata of the entity named `entity` (an entity of this ORM, not embeddable or pivot). */
  meta(entity: string): EntityMetadata | undefined {
    return this.#metas.get(entity)
  }

  /** The many-to-many side `prop` is, when it is one. */
  side(prop: EntityProperty): RelationSideOf | undefined {
    return this.#sides.get(prop)
  }

  /** Every many-to-many side an entity of `meta` has (for deletes: its junction rows go with it). */
  sidesOf(meta: EntityMetadata): readonly RelationSideOf[] {
    return this.#sidesOf.get(meta.className) ?? []
  }

  /** What a write to `table` (as named in SQL, quotes removed, maybe schema-qualified) touches. */
  table(table: string): TableTarget | undefined {
    return this.#tables.get(table) ?? this.#tables.get(table.slice(table.lastIndexOf('.') + 1))
  }

  /** Whether `table` is one of this ORM's tables (entity or pivot). */
  hasTable(table: string): boolean {
    return this.table(table) !== undefined
  }

  /** The table names a write of `meta`'s rows may appear under in SQL (computed once per entity: hot path). */
  tablesOf(meta: EntityMetadata): readonly string[] {
    let tables = this.#tablesOfMeta.get(meta)
    if (!tables) {
      tables = meta.schema ? [meta.tableName, `${meta.schema}.${meta.tableName}`] : [meta.tableName]
      this.#tablesOfMeta.set(meta, tables)
    }
    return tables
  }

  #addSide(entity: string, side: RelationSideOf): void {
    const list = this.#sidesOf.get(entity) ?? []
    list.push(side)
    this.#sidesOf.set(entity, list)
  }

  #ownedByAncestor(
    meta: EntityMetadata,
    prop: EntityProperty,
    byName: ReadonlyMap<string, M2mRelation>,
  ): M2mRelation | undefined {
    return byName.get(`${meta.root.className}.${prop.name}`)
  }

  #mapTables(
    all: readonly EntityMetadata[],
    regular: readonly EntityMetadata[],
    relationByName: ReadonlyMap<string, M2mRelation>,
  ): void {
    const pivots = new Map<string, M2mRelation>()
    for (const relation of relationByName.values())
      if (relation.junction) pivots.set(relation.junction, relation)
    const byTable = new Map<
      string,
      { entities: Set<string>; relations: Set<M2mRelation>; referencing: Set<string> }
    >()
    const slot = (meta: EntityMetadata) => {
      const key = meta.tableName
      let entry = byTable.get(key)
      if (!entry) {
        entry = { entities: new Set(), relations: new Set(), referencing: new Set() }
        byTable.set(key, entry)
      }
      return entry
    }
    for (const meta of regular) {
      const entry = slot(meta)
      for (const name of this.names(meta)) entry.entities.add(name)
      for (const side of this.sidesOf(meta)) entry.relations.add(side.relation)
    }
    // Rows whose foreign key the database nulls or deletes when the referenced row goes (MikroORM's
    // schema: an explicit deleteRule, else `cascade` with Cascade.REMOVE, else `set null` when nullable).
    for (const meta of regular) {
      for (const prop of meta.relations) {
        const ownsFk =
          prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)
        if (!ownsFk || !prop.targetMeta) continue
        if (!changesOnDelete(prop)) continue
        for (const name of this.names(meta)) slot(prop.targetMeta).referencing.add(name)
      }
    }
    for (const meta of all) {
      if (!meta.pivotTable) continue
      const relation = pivots.get(meta.className)
      if (relation)
        this.#setTable(meta, { entities: [], relations: [relation], referencing: [], pivotOf: relation })
    }
    for (const meta of regular) {
      const entry = byTable.get(meta.tableName)!
      this.#setTable(meta, {
        entities: [...entry.entities],
        relations: [...entry.relations],
        referencing: [...entry.referencing],
      })
    }
  }

  #setTable(meta: EntityMetadata, target: TableTarget): void {
    for (const name of this.tablesOf(meta)) this.#tables.set(name, target)
  }
}

/**
 * `[child, parent]` of every single-table-inheritance child. `extends` is a class name for decorated
 * entities, but stays the parent `EntitySchema` object when a schema was declared with
 * `extends: ParentSchema`; plain class inheritance without STI (an abstract base entity) is not a
 * lineage — its rows live in separate tables — and keeps `root` pointing at the class itself.
 */
function stiParents(regular: readonly EntityMetadata[]): [string, string][] {
  const known = new Set(regular.map((meta) => meta.className))
  const pairs: [string, string][] = []
  for (const meta of regular) {
    if (!meta.root || meta.root.className === meta.className) continue
    const raw = meta.extends as unknown
    const parent =
      typeof raw === 'string'
        ? raw
        : raw instanceof EntitySchema
          ? raw.meta.className
          : typeof raw === 'function'
            ? raw.name
            : undefined
    if (parent && known.has(parent) && parent !== meta.className) pairs.push([meta.className, parent])
  }
  return pairs
}

/** MikroORM's own inverse side of a one-directional many-to-many (see the module doc). */
function generatedInverse(prop: EntityProperty): boolean {
  return prop.persist === false && prop.hydrate === false && prop.name.endsWith('__inverse')
}

/** The inverse property of an owning many-to-many side, unless MikroORM generated it. */
function declaredInverse(prop: EntityProperty): string | undefined {
  const inverse = prop.inversedBy ? prop.targetMeta?.properties[prop.inversedBy] : undefined
  return inverse && !generatedInverse(inverse) ? prop.inversedBy : undefined
}

function changesOnDelete(prop: EntityProperty): boolean {
  const rule =
    prop.deleteRule ??
    (prop.cascade?.some((c) => c === 'remove' || c === 'all')
      ? 'cascade'
      : prop.nullable
        ? 'set null'
        : undefined)
  return rule !== undefined && !/^(no action|restrict)$/i.test(rule)
}

/**
 * The primary key of `entity` as keys show it: the bare value, or for composite keys the values in
 * declaration order (an entity in the key contributes its own primary key, flattened). Core's `formatId`
 * joins them with `,`: `Pair:1,x`.
 */
export function primaryKeyOf(meta: EntityMetadata, entity: object): unknown {
  // The usual single scalar key, without the array (every changed row of every flush comes here).
  if (meta.primaryKeys.length === 1) {
    const value = Reference.unwrapReference(
      (entity as Record<string, unknown>)[meta.primaryKeys[0]!] as object,
    )
    if (value === undefined || value === null) return undefined
    if (typeof value !== 'object' || value instanceof Date || !('__meta' in value)) return value
  }
  const values: unknown[] = []
  for (const pk of meta.primaryKeys) {
    const value = Reference.unwrapReference((entity as Record<string, unknown>)[pk] as object)
    if (value === undefined || value === null) return undefined
    if (typeof value === 'object' && !(value instanceof Date) && '__meta' in value) {
      const nested = primaryKeyOf((value as { __meta: EntityMetadata }).__meta, value)
      if (nested === undefined) return undefined
      values.push(...(Array.isArray(nested) ? nested : [nested]))
    } else values.push(value)
  }
  return values.length === 1 ? values[0] : values
}
