/**
 * bentocache, set up as its docs show (docs/content/docs/quick_setup.md, multi_tier.md):
 *
 * - `Redis only`: `bentostore().useL2Layer(redisDriver({ connection }))`, `getOrSet({ key, factory, ttl })`.
 * - `Redis only, tags`: the same with `tags: [entity]` on every entry, so that `deleteByTag` can invalidate
 *   an entity's dependents (its tags are lazy: `deleteByTag` records an invalidation time and entries are
 *   dropped when next read, see docs/content/docs/tags.md).
 * - `tiered`: `useL1Layer(memoryDriver({ maxSize: '10mb' }))` + Redis L2 + `useBus(redisBusDriver(...))`,
 *   the setup its docs recommend for several processes.
 *
 * Everything runs under `bento.namespace(namespace)`, which is also what `clearAll` clears.
 */
import { BentoCache, bentostore } from 'bentocache'
import { memoryDriver } from 'bentocache/drivers/memory'
import { redisBusDriver, redisDriver } from 'bentocache/drivers/redis'
import type { CacheClient, Contender, OpenOptions } from './contract.js'

type Mode = 'redis' | 'redis-tags' | 'tiered'

function open(mode: Mode, { endpoint, namespace, load, ttlSeconds }: OpenOptions): CacheClient {
  const connection = { host: endpoint.host, port: endpoint.port }
  let store = bentostore()
  if (mode === 'tiered') store = store.useL1Layer(memoryDriver({ maxSize: '10mb' }))
  store = store.useL2Layer(redisDriver({ connection }))
  if (mode === 'tiered') store = store.useBus(redisBusDriver({ connection }))
  const bento = new BentoCache({ default: 'cache', stores: { cache: store } })
  const cache = bento.namespace(namespace)
  const ttl = `${ttlSeconds}s`
  const tagged = mode === 'redis-tags'
  return {
    get: (id, entity) =>
      cache.getOrSet({
        key: id,
        factory: () => load(id),
        ttl,
        ...(tagged && entity !== undefined ? { tags: [entity] } : {}),
      }),
    ...(tagged
      ? {
          invalidateEntity: async (entity: string) => {
            await cache.deleteByTag({ tags: [entity] })
          },
        }
      : {}),
    clearAll: () => cache.clear(),
    close: () => bento.disconnectAll(),
  }
}

const NO_TAGS = 'entries carry no tags in this configuration (see the "Redis only, tags" row)'

export const bentocacheRedis: Contender = {
  name: 'bentocache, Redis only',
  library: 'bentocache',
  role: 'peer',
  cannot: { dependents: NO_TAGS },
  open: async (options) => open('redis', options),
}

export const bentocacheRedisTags: Contender = {
  name: 'bentocache, Redis only, tags',
  library: 'bentocache',
  role: 'peer',
  open: async (options) => open('redis-tags', options),
}

export const bentocacheTiered: Contender = {
  name: 'bentocache tiered (memory + Redis + bus)',
  library: 'bentocache',
  role: 'peer',
  cannot: { dependents: NO_TAGS },
  open: async (options) => open('tiered', options),
}
