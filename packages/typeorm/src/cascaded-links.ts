/**
 * Links the database deletes by cascade when a row is removed, which TypeORM never reports.
 *
 * When `remove()` deletes an entity, TypeORM deletes — with one junction event each — the links of the
 * many-to-many relations **the entity's own class declares**. Links it does not declare go by the junction
 * table's `ON DELETE CASCADE`, silently:
 *
 * - the side of a **one-directional** relation that has no property (`Tag` of `Post.tags`);
 * - the second direction of a **self-referencing** relation (`Member.friends`: TypeORM deletes the links
 *   the removed member lists, not those where it is someone else's friend);
 * - relations declared by a sibling class of an inheritance hierarchy sharing the table.
 *
 * For those sides the adapter reads the linked ids from the junction table **before** the DELETE
 * (`beforeRemove`, on the remove's own query runner, so inside its transaction) and records them with
 * the removal. Cost: one indexed SELECT per removed row and such side; entities without such sides cost
 * nothing. A lookup that fails (it never fails the user's remove) degrades to relation-wide
 * invalidation: both models and the relation keys.
 *
 * Known limit: a link inserted by another transaction after the lookup and cascaded away by this DELETE
 * is not seen (its own insert was invalidated, but a value cached between that and this COMMIT stays).
 */
import type { EntityHierarchy } from '@cacheme/core/adapter'
import type { EntityManager, EntityMetadata, ObjectLiteral } from 'typeorm'
import { type ColumnMetadata, type Junction, sideId } from './junctions.js'

/** One side of a junction table on which a removed entity's rows go by database cascade. */
interface CascadedSide {
  readonly junction: Junction
  /** The removed entity's columns in the junction table, and the other side's. */
  readonly own: readonly ColumnMetadata[]
  readonly other: readonly ColumnMetadata[]
  readonly ownIsOwner: boolean
}

/** A junction row about to be deleted by cascade: its relation and both ids. */
export interface CascadedLink {
  readonly junction: Junction
  readonly ownerId: unknown
  readonly inverseId: unknown
}

/** What a lookup found: the links, or the relations whose links could not be read. */
export interface CascadedLookup {
  readonly links: readonly CascadedLink[]
  readonly unknown: readonly Junction[]
}

export class CascadedLinks {
  readonly #junctions: readonly Junction[]
  readonly #hierarchy: EntityHierarchy
  readonly #sides = new WeakMap<EntityMetadata, readonly CascadedSide[]>()

  constructor(junctions: Iterable<Junction>, hierarchy: EntityHierarchy) {
    this.#junctions = [...junctions]
    this.#hierarchy = hierarchy
  }

  /** Whether removing a row of `metadata` can cascade links TypeORM does not report. */
  cascades(metadata: EntityMetadata): boolean {
    return this.#sidesOf(metadata).length > 0
  }

  /**
   * Reads the links of `row` that the DELETE will cascade away. Runs on `manager` (the remove's query
   * runner). Never rejects: a failing SELECT marks its relation unknown.
   */
  async find(manager: EntityManager, metadata: EntityMetadata, row: ObjectLiteral): Promise<CascadedLookup> {
    const links: CascadedLink[] = []
    const unknown: Junction[] = []
    for (const side of this.#sidesOf(metadata)) {
      // The removed row's values of the columns its junction columns reference (its primary key).
      const own = side.own.map((column) => (column.referencedColumn ?? column).getEntityValue(row))
      if (own.some((value) => value === undefined || value === null)) continue
      const ownId = own.length === 1 ? own[0] : idObject(side.own, own)
      try {
        for (const found of await select(manager, side, own)) {
          const otherId = sideId(found, side.other)
          if (otherId === undefined) continue
          links.push({
            junction: side.junction,
            ownerId: side.ownIsOwner ? ownId : otherId,
            inverseId: side.ownIsOwner ? otherId : ownId,
          })
        }
      } catch {
        unknown.push(side.junction)
      }
    }
    return { links, unknown }
  }

  #sidesOf(metadata: EntityMetadata): readonly CascadedSide[] {
    let sides = this.#sides.get(metadata)
    if (sides) return sides
    const lineage = this.#hierarchy.lineage(metadata.name)
    const declared = metadata.manyToManyRelations
    const found: CascadedSide[] = []
    for (const junction of this.#junctions) {
      const { owner, inverse } = junction.relation
      const covered = (owning: boolean) =>
        declared.some((r) => r.isOwning === owning && r.junctionEntityMetadata === junction.metadata)
      if (lineage.includes(owner.entity) && !covered(true)) {
        found.push({ junction, own: junction.ownerColumns, other: junction.inverseColumns, ownIsOwner: true })
      }
      if (lineage.includes(inverse.entity) && !covered(false)) {
        found.push({
          junction,
          own: junction.inverseColumns,
          other: junction.ownerColumns,
          ownIsOwner: false,
        })
      }
    }
    sides = found
    this.#sides.set(metadata, sides)
    return sides
  }
}

/** `SELECT <other side's columns> FROM <junction> WHERE <own columns> = <own values>`, on `manager`. */
function select(
  manager: EntityManager,
  side: CascadedSide,
  own: readonly unknown[],
): Promise<ObjectLiteral[]> {
  const qb = manager.createQueryBuilder().from(side.junction.metadata.target, 'j')
  for (const column of side.other) qb.addSelect(`j.${column.propertyPath}`, column.databaseName)
  side.own.forEach((column, i) => {
    qb.andWhere(`j.${column.propertyPath} = :own${i}`, { [`own${i}`]: own[i] })
  })
  return qb.getRawMany()
}

/** A composite id keyed like `sideId` keys it (referenced property names, column order). */
function idObject(columns: readonly ColumnMetadata[], values: readonly unknown[]): Record<string, unknown> {
  const id: Record<string, unknown> = {}
  columns.forEach((column, i) => {
    id[column.referencedColumn?.propertyName ?? column.propertyName] = values[i]
  })
  return id
}
