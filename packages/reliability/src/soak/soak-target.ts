/**
 * Where a soak runs and how its memory is read: a redis-server of its own, a 3-master Cluster of its own,
 * or an embedded MemoryStorage. Each target gives cacheme a storage and reports what it holds.
 */
import { type CacheStorage, MemoryStorage, RedisStorage } from '@cacheme/core'
import { Cluster, Redis } from 'ioredis'
import { RedisClusterProcess } from '../infra/redis-cluster.js'
import { RedisServer } from '../infra/redis-server.js'

export type SoakTargetName = 'redis' | 'cluster' | 'memory'

/** What the storage holds at one instant. Redis: summed over masters. Memory: `stats()` and the heap. */
export interface MemoryReading {
  /** Redis `used_memory`, or the process heap after a GC for MemoryStorage (bytes). */
  readonly bytes: number
  /** Redis DBSIZE, or `stats().keys`. */
  readonly keys: number
  /** Members of the given sets (SCARD), or `stats().setMembers` (all sets) for MemoryStorage. */
  readonly setMembers: readonly number[]
  /** MemoryStorage only: `stats().values`. */
  readonly values?: number
}

export interface SoakTarget {
  readonly name: SoakTargetName
  readonly storage: CacheStorage
  /** A raw client (Redis targets), for MEMORY USAGE and friends. */
  readonly client?: Redis | Cluster
  read(sets: readonly string[]): Promise<MemoryReading>
  stop(): Promise<void>
}

const gc = (globalThis as { gc?: () => void }).gc

export async function openTarget(
  name: SoakTargetName,
  options: { maxEntries?: number } = {},
): Promise<SoakTarget> {
  if (name === 'memory') {
    const storage = new MemoryStorage({ maxEntries: options.maxEntries ?? 100_000 })
    return {
      name,
      storage,
      async read() {
        const stats = storage.stats()
        gc?.()
        return {
          bytes: process.memoryUsage().heapUsed,
          keys: stats.keys,
          setMembers: [stats.setMembers],
          values: stats.values,
        }
      },
      stop: async () => {},
    }
  }
  if (name === 'redis') {
    const server = await RedisServer.start()
    const client = new Redis(server.url)
    return {
      name,
      storage: new RedisStorage(client),
      client,
      async read(sets) {
        const [info, keys, ...cards] = await Promise.all([
          server.info('memory'),
          client.dbsize(),
          ...sets.map((set) => client.scard(set)),
        ])
        return { bytes: Number(info.get('used_memory')), keys, setMembers: cards }
      },
      async stop() {
        client.disconnect()
        await server.stop()
      },
    }
  }
  const cluster = await RedisClusterProcess.start({ masters: 3 })
  const client = new Cluster(cluster.seeds)
  return {
    name,
    storage: new RedisStorage(client),
    client,
    async read(sets) {
      const masters = await cluster.masters()
      let bytes = 0
      let keys = 0
      for (const node of masters) {
        bytes += Number((await node.info('memory')).get('used_memory'))
        keys += Number(await node.command('DBSIZE'))
      }
      const setMembers = await Promise.all(sets.map((set) => client.scard(set)))
      return { bytes, keys, setMembers }
    },
    async stop() {
      client.disconnect()
      await cluster.stop()
    },
  }
}
