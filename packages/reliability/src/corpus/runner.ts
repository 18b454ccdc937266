/**
 * Runs corpus cases: each on a fresh prefix (`c<n>:`), on the corpus's own redis-server or on a fresh
 * MemoryStorage, bounded by a 10 s timeout (`hang`), and followed by the confinement check: on Redis the
 * whole keyspace against the neighbours' snapshot (`neighbours.ts`); on MemoryStorage a neighbour
 * application in the same storage must still be served from the cache, its keys unchanged.
 */
import {
  type Cacheme,
  type CachemeConfig,
  type CacheStorage,
  createCacheme,
  MemoryStorage,
  RedisStorage,
} from '@cacheme/core'
import type { Redis } from 'ioredis'
import type { CaseContext, CorpusCase, CorpusStorage } from './case.js'
import { NEIGHBOUR_PREFIX, outsideWrites, type Snapshot } from './neighbours.js'

const CASE_TIMEOUT_MS = 10_000

export interface CaseRun {
  readonly group: string
  readonly name: string
  readonly storage: CorpusStorage
  readonly expected: string
  readonly observed: string
  /** Writes or deletions outside the case's prefix (must be empty). */
  readonly outside: readonly string[]
}

export class CorpusRunner {
  readonly #redis: Redis
  readonly #snapshot: Snapshot
  /** Every prefix a case used so far (their keys may legitimately remain). */
  readonly #allowed: string[] = []
  #counter = 0

  constructor(redis: Redis, snapshot: Snapshot) {
    this.#redis = redis
    this.#snapshot = snapshot
  }

  async run(c: CorpusCase, storage: CorpusStorage): Promise<CaseRun> {
    const prefix = `c${++this.#counter}:`
    this.#allowed.push(prefix)
    const instances: Cacheme[] = []
    const errors: string[] = []
    const memory = storage === 'memory' ? new MemoryStorage() : undefined
    const backing: CacheStorage = memory ?? new RedisStorage(this.#redis)
    const neighbour = memory ? await memoryNeighbour(memory) : undefined
    const ctx: CaseContext = {
      storage,
      prefix,
      redis: this.#redis,
      errors,
      make: (config: CachemeConfig = {}) => {
        const cm = createCacheme({ storage: backing, prefix, ...config })
        cm.on('error', (e) => errors.push((e.error as { code?: string }).code ?? e.error.name))
        instances.push(cm)
        return cm
      },
      allowPrefix: (extra) => {
        this.#allowed.push(extra)
      },
    }
    let timer: NodeJS.Timeout | undefined
    const observed = await Promise.race([
      c.run(ctx).catch((error: unknown) => `crash: ${String(error)}`),
      new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve('hang'), CASE_TIMEOUT_MS)
      }),
    ])
    clearTimeout(timer)
    await Promise.all(instances.map((cm) => cm.close()))
    const outside = await outsideWrites(this.#redis, this.#snapshot, this.#allowed)
    if (neighbour) outside.push(...(await neighbour.check()))
    return { group: c.group, name: c.name, storage, expected: c.expected, observed, outside }
  }
}

/** A neighbour application sharing a MemoryStorage: after the case it must still hit, keys unchanged. */
async function memoryNeighbour(storage: MemoryStorage) {
  const cm = createCacheme({ storage, prefix: NEIGHBOUR_PREFIX })
  let runs = 0
  const fn = cm.cacheme({ key: () => 'Book:1>owner', invalidKeys: () => ['User:2'], tag: 'nb' })(async () => {
    runs += 1
    return 'owner'
  })
  await fn()
  const names = async () => {
    const all: string[] = []
    for await (const batch of storage.scan({ match: `${NEIGHBOUR_PREFIX}*`, count: 1000 })) all.push(...batch)
    return all.sort().join(',')
  }
  const before = await names()
  return {
    async check(): Promise<string[]> {
      const problems: string[] = []
      if ((await fn()) !== 'owner' || runs !== 1) problems.push('memory neighbour entry was lost')
      if ((await names()) !== before) problems.push('memory neighbour keys changed')
      return problems
    },
  }
}
