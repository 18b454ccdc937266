/**
 * Issue 9: "out of memory breaks freshness across processes". With `maxmemory` reached under
 * `noeviction`, the invalidation script is refused (OOM: its first command, INCR of the sequence, is a
 * write that may grow memory), so process A queues the invalidation — and process B, which never saw it,
 * keeps serving the old value. A plain DEL still works under OOM (deletions are allowed).
 */
import { createCacheme, RedisStorage } from '@cacheme/core'
import { Redis } from 'ioredis'
import { RedisServer } from '../infra/redis-server.js'
import type { Reproduction } from './repro.js'

export const outOfMemory: Reproduction = {
  defect: 'oom-invalidation',
  measures:
    "process B's reads of a value whose invalidation process A issued while Redis was at maxmemory (noeviction)",
  wanted:
    '0 stale reads: the invalidation (a deletion) succeeds under OOM, or what could not be delivered is visible to every process',
  async run() {
    const server = await RedisServer.start({ args: ['--maxmemory-policy', 'noeviction'] })
    const clients = [new Redis(server.url), new Redis(server.url)]
    const [a, b] = clients.map((client) =>
      createCacheme({ storage: new RedisStorage(client), prefix: 'repro:', breakerThreshold: 1000 }),
    )
    const errorsA: string[] = []
    a!.on('error', (e) => errorsA.push(e.error.message.slice(0, 80)))
    let version = 1
    const fnB = b!.cacheme({ key: () => 'Profile:1', invalidKeys: () => ['User:1'], tag: 'profile' })(
      async () => version,
    )
    try {
      await fnB() // B caches v1
      await a!.invalidate('Warm:up') // meta keys exist
      // 5 MB of unrelated data, then maxmemory 1 MB below what is used: clearly out of memory (right at
      // the limit, freed client buffers make it flap).
      const filled = 500
      for (let i = 0; i < filled; i += 1) await clients[0]!.set(`junk:${i}`, 'x'.repeat(10_000))
      const used = Number((await server.info('memory')).get('used_memory'))
      await server.command('CONFIG', 'SET', 'maxmemory', used - (1 << 20))
      const write = await clients[0]!.set('probe', '1').then(
        () => 'accepted',
        (error: unknown) => String(error).slice(0, 40),
      )
      version = 2 // the row changes and is committed …
      await a!.invalidate('User:1') // … and A invalidates: refused, queued in A
      let stale = 0
      for (let i = 0; i < 100; i += 1) if ((await fnB()) !== 2) stale += 1
      const del = await clients[1]!.del('junk:0').then(
        (n) => `DEL works (${n})`,
        (error: unknown) => String(error),
      )
      return {
        plainWriteAfterLimit: write,
        pendingInA: a!.pendingInvalidations,
        staleReadsInB: stale,
        ofReadsInB: 100,
        errorInA: errorsA.find((m) => m.includes('OOM')) ?? errorsA[0] ?? '',
        plainDeleteUnderOom: del,
      }
    } finally {
      await Promise.all([a!.close(), b!.close()])
      for (const client of clients) client.disconnect()
      await server.stop()
    }
  },
}
