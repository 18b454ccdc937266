/**
 * Corpus cases that were **defects** (issue 9, and what the corpus found in phase 1) and are fixed now
 * (phase 2): each keeps its defect id, and CI asserts its outcome like every other case. The figures
 * before and after each fix are in docs/reliability.md (defects table).
 */
import { createCacheme, RedisStorage } from '@cacheme/core'
import { BOTH, type CaseContext, type CorpusCase, REDIS } from './case.js'
import { scanKeys } from './neighbours.js'
import { callTwice, rejection } from './outcomes.js'

/** A case that reproduced a defect, with its short id (the package README's defect list). */
export interface FixedCase extends CorpusCase {
  /** Short id, used in the package README's defect list. */
  readonly defect: string
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** How many of 20 calls of an unrelated cached function were hits. */
async function unrelatedHits(cm: ReturnType<CaseContext['make']>): Promise<number> {
  let runs = 0
  const other = cm.cacheme({ key: () => 'Unrelated:1', tag: 'unrelated' })(async () => ++runs)
  for (let i = 0; i < 20; i += 1) await other()
  return 20 - runs
}

/** After `poison`, one invalidation through the poisoned key and the state of the cache 1.5 s later. */
async function poisoned(
  ctx: CaseContext,
  poison: (prefix: string) => Promise<unknown>,
  invalidKey: string,
): Promise<string> {
  const cm = ctx.make({ breakerThreshold: 1000 })
  await poison(ctx.prefix)
  await cm.invalidate(invalidKey)
  await sleep(1500)
  const delivered = await cm.flushPendingInvalidations()
  const hits = await unrelatedHits(cm)
  const pattern = await cm.invalidatePattern('*').then(
    () => 'ok',
    (error: unknown) => rejection(error),
  )
  return `${delivered ? 'delivered' : `still pending (${cm.pendingInvalidations})`}, ${hits} of 20 unrelated calls cached, invalidatePattern('*') ${pattern}`
}

export const FIXED_CASES: readonly FixedCase[] = [
  {
    defect: 'key-collision-base',
    group: 'key',
    name: "'A' and 'A>base' share one field",
    storages: BOTH,
    expected: 'throws E_INVALID_KEY',
    async run(ctx) {
      const cm = ctx.make()
      const plain = cm.cacheme({ key: () => 'Coll', tag: 'plain' })(async () => 'value of Coll')
      const field = cm.cacheme({ key: () => 'Coll>base', tag: 'field' })(async () => 'value of Coll>base')
      await plain()
      try {
        const served = await field()
        return served === 'value of Coll>base'
          ? 'cached, isolated'
          : `mixed up: 'Coll>base' served ${JSON.stringify(served)}`
      } catch (error) {
        return rejection(error)
      }
    },
  },
  {
    defect: 'key-collision-invalid-set',
    group: 'key',
    name: "user key 'Dep:2:invalid>x' (its hash is the invalidation set of 'Dep:2')",
    storages: REDIS,
    expected: 'throws E_INVALID_KEY',
    async run(ctx) {
      const label = await callTwice(ctx, { key: () => 'Dep:2:invalid>x' }, () => 1)
      if (label.startsWith('throws')) return label
      return `${label}; then ${await poisoned(ctx, async () => {}, 'Dep:2')}`
    },
  },
  {
    defect: 'wrong-type-invalidation-set',
    group: 'wrong type',
    name: 'invalidation set of the invalidated key is a STRING',
    storages: REDIS,
    expected: "delivered, 19 of 20 unrelated calls cached, invalidatePattern('*') ok",
    run: (ctx) => poisoned(ctx, (p) => ctx.redis.set(`${p}Dep:1:invalid`, 'foreign'), 'Dep:1'),
  },
  {
    defect: 'wrong-type-meta',
    group: 'wrong type',
    name: 'sequence key is a HASH, then an invalidation',
    storages: REDIS,
    expected: "delivered, 19 of 20 unrelated calls cached, invalidatePattern('*') ok",
    run: (ctx) => poisoned(ctx, (p) => ctx.redis.hset(`${p}#cm:{meta}:seq`, 'x', '1'), 'Dep:1'),
  },
  {
    defect: 'wrong-type-trips-breaker',
    group: 'wrong type',
    name: 'value key is a STRING, read 10 times, then an unrelated key',
    storages: REDIS,
    expected: '19 of 20 unrelated calls cached',
    async run(ctx) {
      const cm = ctx.make()
      await ctx.redis.set(`${ctx.prefix}Bad:1`, 'foreign')
      const bad = cm.cacheme({ key: () => 'Bad:1', tag: 'bad' })(async () => 'computed')
      for (let i = 0; i < 10; i += 1) await bad()
      return `${await unrelatedHits(cm)} of 20 unrelated calls cached`
    },
  },
  {
    defect: 'no-key-size-limit',
    group: 'key',
    name: '1 MiB key',
    storages: BOTH,
    expected: 'throws E_INVALID_KEY',
    run: (ctx) => callTwice(ctx, { key: () => `K:${'k'.repeat(1 << 20)}` }, () => 1),
  },
  {
    defect: 'no-value-size-limit',
    group: 'result',
    name: 'a 50 MB string',
    storages: REDIS,
    expected: 'returned, not cached, error E_SERIALIZATION',
    async run(ctx) {
      const label = await callTwice(ctx, { key: () => 'Big:1' }, () => 'x'.repeat(50 * (1 << 20)))
      const bytes = await ctx.redis.hstrlen(`${ctx.prefix}Big:1`, 'base')
      return bytes > 0 ? `${label} (${(bytes / (1 << 20)).toFixed(0)} MiB stored, sent on every hit)` : label
    },
  },
  {
    defect: 'trailing-garbage',
    group: 'payload',
    name: 'an extra element after the devalue value',
    storages: REDIS,
    expected: 'miss, error E_DESERIALIZATION, recomputed, cached',
    async run(ctx) {
      const cm = ctx.make()
      let runs = 0
      const fn = cm.cacheme({ key: () => 'Item:1', tag: 'payload' })(async () => ++runs)
      await fn()
      await ctx.redis.hset(`${ctx.prefix}Item:1`, 'base', 'cm1:[41,"trailing garbage"]')
      const from = ctx.errors.length
      const served = await fn()
      if (runs === 1) return `served as stored: ${JSON.stringify(served)}`
      const codes = [...new Set(ctx.errors.slice(from))].join(', ')
      await fn()
      return `miss, error ${codes}, recomputed, ${runs === 2 ? 'cached' : 'not cached'}`
    },
  },
  {
    defect: 'callback-key-without-prefix',
    group: 'api',
    name: 'key passed to the hit/miss callbacks',
    storages: BOTH,
    expected: 'miss and hit callbacks receive the full key',
    async run(ctx) {
      const cm = ctx.make()
      const seen: string[] = []
      const fn = cm.cacheme({
        key: () => 'Item:1',
        tag: 'cb',
        miss: (key) => seen.push(key),
        hit: (key) => seen.push(key),
      })(async () => 1)
      await fn()
      await fn()
      const full = `${ctx.prefix}Item:1`
      return seen.every((key) => key === full)
        ? 'miss and hit callbacks receive the full key'
        : `callbacks receive ${JSON.stringify(seen)}`
    },
  },
  {
    defect: 'anonymous-without-tag',
    group: 'api',
    name: 'wrapping an inline arrow without tag',
    storages: BOTH,
    expected: "throws E_INVALID_OPTION at wrap time (documented: 'tag' is required for anonymous functions)",
    async run(ctx) {
      try {
        const fn = ctx.make().cacheme({ key: () => 'Arrow:1' })(async () => 1)
        await fn()
        return 'cached'
      } catch (error) {
        return `${rejection(error)} at wrap time (documented: 'tag' is required for anonymous functions)`
      }
    },
  },
  {
    defect: 'overlapping-prefixes',
    group: 'prefix',
    name: "prefix 'ov' next to an application on prefix 'ov:', pattern '*'",
    storages: REDIS,
    expected: "the 'ov:' application's meta keys untouched (prefixes must not start one another: documented)",
    async run(ctx) {
      const short = `${ctx.prefix}ov`
      const long = `${ctx.prefix}ov:`
      const mine = createCacheme({ storage: new RedisStorage(ctx.redis), prefix: short })
      const theirs = createCacheme({ storage: new RedisStorage(ctx.redis), prefix: long })
      const book = theirs.cacheme({ key: () => 'Book:1', invalidKeys: () => ['User:1'], tag: 'theirs' })(
        async () => 1,
      )
      await book()
      await theirs.invalidate('Warm:up')
      const meta = `${long}#cm:*`
      const before = await scanKeys(ctx.redis, meta)
      await mine.invalidatePattern('*')
      const after = await scanKeys(ctx.redis, meta)
      await Promise.all([mine.close(), theirs.close()])
      return before.length > 0 && before.length === after.length
        ? "the 'ov:' application's meta keys untouched (prefixes must not start one another: documented)"
        : `deleted ${before.length - after.length} of the 'ov:' application's ${before.length} meta keys`
    },
  },
  {
    defect: 'pattern-deleted-count',
    group: 'pattern',
    name: "'*' over 3 entries and their invalidation set: the reported count",
    storages: BOTH,
    expected: 'matched 4, deleted 4',
    async run(ctx) {
      const cm = ctx.make()
      const fn = cm.cacheme<[number], number>({
        key: (c) => `P:${c.args[0]}`,
        invalidKeys: () => ['User:1'],
        tag: 'pat',
      })(async (n) => n)
      for (const n of [1, 2, 3]) await fn(n)
      const result = await cm.invalidatePattern('*')
      return `matched ${result.matched}, deleted ${result.deleted}`
    },
  },
  {
    defect: 'wrong-type-log-silent',
    group: 'wrong type',
    name: 'log key is a STRING',
    storages: REDIS,
    expected: 'returned, not cached, error E_STORAGE_DATA; cached after the repair',
    async run(ctx) {
      await ctx.redis.set(`${ctx.prefix}#cm:{meta}:log`, 'foreign')
      const first = await callTwice(ctx, { key: () => 'Item:1', invalidKeys: () => ['Dep:1'] }, () => 'fresh')
      // The storage repaired the meta keys when it reported them: the next misses cache again.
      const again = await callTwice(ctx, { key: () => 'Item:2', invalidKeys: () => ['Dep:1'] }, () => 'fresh')
      return again === 'cached' ? `${first}; cached after the repair` : `${first}; then ${again}`
    },
  },
]
