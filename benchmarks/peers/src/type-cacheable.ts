/**
 * @type-cacheable/core with @type-cacheable/ioredis-adapter, as its READMEs show: `useAdapter(client)` and
 * the `@Cacheable({ cacheKey, ttlSeconds, client })` method decorator; `@CacheClear({ cacheKey, isPattern })`
 * for pattern clears. Values are stored with `JSON.stringify` and read back with a reviver that turns
 * ISO-date-looking strings into `Date`s.
 *
 * It has no dependency tracking: `@CacheClear` deletes the keys (or patterns) the caller names, so
 * "invalidate an entity's dependents" cannot be expressed.
 */
import { Cacheable, CacheClear } from '@type-cacheable/core'
import { useAdapter } from '@type-cacheable/ioredis-adapter'
import { Redis } from 'ioredis'
import type { Contender } from './contract.js'

type LegacyMethodDecorator = (target: object, key: string, descriptor: PropertyDescriptor) => unknown

function decorate(prototype: object, key: string, decorator: LegacyMethodDecorator): void {
  const descriptor = Object.getOwnPropertyDescriptor(prototype, key)!
  const result = decorator(prototype, key, descriptor)
  Object.defineProperty(prototype, key, (result as PropertyDescriptor | undefined) ?? descriptor)
}

export const typeCacheable: Contender = {
  name: '@type-cacheable/core + ioredis adapter',
  library: '@type-cacheable/core',
  role: 'peer',
  cannot: {
    dependents:
      'no dependency tracking: @CacheClear deletes the keys or patterns the caller names, it cannot find the entries that depend on an entity',
  },
  async open({ endpoint, namespace, load, ttlSeconds }) {
    const redis = new Redis({ host: endpoint.host, port: endpoint.port })
    const client = useAdapter(redis)

    class Service {
      async get(id: string, _entity?: string): Promise<unknown> {
        return load(id)
      }

      async clearAll(): Promise<void> {}
    }
    // What `@Cacheable(...)` / `@CacheClear(...)` on the methods compile to under `experimentalDecorators`
    // (the only decorator flavour the library supports). Applied by hand so that the result does not
    // depend on which tsconfig the TypeScript runner picks for this file.
    decorate(
      Service.prototype,
      'get',
      Cacheable({ cacheKey: (args) => `${namespace}:${String(args[0])}`, ttlSeconds, client }),
    )
    decorate(
      Service.prototype,
      'clearAll',
      CacheClear({ cacheKey: `${namespace}:*`, isPattern: true, client }),
    )
    const service = new Service()
    return {
      get: (id, entity) => service.get(id, entity),
      clearAll: () => service.clearAll(),
      close: async () => {
        await redis.quit()
      },
    }
  },
}
