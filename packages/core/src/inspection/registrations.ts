/**
 * Finding the sets an entry is registered in. There is no reverse index (entry → its invalid keys):
 * keeping one would add a write to every cache miss for the sake of an admin page. Instead this walks the
 * prefix with SCAN, in bounded steps, and asks each invalidation set and tag index found whether it holds
 * the entry (SISMEMBER, one per set, in parallel).
 *
 * Cost: proportional to the number of keys under the prefix (every master on Cluster), bounded by
 * `maxSteps` SCAN steps of COUNT 1000. Each step is short on the server; the walk as a whole takes about a
 * round trip per step.
 */
import type { KeySpace } from '../key.js'
import type { ResilientStorage } from '../resilience/resilient-storage.js'
import type { Registrations } from './types.js'

/** SCAN COUNT of one step. */
const STEP_COUNT = 1000

/** Invalid keys and tags whose sets hold `fullKey`; `complete: false` when stopped by the limit or signal. */
export async function findRegistrations(
  storage: ResilientStorage,
  keys: KeySpace,
  fullKey: string,
  maxSteps: number,
  signal: AbortSignal | undefined,
): Promise<Registrations> {
  const invalidKeys = new Set<string>()
  const tags = new Set<string>()
  const result = (complete: boolean): Registrations => ({
    invalidKeys: [...invalidKeys].sort(),
    tags: [...tags].sort(),
    complete,
  })
  let cursor = '0'
  for (let steps = 0; ; steps++) {
    if (steps >= maxSteps || signal?.aborted === true) return result(false)
    const page = await storage.scanPage({ match: keys.match('*'), cursor, count: STEP_COUNT })
    const sets = page.items.filter(
      (key) => keys.invalidKeyOf(key) !== undefined || keys.tagOf(key) !== undefined,
    )
    const member = await storage.isMember(sets, fullKey)
    sets.forEach((set, i) => {
      if (member[i] !== true) return
      const invalid = keys.invalidKeyOf(set)
      const tag = keys.tagOf(set)
      if (invalid !== undefined) invalidKeys.add(invalid)
      else if (tag !== undefined) tags.add(tag)
    })
    cursor = page.cursor
    if (cursor === '0') return result(true)
  }
}
