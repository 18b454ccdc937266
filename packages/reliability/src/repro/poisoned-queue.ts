/**
 * Issue 9: "one foreign value disables the cache". A user key `Dep:2:invalid>x` is accepted; its hash is
 * the invalidation set name of `Dep:2`, so the invalidation of `Dep:2` fails with WRONGTYPE — forever. It
 * stays first in the retry queue, and while anything is queued the process bypasses the cache.
 */
import { type Reproduction, sleep, withOwnRedis } from './repro.js'

export const poisonedQueue: Reproduction = {
  defect: 'poisoned-retry-queue',
  measures:
    "1000 calls of an unrelated cached function over 20 s after invalidate('Dep:2') met the key 'Dep:2:invalid>x'",
  wanted: 'all but the first call cached; the bad invalidation dead-lettered (bounded retry), pending 0',
  run: () =>
    withOwnRedis(async ({ cm }) => {
      const errors: string[] = []
      cm.on('error', (e) => errors.push(e.operation))
      const colliding = cm.cacheme({ key: () => 'Dep:2:invalid>x', tag: 'colliding' })(async () => 'x')
      await colliding()
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
        calls: 1000,
        cached: 1000 - runs,
        pendingAfter20s: cm.pendingInvalidations,
        retryErrors: errors.filter((op) => op === 'invalidate-retry').length,
        invalidatePatternStar: pattern,
      }
    }),
}
