/**
 * Reads pivot rows that are about to disappear without telling which: those of rows being deleted (the
 * pivot table's foreign keys cascade) and those of collections replaced without being loaded. One query
 * per relation side and flush, in the flush's transaction (or outside any, for a plain `flush()`, whose
 * implicit transaction has not begun yet when `onFlush` runs), through the driver so that it neither
 * flushes nor touches the identity map.
 *
 * Known limit: a link another transaction commits between this read and the flush's DELETE is removed by
 * the cascade without being read; its other side's m2m keys are then not invalidated by this flush.
 */
import type { EntityManager } from '@mikro-orm/core'
import { primaryKeyOf, type RelationSideOf } from './orm-model.js'

/** Read the links of `self` on `side`. */
export interface LinkQuery {
  readonly side: RelationSideOf
  readonly self: object
}

/** The links found for one side: `[selfId, otherId]` pairs, or the error that prevented reading them. */
export interface LinkResult {
  readonly side: RelationSideOf
  readonly pairs: readonly (readonly [unknown, unknown])[]
  readonly error?: unknown
}

export async function lookUpLinks(
  em: EntityManager,
  ctx: unknown,
  queries: readonly LinkQuery[],
): Promise<LinkResult[]> {
  const bySide = new Map<RelationSideOf, unknown[]>()
  for (const { side, self } of queries) {
    const meta = (self as { __meta?: Parameters<typeof primaryKeyOf>[0] }).__meta
    const id = meta && primaryKeyOf(meta, self)
    if (id === undefined) continue
    const ids = bySide.get(side) ?? []
    ids.push(id)
    bySide.set(side, ids)
  }
  const results: LinkResult[] = []
  for (const [side, ids] of bySide) {
    const pivot = em.getMetadata().find(side.prop.pivotEntity)
    // The pivot entity's first relation points to the owning side, the second to the inverse side.
    const selfFk = pivot?.relations[side.owning ? 0 : 1]
    const otherFk = pivot?.relations[side.owning ? 1 : 0]
    if (!pivot || !selfFk || !otherFk) {
      results.push({ side, pairs: [], error: new Error(`no pivot entity '${side.prop.pivotEntity}'`) })
      continue
    }
    try {
      const rows = await em
        .getDriver()
        .find(
          pivot.className,
          { [selfFk.name]: { $in: ids } },
          { ctx, fields: [selfFk.name, otherFk.name] as never },
        )
      const pairs = rows.map((row) => {
        const record = row as Record<string, unknown>
        return [record[selfFk.name], record[otherFk.name]] as const
      })
      results.push({ side, pairs })
    } catch (error) {
      results.push({ side, pairs: [], error })
    }
  }
  return results
}
