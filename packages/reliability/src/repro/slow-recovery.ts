/**
 * Issue 9: "slow recovery". With default settings, after a 3 s outage (connections refused) during which
 * invalidations were queued: how long after Redis answers again until the queue is delivered and the
 * cache serves hits — and whether a storage operation that already succeeds (here `tags.get().keys()`)
 * starts the drain.
 */
import { type Reproduction, sleep, withOwnRedis } from './repro.js'

export const slowRecovery: Reproduction = {
  defect: 'slow-recovery',
  measures:
    'ms from Redis answering again (after a 3 s refused outage) until: a direct operation succeeds, the queue is drained, the first hit',
  wanted: 'drain and first hit within about one probe interval of Redis answering (≪ 1 s)',
  run: () =>
    withOwnRedis(async ({ server, cm }) => {
      let version = 0
      const fn = cm.cacheme({ key: () => 'Item:1', invalidKeys: () => ['Row:1'], tag: 'item' })(
        async () => version,
      )
      let hits = 0
      cm.on('hit', () => {
        hits += 1
      })
      await fn()
      await server.refuse()
      const outageEnds = performance.now() + 3000
      while (performance.now() < outageEnds) {
        version += 1
        await cm.invalidate('Row:1')
        await fn()
        await sleep(100)
      }
      const pendingAtRecovery = cm.pendingInvalidations
      await server.accept()
      const back = performance.now()
      const at: Record<string, number | null> = { directOperation: null, drained: null, firstHit: null }
      let pendingWhenDirectOk = -1
      const hitsBefore = hits
      while (performance.now() - back < 30_000 && (at.drained === null || at.firstHit === null)) {
        const now = Math.round(performance.now() - back)
        if (
          at.directOperation === null &&
          (await cm.tags
            .get('item')!
            .keys()
            .then(
              () => true,
              () => false,
            ))
        ) {
          at.directOperation = now
          pendingWhenDirectOk = cm.pendingInvalidations
        }
        if (at.drained === null && cm.pendingInvalidations === 0) at.drained = now
        await fn()
        if (at.firstHit === null && hits > hitsBefore) at.firstHit = now
        await sleep(10)
      }
      return {
        pendingAtRecovery,
        directOperationOkAfterMs: at.directOperation ?? 'never',
        pendingWhenDirectOperationOk: pendingWhenDirectOk,
        queueDrainedAfterMs: at.drained ?? 'never (30 s)',
        firstHitAfterMs: at.firstHit ?? 'never (30 s)',
      }
    }),
}

/** Issue 9: while the breaker is open, every invalidation emits an `error` event. */
export const errorFlood: Reproduction = {
  defect: 'error-event-flood',
  measures: '`error` events per second over 3 s of an outage, breaker open, 65 invalidations/s plus reads',
  wanted: 'rate-limited or aggregated: about one event per second (or per breaker transition)',
  run: () =>
    withOwnRedis(async ({ server, cm }) => {
      const fn = cm.cacheme<[number], number>({ key: (c) => `Item:${c.args[0]}`, tag: 'item' })(
        async (i) => i,
      )
      await server.kill()
      // Open the breaker first (reads time out), then count.
      await Promise.all(Array.from({ length: 5 }, (_, i) => fn(i)))
      let errors = 0
      cm.on('error', () => {
        errors += 1
      })
      const started = performance.now()
      const pending: Promise<unknown>[] = []
      let invalidations = 0
      while (performance.now() - started < 3000) {
        pending.push(cm.invalidate(`Row:${invalidations++}`), fn(invalidations))
        await sleep(1000 / 65)
      }
      await Promise.all(pending)
      const seconds = (performance.now() - started) / 1000
      return { invalidations, errorEvents: errors, errorEventsPerSecond: Math.round(errors / seconds) }
    }),
}
