/** Real services for the admin's tests (started by the shared vitest global setup): Redis, Cluster, memory. */
import { randomUUID } from 'node:crypto'
import { type Cacheme, createCacheme, MemoryStorage, RedisStorage } from '@cacheme/core'
import { Cluster, Redis } from 'ioredis'

export type StorageKind = 'redis' | 'redis-cluster' | 'memory'
export const storageKinds: StorageKind[] = ['redis', 'redis-cluster', 'memory']

function env(name: string): string {
  const value = process.env[name]
  if (!value)
    throw new Error(
      `${name} is not set → run the tests through pnpm test (the global setup starts the services).`,
    )
  return value
}

/** A fresh random prefix per test. */
export function randomPrefix(): string {
  return `adm${randomUUID().slice(0, 8)}:`
}

/** A client of the given kind (the caller quits it), or undefined for memory. */
export function connect(kind: StorageKind): Redis | Cluster | undefined {
  if (kind === 'redis') return new Redis(env('CACHEME_REDIS_URL'), { maxRetriesPerRequest: 1 })
  if (kind === 'redis-cluster') {
    const nodes = env('CACHEME_REDIS_CLUSTER')
      .split(',')
      .map((node) => {
        const [host, port] = node.split(':')
        return { host: host ?? '127.0.0.1', port: Number(port) }
      })
    return new Cluster(nodes, { redisOptions: { maxRetriesPerRequest: 1 } })
  }
  return undefined
}

/** A cacheme instance on a fresh prefix, sharing `client` (or one MemoryStorage) with its neighbours. */
export function instance(
  client: Redis | Cluster | undefined,
  memory: MemoryStorage,
  prefix: string,
): Cacheme {
  return createCacheme({ storage: client ? new RedisStorage(client) : memory, prefix })
}

/** A seeded application: books with owners, a tag per function, some entries with a TTL. */
export async function seedBooks(cm: Cacheme, count: number): Promise<void> {
  const owner = cm.wrap(async (id: number) => ({ name: `Owner of ${id}`, since: new Date(0) }), {
    key: (c) => `Book:${c.args[0]}>owner`,
    invalidKeys: (c) => [`User:${c.args[0] % 5}`],
    tag: 'BookSerializer.owner',
    timeout: 3600,
  })
  const title = cm.wrap(async (id: number) => `Title ${id}`, {
    key: (c) => `Book:${c.args[0]}>title`,
    invalidKeys: (c) => [`Book:${c.args[0]}`],
    tag: 'BookSerializer.title',
  })
  for (let id = 0; id < count; id++) await Promise.all([owner(id), title(id)])
}

export { MemoryStorage }
