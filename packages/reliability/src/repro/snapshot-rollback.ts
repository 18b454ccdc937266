/**
 * Issue 9: "a restart from an older snapshot brings stale values back unnoticed". An RDB taken before an
 * acknowledged invalidation restores the old value *and* the old invalidation sequence together; nothing
 * tells cacheme that the sequence went backwards, so the old value is served with no error event.
 */
import { type Reproduction, timeUntil, withOwnRedis } from './repro.js'

export const snapshotRollback: Reproduction = {
  defect: 'snapshot-rollback',
  measures: 'reads after a restart from an RDB taken before an acknowledged invalidation',
  wanted:
    'the rollback is detected (sequence below one already seen, or a changed run id): no stale value served, an error event',
  run: () =>
    withOwnRedis(async ({ server, redis, cm }) => {
      const errors: string[] = []
      cm.on('error', (e) => errors.push(e.operation))
      let version = 1
      const fn = cm.cacheme({ key: () => 'Profile:1', invalidKeys: () => ['User:1'], tag: 'profile' })(
        async () => version,
      )
      await cm.invalidate('Warm:up')
      await fn() // v1 cached
      await server.save() // the snapshot: v1 and the sequence as of now
      const seqBefore = await redis.get(cm.config.meta.seq)
      version = 2
      await cm.invalidate('User:1') // acknowledged
      const seqAfterInvalidation = await redis.get(cm.config.meta.seq)
      await fn() // v2 cached
      await server.restart('keep') // SIGKILL + restart from the older RDB
      await timeUntil(async () => (await redis.ping().catch(() => '')) === 'PONG', 10_000)
      const errorsBefore = errors.length
      let stale = 0
      for (let i = 0; i < 20; i += 1) if ((await fn()) !== 2) stale += 1
      return {
        seqAtSnapshot: String(seqBefore),
        seqAcknowledged: String(seqAfterInvalidation),
        seqAfterRestart: String(await redis.get(cm.config.meta.seq)),
        staleReads: stale,
        ofReads: 20,
        errorEvents: errors.length - errorsBefore,
      }
    }),
}
