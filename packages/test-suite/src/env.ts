/**
 * The per-test environment both schemas of the suite share: a fresh cacheme on real Redis under a random
 * prefix, the harness reset to empty tables, and "probes" — cached functions that count how often they
 * really computed, so a test can tell a hit from a recompute.
 *
 * Why real Redis: the suite checks outcomes (what is served, what is left in Redis), and those depend on
 * core's Redis scripts. A missing `CACHEME_REDIS_URL` fails loudly; the suite never skips.
 */
import { randomUUID } from 'node:crypto'
import { type Cacheme, createCacheme, RedisStorage } from '@cacheme/core'
import type { AdapterOptions, Detach } from '@cacheme/core/adapter'
import { Redis } from 'ioredis'
import type { TestRunner } from './runner.js'

/** A cached function plus how many times its body actually ran. */
export type Probe<A extends unknown[], R> = ((...args: A) => Promise<R>) & { readonly computed: number }

/** How a probe is keyed and computed. */
export interface ProbeSpec<A extends unknown[], R> {
  key: (...args: A) => string
  invalidKeys: (...args: A) => readonly string[]
  compute: (...args: A) => Promise<R>
  /** Invalid keys read from the computed value (core's `c.result`), added to `invalidKeys`. */
  resultKeys?: (result: R) => readonly string[]
}

/** What every harness has, whatever its schema. */
export interface BaseHarness {
  setup(): Promise<void>
  teardown(): Promise<void>
  close(): Promise<void>
  attach(cm: Cacheme, options?: AdapterOptions): Promise<Detach>
}

/** What one test gets, for a harness `H`. */
export interface BaseEnv<H extends BaseHarness> {
  readonly harness: H
  /** A cacheme instance of this test only (RedisStorage, prefix `t<uuid>:`). */
  readonly cm: Cacheme
  readonly prefix: string
  /** A direct client, to check Redis state independently of cacheme. */
  readonly redis: Redis
  /** Invalid keys of every `invalidate` event so far (model names for model-wide invalidations). */
  readonly invalidated: readonly string[]
  /** Attaches the adapter (detached again after the test). */
  attach(options?: AdapterOptions): Promise<Detach>
  /** A cached function named `tag`, keyed and invalidated as given, counting real computations. */
  probe<A extends unknown[], R>(tag: string, spec: ProbeSpec<A, R>): Probe<A, R>
  /** Whether Redis holds a cached value for user key `key` (`Main>field` or a plain key). */
  hasEntry(key: string): Promise<boolean>
}

/**
 * Registers the lifecycle hooks of one describe block with the runner and returns an accessor for the
 * current test's env. `extend` adds the schema's own members (its standard probes), built per test.
 */
export function useBaseEnv<H extends BaseHarness, E extends BaseEnv<H>>(
  runner: TestRunner,
  create: () => Promise<H>,
  extend: (base: BaseEnv<H>) => E,
): () => E {
  const { beforeAll, afterAll, beforeEach, afterEach } = runner
  let harness: H | undefined
  let redis: Redis | undefined
  let current: { env: E; cleanup(): Promise<void> } | undefined

  beforeAll(async () => {
    redis = new Redis(redisUrl(), { maxRetriesPerRequest: 1 })
    harness = await create()
  })
  afterAll(async () => {
    await harness?.close()
    await redis?.quit()
  })
  beforeEach(async () => {
    if (!harness || !redis) throw new Error('conformance suite: the harness factory failed (see beforeAll)')
    await harness.setup()
    const base = createBaseEnv(harness, redis)
    current = { env: extend(base.env), cleanup: base.cleanup }
  })
  afterEach(async () => {
    const ending = current
    current = undefined
    try {
      await ending?.cleanup()
    } finally {
      await harness?.teardown()
    }
  })

  return () => {
    if (!current) throw new Error('conformance suite: env() was called outside a test')
    return current.env
  }
}

function redisUrl(): string {
  const url = process.env.CACHEME_REDIS_URL
  if (!url) {
    throw new Error(
      'CACHEME_REDIS_URL is not set: the adapter conformance suite needs a real Redis → run `bash scripts/services.sh start` and export its env (or run `pnpm test:all`).',
    )
  }
  return url
}

function createBaseEnv<H extends BaseHarness>(
  harness: H,
  redis: Redis,
): { env: BaseEnv<H>; cleanup(): Promise<void> } {
  const prefix = `t${randomUUID()}:`
  const cm = createCacheme({ storage: new RedisStorage(redis), prefix })
  const invalidated: string[] = []
  cm.on('invalidate', (event) => invalidated.push(...event.keys))
  const detaches: Detach[] = []

  const probe = <A extends unknown[], R>(tag: string, spec: ProbeSpec<A, R>): Probe<A, R> => {
    let computed = 0
    const body = async (...args: A): Promise<R> => {
      computed += 1
      return spec.compute(...args)
    }
    const { resultKeys } = spec
    const cached = cm.cacheme<A, R>({
      tag,
      key: (c) => spec.key(...c.args),
      invalidKeys: (c) => [...spec.invalidKeys(...c.args), ...(resultKeys ? resultKeys(c.result) : [])],
    })(body)
    return Object.defineProperty(cached, 'computed', { get: () => computed }) as unknown as Probe<A, R>
  }

  const env: BaseEnv<H> = {
    harness,
    cm,
    prefix,
    redis,
    invalidated,
    async attach(options) {
      const detach = await harness.attach(cm, options)
      detaches.push(detach)
      return detach
    },
    probe,
    async hasEntry(key) {
      const cut = key.indexOf('>')
      const hash = prefix + (cut === -1 ? key : key.slice(0, cut))
      const field = cut === -1 ? 'base' : key.slice(cut + 1)
      return (await redis.hexists(hash, field)) === 1
    },
  }
  const cleanup = async (): Promise<void> => {
    // Detach first: a late ORM event must not write into a prefix we are deleting.
    await Promise.all(detaches.splice(0).map((detach) => detach()))
    await cm.close()
    await deleteUnderPrefix(redis, prefix)
  }
  return { env, cleanup }
}

/** SCAN + UNLINK of everything under the test's prefix (never FLUSHDB: other suites share this Redis). */
async function deleteUnderPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
    cursor = next
    if (keys.length > 0) await redis.unlink(...keys)
  } while (cursor !== '0')
}
