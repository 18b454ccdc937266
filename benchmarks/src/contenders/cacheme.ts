/**
 * cacheme as its README shows it: `createCacheme({ storage: new RedisStorage(redis), prefix })` and a
 * wrapped function with a `key`, one invalid key (the entity the value depends on) and a `timeout`. Only
 * the public API of `@cacheme/core`, so the harness measures whatever the current core does.
 *
 * A hit is one round trip (one HGET; the invalidation sequence rides along at most once per millisecond);
 * a miss is the read plus one Lua script that checks the race guard and writes value, invalidation set, tag
 * and TTLs atomically. With `l1`, hot keys are served from the in-process tier, kept coherent by the
 * storage's invalidation notices (Redis pub/sub).
 */

import type { CacheClient, Contender, OpenOptions } from '@cacheme/bench-peers/contract'
import { type CachemeConfig, createCacheme, MemoryStorage, RedisStorage } from '@cacheme/core'
import { Redis } from 'ioredis'

function client(
  cm: ReturnType<typeof createCacheme>,
  { load, ttlSeconds }: OpenOptions,
  close: () => Promise<void>,
): CacheClient {
  const cached = cm.wrap(async (id: string, _entity?: string) => load(id), {
    tag: 'bench',
    key: (c) => `Item:${c.args[0]}`,
    invalidKeys: (c) => (c.args[1] === undefined ? [] : [c.args[1]]),
    timeout: ttlSeconds,
  })
  return {
    get: (id, entity) => cached(id, entity),
    invalidateEntity: async (entity) => {
      await cm.invalidate(entity)
    },
    clearAll: async () => {
      await cm.invalidatePattern('Item:*')
    },
    close: async () => {
      await cm.close()
      await close()
    },
  }
}

/** cacheme on its own Redis client, with `extra` configuration. */
async function onRedis(options: OpenOptions, extra: CachemeConfig = {}): Promise<CacheClient> {
  const redis = new Redis({ host: options.endpoint.host, port: options.endpoint.port })
  const cm = createCacheme({ storage: new RedisStorage(redis), prefix: `${options.namespace}:`, ...extra })
  if (extra.l1 !== undefined) {
    // Measured once the tier serves (its notice subscription is confirmed).
    await cm.ready()
    const deadline = Date.now() + 10_000
    while (cm.l1?.state !== 'ready') {
      if (Date.now() > deadline) throw new Error(`the in-process tier did not become ready (${cm.l1?.state})`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }
  return client(cm, options, async () => {
    await redis.quit()
  })
}

export const cachemeContender: Contender = {
  name: 'cacheme',
  library: '@cacheme/core',
  role: 'cacheme',
  open: (options) => onRedis(options),
}

/**
 * cacheme with the in-process tier in front of Redis — the mode to compare with bentocache's tiered mode
 * (memory + Redis + bus).
 */
export const cachemeL1Contender: Contender = {
  name: 'cacheme, l1 (in-process tier + Redis + notices)',
  library: '@cacheme/core',
  role: 'cacheme',
  open: (options) => onRedis(options, { l1: { max: 10_000, ttl: options.ttlSeconds } }),
}

/** The embedded MemoryStorage: one process only, no Redis at all. Shown for scale. */
export const cachemeMemoryContender: Contender = {
  name: 'cacheme on MemoryStorage (one process, no Redis)',
  library: '@cacheme/core',
  role: 'reference',
  async open(options) {
    const cm = createCacheme({ storage: new MemoryStorage(), prefix: `${options.namespace}:` })
    return client(cm, options, async () => {})
  },
}
