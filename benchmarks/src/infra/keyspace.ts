/** Untimed housekeeping on the benchmark's Redis: find and delete a contender's keys between segments. */
import type { Redis } from 'ioredis'

/** Every key matching `glob` (SCAN, never KEYS). */
export async function keysMatching(admin: Redis, glob: string): Promise<string[]> {
  const out: string[] = []
  let cursor = '0'
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', glob, 'COUNT', 1000)
    cursor = next
    out.push(...keys)
  } while (cursor !== '0')
  return out
}

/**
 * Deletes every key matching `glob` except those `keep` accepts. cacheme's meta keys (`#cm:{meta}`: the
 * invalidation sequence, log and floor) are always kept: deleting them makes cacheme reject its next
 * writes (by design), which would make the next round measure rejected writes.
 */
export async function deleteMatching(admin: Redis, glob: string): Promise<number> {
  let deleted = 0
  let cursor = '0'
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', glob, 'COUNT', 1000)
    cursor = next
    const doomed = keys.filter((key) => !key.includes('#cm:{meta}'))
    if (doomed.length > 0) deleted += await admin.unlink(...doomed)
  } while (cursor !== '0')
  return deleted
}
