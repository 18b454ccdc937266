/**
 * Links a delete will take with it, looked up before it runs.
 *
 * Deleting a `Book` removes its through rows by the database's `ON DELETE CASCADE` (what Sequelize
 * declares for `belongsToMany` by default), and no hook fires for them — yet every user linked to the book
 * now has one book less (`User:<u>:books`). So `beforeDestroy` (and `beforeBulkDestroy` for deletes by
 * primary key) selects the linked keys first, on the statement's own transaction, and `afterDestroy`
 * invalidates both sides of each link. Soft deletes and restores look up the same way: the junction rows
 * stay, but the row leaves (or re-enters) every list that filters deleted rows out.
 *
 * Cost: one indexed `SELECT` per many-to-many relation of the model, per deleted instance (or per bulk
 * delete by primary keys). Models without many-to-many relations pay nothing.
 *
 * Known limit: a delete outside a transaction runs its look-up and its `DELETE` as two statements; a
 * link inserted by another connection between them is cascaded away without being invalidated. Inside a
 * transaction the window is the isolation level's (at `READ COMMITTED`, the same). A look-up that fails
 * is logged and the model's relations are invalidated model-wide instead; it never fails the delete.
 */
import type { Logger } from '@cacheme/core/adapter'
import type { Transaction } from 'sequelize'
import type { Link } from './model-map.js'
import type { FoundLinks } from './row-changes.js'
import { isKeyValue, type KeyValue } from './where-values.js'

/** The result of a look-up: the links found, or `'unknown'` when the look-up failed. */
export type LookedUp = readonly FoundLinks[] | 'unknown'

/** Selects, for each of `links`, the other side's keys linked to rows whose key is in `keys`. */
export async function lookUpLinks(
  links: readonly Link[],
  keys: readonly KeyValue[],
  transaction: Transaction | null | undefined,
  logger: Logger,
): Promise<LookedUp> {
  if (links.length === 0 || keys.length === 0) return []
  try {
    return await Promise.all(
      links.map(async (link): Promise<FoundLinks> => {
        const { junction, owner } = link
        const mine = owner ? junction.ownerColumn : junction.inverseColumn
        const theirs = owner ? junction.inverseColumn : junction.ownerColumn
        // Unscoped: a default scope on the through model must not hide links the cascade deletes.
        const rows = (await junction.model.unscoped().findAll({
          where: { [mine.attribute]: keys.length === 1 ? keys[0] : [...keys] },
          attributes: [mine.attribute, theirs.attribute],
          raw: true,
          ...(transaction === undefined ? {} : { transaction }),
        })) as unknown as Record<string, unknown>[]
        const pairs: (readonly [KeyValue, KeyValue])[] = []
        for (const row of rows) {
          const a = row[mine.attribute]
          const b = row[theirs.attribute]
          if (isKeyValue(a) && isKeyValue(b)) pairs.push([a, b])
        }
        return { junction, owner, pairs }
      }),
    )
  } catch (error) {
    logger.error(
      { err: error, relations: links.map((link) => link.junction.relation.relation) },
      'cacheme/sequelize: looking up the links of a deleted row failed; invalidating its many-to-many relations model-wide instead',
    )
    return 'unknown'
  }
}
