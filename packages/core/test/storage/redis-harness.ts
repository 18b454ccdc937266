/** Storage-suite harness for RedisStorage on a real Redis or Cluster client (shared by the wiring files). */
import type { Cluster, Redis } from 'ioredis'
import { RedisStorage } from '../../src/storage/redis-storage.js'
import type { StorageFactory, StorageInspector } from '../../src/test-suite/index.js'
import { deleteByPrefix } from '../support/redis.js'

/** Raw Redis view for layout assertions. */
export function redisInspector(client: Redis | Cluster): StorageInspector {
  return {
    type: (key) => client.type(key),
    hget: (hash, field) => client.hget(hash, field),
    smembers: (set) => client.smembers(set),
    pttl: (key) => client.pttl(key),
  }
}

/**
 * A factory over one lazily created client. The client is created on first use (so a missing env var
 * fails each test with its message) and quit by the returned `close`.
 */
export function redisFactory(connect: () => Redis | Cluster): {
  factory: StorageFactory
  close(): Promise<void>
} {
  let client: Redis | Cluster | undefined
  const factory: StorageFactory = async ({ prefix, logMaxEntries }) => {
    client ??= connect()
    const current = client
    return {
      storage: new RedisStorage(current, { logMaxEntries }),
      inspect: redisInspector(current),
      cleanup: () => deleteByPrefix(current, prefix),
    }
  }
  return { factory, close: async () => void (await client?.quit()) }
}
