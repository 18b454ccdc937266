/**
 * Fixture of the TypeORM-specific tests: per database, one DataSource (fresh tables before each test) and
 * per test a cacheme on real Redis under a random prefix with the adapter attached, plus counting probes.
 */
import { randomUUID } from 'node:crypto'
import { type Cacheme, createCacheme, type Logger, RedisStorage } from '@cacheme/core'
import type { AdapterOptions } from '@cacheme/core/adapter'
import { Redis } from 'ioredis'
import type { DataSource, DataSourceOptions } from 'typeorm'
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest'
import { typeormAdapter } from '../../src/index.js'
import { Book, Tag, User } from './entities.js'
import { type Database, openDataSource } from './typeorm-harness.js'

export const databases: Database[] = ['sqlite', 'postgres']

/** A cached function that counts how often its body ran. */
export type Counted<A extends unknown[], R> = ((...args: A) => Promise<R>) & { readonly computed: number }

export interface Fixture {
  readonly ds: DataSource
  readonly cm: Cacheme
  readonly logger: { [K in keyof Logger]: ReturnType<typeof vi.fn> }
  /** Invalid keys (or model names) of every `invalidate` event of this test. */
  readonly invalidated: string[]
  /** Attaches (again) with options; the default attach has none. */
  reattach(options: AdapterOptions): Promise<void>
  counted<A extends unknown[], R>(
    tag: string,
    key: (...a: A) => string,
    invalid: (...a: A) => string[],
    compute: (...a: A) => Promise<R>,
  ): Counted<A, R>
}

function redisUrl(): string {
  const url = process.env.CACHEME_REDIS_URL
  if (!url)
    throw new Error('CACHEME_REDIS_URL is not set: start services with `bash scripts/services.sh start`.')
  return url
}

/** Registers hooks for one database and returns the current test's fixture. */
export function useFixture(
  database: Database,
  options: { attach?: boolean; entities?: DataSourceOptions['entities'] } = {},
): () => Fixture {
  let opened: Awaited<ReturnType<typeof openDataSource>> | undefined
  let redis: Redis | undefined
  let current: Fixture | undefined
  let detach: (() => Promise<void>) | undefined
  let prefix = ''

  beforeAll(async () => {
    redis = new Redis(redisUrl(), { maxRetriesPerRequest: 1 })
    opened = await openDataSource(database, options.entities ?? [User, Book, Tag])
    await opened.reset()
  })
  afterAll(async () => {
    await opened?.close()
    await redis?.quit()
  })
  beforeEach(async () => {
    if (!opened || !redis) throw new Error('fixture setup failed (see beforeAll)')
    await opened.truncate()
    prefix = `t${randomUUID()}:`
    const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() }
    const cm = createCacheme({ storage: new RedisStorage(redis), prefix, logger })
    const invalidated: string[] = []
    cm.on('invalidate', (event) => invalidated.push(...event.keys))
    const ds = opened.dataSource
    if (options.attach !== false) detach = await cm.attach(typeormAdapter(ds))
    current = {
      ds,
      cm,
      logger,
      invalidated,
      async reattach(adapterOptions) {
        await detach?.()
        detach = await cm.attach(typeormAdapter(ds, adapterOptions))
      },
      counted<A extends unknown[], R>(
        tag: string,
        key: (...a: A) => string,
        invalid: (...a: A) => string[],
        compute: (...a: A) => Promise<R>,
      ): Counted<A, R> {
        let computed = 0
        const body = async (...args: A): Promise<R> => {
          computed += 1
          return compute(...args)
        }
        const cached = cm.cacheme<A, R>({
          tag,
          key: (c) => key(...c.args),
          invalidKeys: (c) => invalid(...c.args),
        })(body)
        return Object.defineProperty(cached, 'computed', { get: () => computed }) as unknown as Counted<A, R>
      },
    }
  })
  afterEach(async () => {
    await detach?.()
    detach = undefined
    await current?.cm.close()
    current = undefined
    let cursor = '0'
    do {
      const [next, keys] = await redis!.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
      cursor = next
      if (keys.length > 0) await redis!.unlink(...keys)
    } while (cursor !== '0')
  })
  return () => {
    if (!current) throw new Error('fixture used outside a test')
    return current
  }
}
