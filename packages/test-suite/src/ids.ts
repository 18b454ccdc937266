/** The one id order of the suite: harness reads (`readBookUsers`, ...) must return ids in this order. */
import type { Id } from './harness.js'

/** Numbers numerically, strings by code unit, numbers before strings. Use it in harness reads. */
export function compareIds(a: Id, b: Id): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'number') return -1
  if (typeof b === 'number') return 1
  return a < b ? -1 : a > b ? 1 : 0
}

/** A sorted copy of `ids` (see {@link compareIds}). */
export function sortIds<T extends Id>(ids: readonly T[]): T[] {
  return [...ids].sort(compareIds)
}
