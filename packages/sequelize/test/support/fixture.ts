/**
 * Fixture of the Sequelize-specific tests: per database, one Sequelize instance (fresh tables before each
 * test) and per test a cacheme on real Redis under a random prefix with the adapter attached, a spied
 * logger, the invalidated keys, and counting probes.
 */
import { randomUUID } from 'node:crypto'
import { type Cacheme, createCacheme, type Logger, RedisStorage } from '@cacheme/core'
import type { AdapterOptions } from '@cacheme/core/adapter'
import { Redis } from 'ioredis'
import type { Options, Sequelize } from 'sequelize'
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest'
import { sequelizeAdapter } from '../../src/index.js'
import { type Database, type OpenDatabase, openDatabase } from './database.js'

/** A cached function that counts how often its body ran. */
export type Counted<A extends unknown[], R> = ((...args: A) => Promise<R>) & { readonly computed: number }

export interface Fixture<M> {
  readonly sequelize: Sequelize
  readonly models: M
  readonly cm: Cacheme
  readonly redis: Redis
  readonly logger: { [K in keyof Logger]: ReturnType<typeof vi.fn> }
  /** Invalid keys (or model names) of every `invalidate` event of this test. */
  readonly invalidated: string[]
  /** Models invalidated model-wide (rows unknown) in this test, in order. */
  readonly modelWide: string[]
  /** Attaches (again) with options; the default attach has none. */
  reattach(options: AdapterOptions): Promise<void>
  /** Whether Redis holds a cached value for user key `key` (`Main>field`). */
  hasEntry(key: string): Promise<boolean>
  /** A cached function keyed `key(...)`, invalidated by `invalid(...)`, counting its computations. */
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
export function useFixture<M>(
  database: Database,
  define: (sequelize: Sequelize) => M,
  options: { attach?: boolean; sequelize?: Options } = {},
): () => Fixture<M> {
  let opened: OpenDatabase | undefined
  let models: M | undefined
  let redis: Redis | undefined
  let current: Fixture<M> | undefined
  let detach: (() => Promise<void>) | undefined
  let prefix = ''

  beforeAll(async () => {
    redis = new Redis(redisUrl(), { maxRetriesPerRequest: 1 })
    opened = await openDatabase(
      database,
      (s) => {
        models = define(s)
      },
      options.sequelize,
    )
  })
  afterAll(async () => {
    await opened?.close()
    await redis?.quit()
  })
  beforeEach(async () => {
    if (!opened || !redis || !models) throw new Error('fixture setup failed (see beforeAll)')
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
    const sequelize = opened.sequelize
    const client = redis
    if (options.attach !== false) detach = await cm.attach(sequelizeAdapter(sequelize))
    current = {
      sequelize,
      models,
      cm,
      redis: client,
      logger,
      invalidated,
      modelWide,
      async reattach(adapterOptions) {
        await detach?.()
        detach = await cm.attach(sequelizeAdapter(sequelize, adapterOptions))
      },
      async hasEntry(key) {
        const cut = key.indexOf('>')
        const hash = prefix + (cut === -1 ? key : key.slice(0, cut))
        return (await client.hexists(hash, cut === -1 ? 'base' : key.slice(cut + 1))) === 1
      },
      counted<A extends unknown[], R>(
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
