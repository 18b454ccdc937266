/**
 * The baselines: raw ioredis doing the least a Redis cache can do, and a hand-rolled JSON cache.
 *
 * - `raw GET` / `raw HGET`: read the pre-serialized payload and decode nothing. On a miss (warm-up, or the
 *   miss workload) they call `load` and store the *pre-serialized* string with `SET … EX` (or `HSET` +
 *   `EXPIRE`), so they never pay for encoding either. This is the floor: every ratio is against it.
 * - `hand-rolled GET + JSON.parse / SET EX`: the ten lines a user writes instead of a library —
 *   `JSON.parse(await redis.get(key))`, else compute and `SET key JSON.stringify(value) EX ttl`. It decodes
 *   and encodes, but loses types (a `Date` comes back as a string) and has no invalidation.
 */

import type { CacheClient, Contender, OpenOptions } from '@cacheme/bench-peers/contract'
import { Redis5 } from '@cacheme/bench-peers/ioredis5'
import { Redis } from 'ioredis'

/** The commands the baselines use, common to ioredis 5 and 6. */
interface RawRedis {
  get(key: string): Promise<string | null>
  scan(
    cursor: string,
    match: 'MATCH',
    pattern: string,
    count: 'COUNT',
    n: number,
  ): Promise<[string, string[]]>
  unlink(...keys: string[]): Promise<number>
  hget(key: string, field: string): Promise<string | null>
  set(key: string, value: string, ex: 'EX', seconds: number): Promise<unknown>
  hset(key: string, field: string, value: string): Promise<unknown>
  expire(key: string, seconds: number): Promise<unknown>
  quit(): Promise<unknown>
}
type RawRedisClass = new (options: { host: string; port: number }) => RawRedis

function rawGet(name: string, library: string, RedisClass: RawRedisClass): Contender {
  return {
    name,
    library,
    role: 'baseline',
    async open({ endpoint, namespace, load, ttlSeconds }: OpenOptions): Promise<CacheClient> {
      const redis = new RedisClass({ host: endpoint.host, port: endpoint.port })
      let serialized: string | undefined
      return {
        async get(id) {
          const key = `${namespace}:${id}`
          const hit = await redis.get(key)
          if (hit !== null) return hit
          const value = await load(id)
          serialized ??= JSON.stringify(value)
          await redis.set(key, serialized, 'EX', ttlSeconds)
          return value
        },
        // The floor of a pattern invalidation: SCAN MATCH COUNT 1000, UNLINK each batch, until done.
        async clearAll() {
          let cursor = '0'
          do {
            const [next, keys] = await redis.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', 1000)
            cursor = next
            if (keys.length > 0) await redis.unlink(...keys)
          } while (cursor !== '0')
        },
        close: async () => {
          await redis.quit()
        },
      }
    },
  }
}

/** `GET` on ioredis 6 (the client cacheme runs on): the baseline of every ratio. */
export const rawGetContender = rawGet('raw ioredis GET (decodes nothing)', 'ioredis', Redis)

/** The raw `GET` contender's row in miss tables, where each of its calls is a `GET` (miss) then a `SET … EX`. */
export const RAW_MISS_LABEL = 'raw ioredis GET + SET EX (pre-serialized, encodes nothing)'

/** The same `GET` on ioredis 5, the client the peers run on: shows what the client version alone costs. */
export const rawGet5Contender = rawGet('raw ioredis 5 GET (the peers’ client)', 'ioredis (peers)', Redis5)

/** The same client seen from workload 4: its `clearAll` (SCAN + UNLINK) is the floor of a pattern clear. */
export const rawScanContender = rawGet('raw ioredis SCAN + UNLINK loop', 'ioredis', Redis)

/** `HGET` of the same payload in a hash field: the layout cacheme uses. */
export const rawHgetContender: Contender = {
  name: 'raw ioredis HGET (decodes nothing)',
  library: 'ioredis',
  role: 'baseline',
  async open({ endpoint, namespace, load, ttlSeconds }) {
    const redis = new Redis({ host: endpoint.host, port: endpoint.port })
    let serialized: string | undefined
    return {
      async get(id) {
        const key = `${namespace}:${id}`
        const hit = await redis.hget(key, 'base')
        if (hit !== null) return hit
        const value = await load(id)
        serialized ??= JSON.stringify(value)
        await redis.hset(key, 'base', serialized)
        await redis.expire(key, ttlSeconds)
        return value
      },
      close: async () => {
        await redis.quit()
      },
    }
  },
}

/**
 * The hand-rolled cache's read-through: `JSON.parse(GET)`, else compute and `SET … EX`. `onStore` sees
 * every key it writes (the UNLINK baseline remembers them per entity).
 */
function handRolledClient(
  { endpoint, namespace, load, ttlSeconds }: OpenOptions,
  onStore?: (key: string, entity: string | undefined) => void,
): { redis: Redis; get: CacheClient['get']; close: CacheClient['close'] } {
  const redis = new Redis({ host: endpoint.host, port: endpoint.port })
  return {
    redis,
    async get(id, entity) {
      const key = `${namespace}:${id}`
      const hit = await redis.get(key)
      if (hit !== null) return JSON.parse(hit)
      const value = await load(id)
      await redis.set(key, JSON.stringify(value), 'EX', ttlSeconds)
      onStore?.(key, entity)
      return value
    },
    close: async () => {
      await redis.quit()
    },
  }
}

/** What a user writes by hand instead of using a library. */
export const handRolledContender: Contender = {
  name: 'hand-rolled GET + JSON.parse / SET EX',
  library: 'ioredis',
  role: 'reference',
  cannot: {
    dependents: 'no dependency tracking (a hand-rolled cache deletes the keys it knows)',
  },
  async open(options) {
    const { get, close } = handRolledClient(options)
    return { get, close }
  },
}

/**
 * The floor of "invalidate an entity": the caller already knows the N keys that depend on it (remembered
 * here when they were cached) and deletes them with one `UNLINK`. No library can do less; cacheme has to
 * find them in Redis (the invalidation set) and guard against races on top.
 */
export const rawUnlinkContender: Contender = {
  name: 'raw ioredis UNLINK of the N keys (caller knows them)',
  library: 'ioredis',
  role: 'baseline',
  async open(options) {
    const dependents = new Map<string, string[]>()
    const { redis, get, close } = handRolledClient(options, (key, entity) => {
      if (entity === undefined) return
      const keys = dependents.get(entity) ?? []
      keys.push(key)
      dependents.set(entity, keys)
    })
    return {
      get,
      async invalidateEntity(entity) {
        const keys = dependents.get(entity) ?? []
        dependents.delete(entity)
        if (keys.length > 0) await redis.unlink(...keys)
      },
      close,
    }
  },
}
