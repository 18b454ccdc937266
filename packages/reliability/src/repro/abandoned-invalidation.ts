/**
 * Found by the fault harness (`cluster-failover-data`, in about 1 of 9 runs: one stale read in the
 * instance that had invalidated). On Cluster an invalidation is three steps: log, pop the sets, delete
 * the fields on the hashes' nodes. When the last step hangs past `operationTimeoutMs` (its master is
 * frozen or failing over), the layer gives up and queues the invalidation — but the abandoned attempt
 * has already popped the set members, and ioredis keeps re-sending its deletion. The retry pops an empty
 * set, "succeeds", and the instance resumes reading from Redis while the old value is still there: until
 * the abandoned deletion lands, or — when ioredis gives up on it — for good (its members are put back,
 * so only the next invalidation of that key removes it).
 *
 * Deterministic here: the value's hash lives on master H, its invalidation set elsewhere; H's writes are
 * paused (CLIENT PAUSE WRITE) so the deletion hangs; the invalidation times out and is queued; H is
 * killed once its replica is in sync and the replica takes over; then the queue is delivered and the
 * value read 20 times.
 */
import { createCacheme, RedisStorage } from '@cacheme/core'
import { Cluster } from 'ioredis'
import { RedisClusterProcess } from '../infra/redis-cluster.js'
import { type Reproduction, sleep, timeUntil } from './repro.js'

const PREFIX = 'repro:'

export const abandonedInvalidation: Reproduction = {
  defect: 'abandoned-cluster-invalidation',
  measures:
    "reads of a value after its invalidation's queue was delivered, when the first attempt's field deletion hung on a master that then failed over",
  wanted: '0 stale reads: a retried invalidation must find what the abandoned attempt popped',
  async run() {
    const cluster = await RedisClusterProcess.start({ replicasPerMaster: 1 })
    const client = new Cluster(cluster.seeds)
    client.on('error', () => {})
    const cm = createCacheme({
      storage: new RedisStorage(client),
      prefix: PREFIX,
      operationTimeoutMs: 500,
      breakerThreshold: 1000,
    })
    const errors: string[] = []
    cm.on('error', (e) => errors.push(e.operation))
    try {
      const meta = await cluster.masterOf(`${PREFIX}#cm:{meta}:seq`)
      const set = await cluster.masterOf(`${PREFIX}Dep:1:invalid`)
      // A value key whose hash is on a third master: only the deletion step hangs.
      let key = ''
      for (let n = 0; key === ''; n += 1) {
        const node = await cluster.masterOf(`${PREFIX}Item:${n}`)
        if (node !== meta && node !== set) key = `Item:${n}`
      }
      const hashMaster = await cluster.masterOf(PREFIX + key)
      let version = 1
      const fn = cm.cacheme({ key: () => key, invalidKeys: () => ['Dep:1'], tag: 'item' })(
        async () => version,
      )
      await cm.invalidate('Warm:up')
      await fn()
      await hashMaster.command('CLIENT', 'PAUSE', 20_000, 'WRITE')
      version = 2 // the row changes and is committed; the invalidation times out on the paused master
      await cm.invalidate('Dep:1')
      const queued = cm.pendingInvalidations
      await cluster.killInSync(hashMaster)
      await cluster.waitHealthy(60_000)
      const deliveredMs = await timeUntil(async () => cm.flushPendingInvalidations(), 20_000)
      let stale = 0
      for (let i = 0; i < 20; i += 1) {
        if ((await fn()) !== 2) stale += 1
        await sleep(50)
      }
      await sleep(3000)
      let staleLater = 0
      for (let i = 0; i < 20; i += 1) if ((await fn()) !== 2) staleLater += 1
      const member = await client.sismember(`${PREFIX}Dep:1:invalid`, PREFIX + key)
      await cm.invalidate('Dep:1')
      const afterNextInvalidation = await fn()
      return {
        queuedAfterTimeout: queued,
        queueDeliveredAfterFailoverMs: deliveredMs ?? 'never (20 s)',
        staleReadsRightAfter: stale,
        staleReadsAfter3s: staleLater,
        ofReads: 20,
        membershipPutBack: member === 1,
        freshAfterTheNextInvalidation: afterNextInvalidation === 2,
        errorEvents: errors.length,
      }
    } finally {
      await cm.close()
      client.disconnect()
      await cluster.stop()
    }
  },
}
