/** Test fixtures for the engine tests: real Redis from the services script, fresh prefixes, latches. */
import { randomUUID } from 'node:crypto'
import { Redis, type RedisOptions } from 'ioredis'
import { afterEach } from 'vitest'
import {
  type Cacheme,
  type CachemeConfig,
  createCacheme,
  MemoryStorage,
  RedisStorage,
} from '../../src/index.js'

/** The single test Redis URL; a missing variable fails the test loudly (never a skip). */
export function redisUrl(): string {
  const url = process.env.CACHEME_REDIS_URL
  if (!url)
    throw new Error(
      'CACHEME_REDIS_URL is not set: start services with `bash scripts/services.sh start` or run `pnpm test:all`',
    )
  return url
}

const clients: Redis[] = []
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.quit().catch(() => client.disconnect())))
})

/** A new ioredis client to the test Redis, closed after the test. */
export function newRedis(url = redisUrl(), options: RedisOptions = {}): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1, ...options })
  clients.push(client)
  return client
}

/** A prefix no other test uses. */
export function randomPrefix(): string {
  return `t${randomUUID().slice(0, 8)}:`
}

export type StorageKind = 'redis' | 'memory'

export interface Harness {
  cm: Cacheme
  prefix: string
  /** Direct client for asserting raw Redis state (redis kind only). */
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
  const redis = newRedis()
  return { cm: createCacheme({ storage: new RedisStorage(redis), prefix, ...config }), prefix, redis }
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

export const storageKinds: StorageKind[] = ['redis', 'memory']

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
