/**
 * Defect reproductions (issue 9 and what the harnesses found): each starts what it needs, drives cacheme
 * into the defect, and returns the figure that shows it. Not run by CI — a failing test is not committed;
 * the fix phase turns each into a test that asserts the wanted figure.
 */
import { type Cacheme, type CachemeConfig, createCacheme, RedisStorage } from '@cacheme/core'
import { Redis } from 'ioredis'
import { RedisServer } from '../infra/redis-server.js'

export interface Reproduction {
  readonly defect: string
  /** One line: what is measured. */
  readonly measures: string
  /** What the figure should be once fixed. */
  readonly wanted: string
  run(): Promise<Record<string, number | string | boolean>>
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Polls `check` every 10 ms until true or `timeoutMs`; returns the ms it took, or null. */
export async function timeUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<number | null> {
  const started = performance.now()
  while (performance.now() - started < timeoutMs) {
    if (await check()) return Math.round(performance.now() - started)
    await sleep(10)
  }
  return null
}

/** What {@link withOwnRedis} hands a reproduction. */
export interface OwnRedis {
  readonly server: RedisServer
  readonly redis: Redis
  readonly cm: Cacheme
}

/**
 * Runs `body` against a fresh redis-server, one client on it and a cacheme on prefix `repro:`, and stops
 * all three afterwards. The client's own `error` events are silenced: the faults make it report them,
 * and the figures count cacheme's.
 */
export async function withOwnRedis<T>(
  body: (env: OwnRedis) => Promise<T>,
  config: CachemeConfig = {},
): Promise<T> {
  const server = await RedisServer.start()
  const redis = new Redis(server.url)
  redis.on('error', () => {})
  const cm = createCacheme({ storage: new RedisStorage(redis), prefix: 'repro:', ...config })
  try {
    return await body({ server, redis, cm })
  } finally {
    await cm.close()
    redis.disconnect()
    await server.stop()
  }
}
