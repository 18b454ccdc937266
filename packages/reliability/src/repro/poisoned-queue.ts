/**
 * Issue 9: "one foreign value disables the cache". Phase 1: a user key `Dep:2:invalid>x` was accepted;
 * its hash is the invalidation set name of `Dep:2`, so the invalidation of `Dep:2` failed with WRONGTYPE —
 * forever. It stayed first in the retry queue, and while anything is queued the process bypasses the
 * cache. Now the key is rejected (`E_INVALID_KEY`), so the reproduction writes the same hash directly
 * (what any foreign writer under the prefix could do) and measures what the invalidation does with it.
 */
import { type Reproduction, sleep, withOwnRedis } from './repro.js'

export const poisonedQueue: Reproduction = {
  defect: 'poisoned-retry-queue',
  measures:
    "1000 calls of an unrelated cached function over 20 s after invalidate('Dep:2') met the key 'Dep:2:invalid>x'",
  wanted: 'all but the first call cached; the bad invalidation dead-lettered (bounded retry), pending 0',
  run: () =>
    withOwnRedis(async ({ cm, redis }) => {
      const errors: string[] = []
      cm.on('error', (e) => errors.push(e.operation))
      const colliding = cm.cacheme({ key: () => 'Dep:2:invalid>x', tag: 'colliding' })(async () => 'x')
      const rejected = await colliding().then(
        () => 'accepted',
        (error: unknown) => String((error as { code?: string }).code),
      )
      await redis.hset(`repro:Dep:2:invalid`, 'x', 'cm2:["x"]')
      await cm.invalidate('Dep:2')
      let runs = 0
      const other = cm.cacheme({ key: () => 'Other:1', tag: 'other' })(async () => ++runs)
      for (let i = 0; i < 1000; i += 1) {
        await other()
        await sleep(20)
      }
      const pattern = await cm.invalidatePattern('*').then(
        () => 'ok',
        (error: unknown) => String((error as { code?: string }).code),
      )
      return {
        collidingKey: rejected,
        calls: 1000,
        cached: 1000 - runs,
        pendingAfter20s: cm.pendingInvalidations,
        retryErrors: errors.filter((op) => op === 'invalidate-retry').length,
        invalidatePatternStar: pattern,
      }
    }),
}
