/**
 * Fixture of the MikroORM-specific tests: per database one MikroORM (the suite's entities and the extra
 * ones; tables emptied before each test) and per test a cacheme on real Redis under a random prefix with
 * the adapter attached, plus counting probes.
 */
import { randomUUID } from 'node:crypto'
import { type Cacheme, createCacheme, type Logger, RedisStorage } from '@cacheme/core'
import type { AdapterOptions } from '@cacheme/core/adapter'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest'
import { mikroOrmAdapter } from '../../src/index.js'
import { type Database, type OpenedOrm, openOrm } from './database.js'
import { suiteEntities } from './entities.js'
import { extraEntities } from './extra-entities.js'

/** A cached function that counts how often its body ran. */
export type Counted<A extends unknown[], R> = ((...args: A) => Promise<R>) & { readonly computed: number }

export interface Fixture {
  readonly orm: OpenedOrm['orm']
  readonly opened: OpenedOrm
  readonly cm: Cacheme
  readonly redis: Redis
  readonly logger: { [K in keyof Logger]: ReturnType<typeof vi.fn> }
  /** Invalid keys (or model names) of every `invalidate` event of this test. */
  readonly invalidated: string[]
  /** Models invalidated model-wide (`invalidateModel`: every `Model:*` key) in this test. */
  readonly modelWide: string[]
  /** Detaches, then attaches again with `options`. */
  reattach(options: AdapterOptions): Promise<void>
  detach(): Promise<void>
  /** Whether Redis holds a value for user key `Main>field`. */
  hasEntry(key: string): Promise<boolean>
  counted<A extends unknown[], R>(
    key: (...a: A) => string,
    invalid: (...a: A) => string[],
    compute: (...a: A) => Promise<R>,
  ): Counted<A, R>
}

export function redisUrl(): string {
  const url = process.env.CACHEME_REDIS_URL
  if (!url)
    throw new Error('CACHEME_REDIS_URL is not set: start services with `bash scripts/services.sh start`.')
  return url
}

/** Registers hooks for one database and returns the current test's fixture. */
export function useFixture(database: Database): () => Fixture {
  let opened: OpenedOrm | undefined
  let redis: Redis | undefined
  let current: Fixture | undefined
  let detach: (() => Promise<void>) | undefined
  let prefix = ''
  let tag = 0

  beforeAll(async () => {
    redis = new Redis(redisUrl(), { maxRetriesPerRequest: 1 })
    opened = await openOrm(database, [...suiteEntities, ...extraEntities])
  })
  afterAll(async () => {
    await opened?.close()
    await redis?.quit()
  })
  beforeEach(async () => {
    if (!opened || !redis) throw new Error('fixture setup failed (see beforeAll)')
    await opened.reset()
    prefix = `t${randomUUID()}:`
    const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() }
    const cm = createCacheme({ storage: new RedisStorage(redis), prefix, logger })
    const invalidated: string[] = []
    const modelWide: string[] = []
    cm.on('invalidate', (event) => {
      invalidated.push(...event.keys)
      if (event.cause.entity !== undefined) modelWide.push(event.cause.entity)
    })
    const orm = opened.orm
    detach = await cm.attach(mikroOrmAdapter(orm))
    const client = redis
    current = {
      orm,
      opened,
      cm,
      redis: client,
      logger,
      invalidated,
      modelWide,
      async reattach(options) {
        await detach?.()
        detach = await cm.attach(mikroOrmAdapter(orm, options))
      },
      async detach() {
        await detach?.()
        detach = undefined
      },
      async hasEntry(key) {
        const cut = key.indexOf('>')
        const field = cut === -1 ? 'base' : key.slice(cut + 1)
        return (await client.hexists(prefix + (cut === -1 ? key : key.slice(0, cut)), field)) === 1
      },
      counted<A extends unknown[], R>(
        key: (...a: A) => string,
        invalid: (...a: A) => string[],
        compute: (...a: A) => Promise<R>,
      ): Counted<A, R> {
        let computed = 0
        tag += 1
        const cached = cm.cacheme<A, R>({
          tag: `counted${tag}`,
          key: (c) => key(...c.args),
          invalidKeys: (c) => invalid(...c.args),
        })(async (...args: A) => {
          computed += 1
          return compute(...args)
        })
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
