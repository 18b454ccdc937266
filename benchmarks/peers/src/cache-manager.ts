/**
 * cache-manager 7 on @keyv/redis, as their READMEs show: `createCache({ stores: [createKeyv(url, {
 * namespace })] })` and `cache.wrap(key, fn, ttlMs)`; `cache.clear()` clears the Keyv namespace (SCAN +
 * UNLINK in batches). @keyv/redis runs on node-redis (`@redis/client`), not ioredis. Values are stored as
 * JSON (Keyv's serializer), so a `Date` comes back as a string.
 *
 * No dependency tracking: `del`/`mdel` take the keys the caller names.
 */
import { createKeyv } from '@keyv/redis'
import { createCache } from 'cache-manager'
import type { Contender } from './contract.js'

export const cacheManager: Contender = {
  name: 'cache-manager wrap + @keyv/redis',
  library: 'cache-manager',
  role: 'peer',
  cannot: {
    dependents:
      'no dependency tracking: del/mdel take the keys the caller names, it cannot find the entries that depend on an entity',
  },
  async open({ endpoint, namespace, load, ttlSeconds }) {
    const store = createKeyv(`redis://${endpoint.host}:${endpoint.port}`, { namespace })
    const cache = createCache({ stores: [store] })
    const ttlMs = ttlSeconds * 1000
    return {
      get: (id) => cache.wrap(id, () => load(id), ttlMs),
      clearAll: async () => {
        await cache.clear()
      },
      close: async () => {
        await cache.disconnect()
      },
    }
  },
}
