/**
 * Per-test environment of the conformance suite: a fresh cacheme on real Redis under a random prefix,
 * the harness reset to empty tables, and "probes" — cached functions that count how often they really
 * computed, so a test can tell a hit from a recompute.
 *
 * Why real Redis: the suite checks outcomes (what is served, what is left in Redis), and those depend on
 * core's Redis scripts. A missing `CACHEME_REDIS_URL` fails loudly; the suite never skips.
 */
import { randomUUID } from 'node:crypto'
import { type Cacheme, createCacheme, RedisStorage } from '@cacheme/core'
import type { AdapterOptions, Detach } from '@cacheme/core/adapter'
import { Redis } from 'ioredis'
import type { AdapterCapabilities, AdapterHarness, BookRow, HarnessFactory, Id, UserRow } from './harness.js'
import type { Expect, TestRunner } from './runner.js'

/** A cached function plus how many times its body actually ran. */
export type Probe<A extends unknown[], R> = ((...args: A) => Promise<R>) & { readonly computed: number }

/** What one test gets. */
export interface TestEnv<Tx = unknown> {
  readonly harness: AdapterHarness<Tx>
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
  /** The standard probes over the suite's schema. */
  readonly probes: StandardProbes
}

/** How a probe is keyed and computed. */
export interface ProbeSpec<A extends unknown[], R> {
  key: (...args: A) => string
  invalidKeys: (...args: A) => readonly string[]
  compute: (...args: A) => Promise<R>
}

/** Probes every concern file uses; each is created lazily, once per test. */
export interface StandardProbes {
  /** `Book:<id>>detail`, invalid key `Book:<id>`. */
  readonly book: Probe<[Id], BookRow | null>
  /** `User:<id>>detail`, invalid key `User:<id>`. */
  readonly user: Probe<[Id], UserRow | null>
  /** The seed's "left": users of a book, `Book:<id>>users`, invalid key `Book:<id>:users`. */
  readonly bookUsers: Probe<[Id], Id[]>
  /** The seed's "right": books of a user, `User:<id>>books`, invalid key `User:<id>:books`. */
  readonly userBooks: Probe<[Id], Id[]>
  /** Every book, `Books>all`, invalid key = the model-level key `Book`. */
  readonly allBooks: Probe<[], BookRow[]>
}

/** What each concern file gets: the current test's env, the runner's `it` / `expect`, the capabilities. */
export interface Concern {
  readonly env: () => TestEnv
  readonly it: TestRunner['it']
  readonly expect: Expect
  readonly capabilities: AdapterCapabilities
}

/**
 * Registers the lifecycle hooks of one describe block with the runner and returns an accessor for the
 * current test's env.
 */
export function useEnv<Tx>(runner: TestRunner, factory: HarnessFactory<Tx>): () => TestEnv<Tx> {
  const { beforeAll, afterAll, beforeEach, afterEach } = runner
  let harness: AdapterHarness<Tx> | undefined
  let redis: Redis | undefined
  let current: (TestEnv<Tx> & { cleanup(): Promise<void> }) | undefined

  beforeAll(async () => {
    redis = new Redis(redisUrl(), { maxRetriesPerRequest: 1 })
    harness = await factory.create()
  })
  afterAll(async () => {
    await harness?.close()
    await redis?.quit()
  })
  beforeEach(async () => {
    if (!harness || !redis) throw new Error('conformance suite: the harness factory failed (see beforeAll)')
    await harness.setup()
    current = createEnv(harness, redis)
  })
  afterEach(async () => {
    const env = current
    current = undefined
    try {
      await env?.cleanup()
    } finally {
      await harness?.teardown()
    }
  })

  return () => {
    if (!current) throw new Error('conformance suite: env() was called outside a test')
    return current
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

function createEnv<Tx>(
  harness: AdapterHarness<Tx>,
  redis: Redis,
): TestEnv<Tx> & { cleanup(): Promise<void> } {
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
    const cached = cm.cacheme<A, R>({
      tag,
      key: (c) => spec.key(...c.args),
      invalidKeys: (c) => spec.invalidKeys(...c.args),
    })(body)
    return Object.defineProperty(cached, 'computed', { get: () => computed }) as unknown as Probe<A, R>
  }

  let standard: StandardProbes | undefined
  const env: TestEnv<Tx> & { cleanup(): Promise<void> } = {
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
    get probes() {
      standard ??= {
        book: probe('book', {
          key: (id) => `Book:${id}>detail`,
          invalidKeys: (id) => [`Book:${id}`],
          compute: (id) => harness.readBook(id),
        }),
        user: probe('user', {
          key: (id) => `User:${id}>detail`,
          invalidKeys: (id) => [`User:${id}`],
          compute: (id) => harness.readUser(id),
        }),
        bookUsers: probe('bookUsers', {
          key: (id) => `Book:${id}>users`,
          invalidKeys: (id) => [`Book:${id}:users`],
          compute: (id) => harness.readBookUsers(id),
        }),
        userBooks: probe('userBooks', {
          key: (id) => `User:${id}>books`,
          invalidKeys: (id) => [`User:${id}:books`],
          compute: (id) => harness.readUserBooks(id),
        }),
        allBooks: probe('allBooks', {
          key: () => 'Books>all',
          invalidKeys: () => ['Book'],
          compute: () => harness.readBooks(),
        }),
      }
      return standard
    },
    async cleanup() {
      // Detach first: a late ORM event must not write into a prefix we are deleting.
      await Promise.all(detaches.splice(0).map((detach) => detach()))
      await cm.close()
      await deleteUnderPrefix(redis, prefix)
    },
  }
  return env
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
