/** Test fixtures for the engine tests: real Redis from the services script, fresh prefixes, latches. */
import { type Cluster, Redis, type RedisOptions } from 'ioredis'
import { afterEach } from 'vitest'
import {
  type Cacheme,
  type CachemeConfig,
  createCacheme,
  MemoryStorage,
  RedisStorage,
} from '../../src/index.js'
import { connectCluster, randomPrefix, redisUrl } from './redis.js'

export { randomPrefix, redisUrl }

const clients: Array<Redis | Cluster> = []
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.quit().catch(() => client.disconnect())))
})

/** A new ioredis client to the test Redis, closed after the test. */
export function newRedis(url = redisUrl(), options: RedisOptions = {}): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1, ...options })
  clients.push(client)
  return client
}

/** A new ioredis Cluster client to the test Cluster, closed after the test. */
export function newCluster(): Cluster {
  const client = connectCluster()
  clients.push(client)
  return client
}

export type StorageKind = 'redis' | 'redis-cluster' | 'memory'

export interface Harness {
  cm: Cacheme
  prefix: string
  /** Direct client for asserting raw Redis state (single redis kind only). */
  redis: Redis | undefined
}

/** A cacheme on a fresh prefix over the given storage kind. */
export function makeCacheme(kind: StorageKind, config: CachemeConfig = {}): Harness {
  const prefix = randomPrefix()
  if (kind === 'memory')
    return {
      cm: createCacheme({ storage: new MemoryStorage(), prefix, ...config }),
      prefix,
      redis: undefined,
    }
  if (kind === 'redis-cluster') {
    return {
      cm: createCacheme({ storage: new RedisStorage(newCluster()), prefix, ...config }),
      prefix,
      redis: undefined,
    }
  }
  const redis = newRedis()
  return { cm: createCacheme({ storage: new RedisStorage(redis), prefix, ...config }), prefix, redis }
}

/**
 * Two cacheme instances on one storage and prefix: two processes (each with its own client on Redis and
 * Cluster; memory: two instances of one process sharing one MemoryStorage).
 */
export function twoProcesses(kind: StorageKind, config: CachemeConfig = {}): [Cacheme, Cacheme] {
  const prefix = randomPrefix()
  if (kind === 'memory') {
    const storage = new MemoryStorage()
    return [createCacheme({ storage, prefix, ...config }), createCacheme({ storage, prefix, ...config })]
  }
  const client = () => (kind === 'redis' ? newRedis() : newCluster())
  return [
    createCacheme({ storage: new RedisStorage(client()), prefix, ...config }),
    createCacheme({ storage: new RedisStorage(client()), prefix, ...config }),
  ]
}

/** A promise you release by hand: blocks a function mid-computation deterministically. */
export function latch(): {
  wait: Promise<void>
  release: () => void
  entered: Promise<void>
  enter: () => void
} {
  let release!: () => void
  let enter!: () => void
  const wait = new Promise<void>((resolve) => {
    release = resolve
  })
  const entered = new Promise<void>((resolve) => {
    enter = resolve
  })
  return { wait, release, entered, enter }
}

export const storageKinds: StorageKind[] = ['redis', 'redis-cluster', 'memory']

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
