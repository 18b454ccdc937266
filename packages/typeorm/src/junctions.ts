/**
 * The many-to-many relations of a DataSource, as seen from their junction tables, read once from the
 * entity metadata at attach: which relation a junction table belongs to, and which of its columns point
 * at each side. Both the event mapping (`entity-changes.ts`) and the lookup of links the database deletes
 * by cascade (`cascaded-links.ts`) work from this.
 */
import type { M2mRelation } from '@cacheme/core/adapter'
import type { DataSource, EntityMetadata, ObjectLiteral } from 'typeorm'

/** TypeORM does not export `ColumnMetadata` from its entry point; derive it instead of deep-importing. */
export type ColumnMetadata = EntityMetadata['ownerColumns'][number]

/** A many-to-many relation as seen from its junction table: the relation, and the columns of each side. */
export interface Junction {
  /** The junction table's own metadata. */
  readonly metadata: EntityMetadata
  readonly relation: M2mRelation
  /** Columns pointing at the owning side's primary key (`Post.tags`: the post). */
  readonly ownerColumns: readonly ColumnMetadata[]
  /** Columns pointing at the other side's primary key (the tag). */
  readonly inverseColumns: readonly ColumnMetadata[]
}

/** Every many-to-many relation of the DataSource, keyed by its junction table's metadata. */
export function mapJunctions(dataSource: DataSource): Map<EntityMetadata, Junction> {
  const junctions = new Map<EntityMetadata, Junction>()
  // Parents before children: an STI child inherits its parent's relations, which are named after the
  // class that declares them (`Content.tags`, not `Photo.tags`).
  const byDepth = [...dataSource.entityMetadatas].sort(
    (a, b) => a.inheritanceTree.length - b.inheritanceTree.length,
  )
  for (const metadata of byDepth) {
    for (const relation of metadata.ownerManyToManyRelations) {
      const junction = relation.junctionEntityMetadata
      if (!junction || junctions.has(junction)) continue
      junctions.set(junction, {
        metadata: junction,
        relation: {
          relation: `${metadata.name}.${relation.propertyPath}`,
          owner: { entity: metadata.name, property: relation.propertyPath },
          inverse: {
            entity: relation.inverseEntityMetadata.name,
            property: relation.inverseRelation?.propertyPath,
          },
          junction: junction.name,
        },
        ownerColumns: junction.ownerColumns,
        inverseColumns: junction.inverseColumns,
      })
    }
  }
  return junctions
}

/**
 * One side's id from a junction row. Events name junction columns by property (`save()` path) or by
 * database name (query-builder path, raw rows). Single-column keys give the bare value; composite keys an
 * object in column order (core's `formatId` joins it with `,`).
 */
export function sideId(row: ObjectLiteral, columns: readonly ColumnMetadata[]): unknown {
  const values: Record<string, unknown> = {}
  for (const column of columns) {
    const value = row[column.propertyName] ?? row[column.databaseName]
    if (value === undefined || value === null) return undefined
    values[column.referencedColumn?.propertyName ?? column.propertyName] = value
  }
  const keys = Object.keys(values)
  return keys.length === 1 ? values[keys[0]!] : values
}
