/**
 * Which values a bulk statement's `where` pins a column to — how `Model.update(values, { where })`,
 * `Model.destroy({ where })` and the association helpers (`book.removeUsers(...)` destroys through rows
 * `where: { BookId: b, UserId: [u1, u2] }`) say which rows they touch without loading them.
 *
 * Only forms whose meaning is certain are read: at the top level of the `where` (its keys are ANDed), the
 * column given as a plain value, an array of values, `{ [Op.eq]: v }` or `{ [Op.in]: [...] }` — also inside
 * a top-level `Op.and` (Sequelize wraps a paranoid model's `where` in one). Any other
 * key only narrows the rows further, so the values found are a superset of the rows touched — more
 * invalidation than needed, never less. Anything else (`Op.or` around the column, ranges, literals, a
 * `where` that is not a plain object) is "unknown", and the caller falls back to model-wide invalidation.
 */
import { Op } from 'sequelize'
import type { Column } from './model-map.js'

/** A value a primary or foreign key can be compared with in a key: a string, number or bigint. */
export type KeyValue = string | number | bigint

/**
 * The values `where` pins `column` to (by attribute or column name), or `undefined` when it does not pin
 * it to a list of plain values.
 */
export function pinnedValues(where: unknown, column: Column): KeyValue[] | undefined {
  if (!isPlainObject(where)) return undefined
  const raw = Object.hasOwn(where, column.attribute) ? where[column.attribute] : where[column.field]
  if (raw === undefined) {
    // `{ [Op.and]: [...] }` — what Sequelize itself wraps a paranoid model's `where` in. Every conjunct
    // narrows the rows, so one that pins the column is enough.
    const conjuncts = (where as Record<symbol, unknown>)[Op.and]
    const list = Array.isArray(conjuncts) ? conjuncts : conjuncts === undefined ? [] : [conjuncts]
    for (const conjunct of list) {
      const pinned = pinnedValues(conjunct, column)
      if (pinned) return pinned
    }
    return undefined
  }
  if (isKeyValue(raw)) return [raw]
  if (Array.isArray(raw)) return raw.every(isKeyValue) ? raw : undefined
  if (!isPlainObject(raw) || Object.keys(raw).length > 0) return undefined
  const operators = Object.getOwnPropertySymbols(raw)
  if (operators.length !== 1) return undefined
  const [operator] = operators
  const value = (raw as Record<symbol, unknown>)[operator!]
  if (operator === Op.eq && isKeyValue(value)) return [value]
  if (operator === Op.in && Array.isArray(value) && value.every(isKeyValue)) return value
  return undefined
}

export function isKeyValue(value: unknown): value is KeyValue {
  return (
    (typeof value === 'string' && value.length > 0) ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    typeof value === 'bigint'
  )
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
