/**
 * Corpus cases that write into Redis directly: corrupted payloads in a cached field, and keys of the wrong
 * Redis type where cacheme expects its own (see `case.ts` for the outcome labels). Redis only: those are
 * the states another client, an old version or an operator can leave behind.
 */
import { devalueSerializer } from '@cacheme/core'
import { type CaseContext, type CorpusCase, REDIS } from './case.js'
import { callTwice, errorSuffix, rejection } from './outcomes.js'

/** Caches `Item:1`, overwrites its field with `payload`, then calls twice more. */
function payloadCase(name: string, payload: string, expected: string): CorpusCase {
  return {
    group: 'payload',
    name,
    storages: REDIS,
    expected,
    async run(ctx) {
      const cm = ctx.make()
      let runs = 0
      const fn = cm.cacheme({ key: () => 'Item:1', tag: 'payload' })(async () => ({ fresh: ++runs }))
      await fn()
      await ctx.redis.hset(`${ctx.prefix}Item:1`, 'base', payload)
      const from = ctx.errors.length
      try {
        const served = await fn()
        const again = await fn()
        const polluted = ({} as Record<string, unknown>).polluted !== undefined
        if (polluted) return 'crash: Object.prototype polluted'
        if (runs === 1) return `served as stored: ${JSON.stringify(served)}`
        const recomputed =
          runs === 2 && (served as { fresh: number }).fresh === 2 && (again as { fresh: number }).fresh === 2
        return recomputed
          ? `miss${errorSuffix(ctx, from)}, recomputed, cached`
          : `recomputed ${runs - 1} times${errorSuffix(ctx, from)}`
      } catch (error) {
        return rejection(error)
      }
    },
  }
}

type Plant = (ctx: CaseContext, key: string) => Promise<unknown>
const asString: Plant = (ctx, key) => ctx.redis.set(key, 'foreign string')
const asList: Plant = (ctx, key) => ctx.redis.rpush(key, 'foreign')
const asHash: Plant = (ctx, key) => ctx.redis.hset(key, 'foreign', '1')

/**
 * Puts a foreign key of the wrong type at `key(prefix)`, calls the function twice, and checks that the
 * foreign key was left exactly as it was (cacheme must not overwrite what it did not write).
 */
function wrongType(
  name: string,
  key: (prefix: string) => string,
  plant: Plant,
  expected: string,
  lock = false,
): CorpusCase {
  return {
    group: 'wrong type',
    name,
    storages: REDIS,
    expected,
    async run(ctx) {
      const at = key(ctx.prefix)
      await plant(ctx, at)
      const before = (await ctx.redis.dumpBuffer(at))?.toString('hex')
      const label = await callTwice(
        ctx,
        {
          key: () => 'Item:1',
          invalidKeys: () => ['Dep:1'],
          tag: 'typed',
          ...(lock ? { lock: { waitMs: 200 } } : {}),
        },
        () => 'fresh',
      )
      const after = (await ctx.redis.dumpBuffer(at))?.toString('hex')
      return before === after ? label : `${label}, FOREIGN KEY CHANGED`
    },
  }
}

const s = devalueSerializer()
const deep = `cm1:[${Array.from({ length: 100_000 }, (_, i) => `[${i + 1}]`).join(',')},1]`

export const STORAGE_CASES: readonly CorpusCase[] = [
  payloadCase('empty payload', '', 'miss, error E_DESERIALIZATION, recomputed, cached'),
  payloadCase('no format header', 'garbage', 'miss, error E_DESERIALIZATION, recomputed, cached'),
  payloadCase('header only', 'cm1:', 'miss, error E_DESERIALIZATION, recomputed, cached'),
  payloadCase(
    'truncated payload',
    s.serialize({ fresh: 1, more: 'text' }).slice(0, 12),
    'miss, error E_DESERIALIZATION, recomputed, cached',
  ),
  payloadCase(
    'garbage after the JSON',
    `${s.serialize({ fresh: 1 })}x`,
    'miss, error E_DESERIALIZATION, recomputed, cached',
  ),
  payloadCase(
    'unknown devalue type',
    'cm1:[["Evil",1],"x"]',
    'miss, error E_DESERIALIZATION, recomputed, cached',
  ),
  payloadCase(
    "'__proto__' in the payload",
    'cm1:[{"__proto__":1},{"polluted":2},2]',
    'miss, error E_DESERIALIZATION, recomputed, cached',
  ),
  payloadCase('reference nested 100,000 deep', deep, 'miss, error E_DESERIALIZATION, recomputed, cached'),
  payloadCase(
    'a pending marker on a single Redis',
    '\u0000cm-pending:0000',
    'miss, error E_DESERIALIZATION, recomputed, cached',
  ),
  payloadCase(
    'JSON serializer payload under devalue',
    'j{"fresh":1}',
    'miss, error E_DESERIALIZATION, recomputed, cached',
  ),
  payloadCase(
    'another valid payload (decodes)',
    s.serialize({ fresh: 41 }),
    'served as stored: {"fresh":41}',
  ),
  wrongType(
    'value key is a STRING',
    (p) => `${p}Item:1`,
    asString,
    'returned, not cached, error E_STORAGE_DATA',
  ),
  wrongType('value key is a LIST', (p) => `${p}Item:1`, asList, 'returned, not cached, error E_STORAGE_DATA'),
  wrongType(
    'invalidation set is a STRING',
    (p) => `${p}Dep:1:invalid`,
    asString,
    'returned, not cached, error E_STORAGE_DATA',
  ),
  wrongType(
    'invalidation set is a HASH',
    (p) => `${p}Dep:1:invalid`,
    asHash,
    'returned, not cached, error E_STORAGE_DATA',
  ),
  wrongType(
    'tag set is a STRING',
    (p) => `${p}#cm:tag:typed`,
    asString,
    'returned, not cached, error E_STORAGE_DATA',
  ),
  wrongType(
    'sequence key is a HASH',
    (p) => `${p}#cm:{meta}:seq`,
    asHash,
    'returned, not cached, error E_STORAGE_DATA',
  ),
  wrongType(
    'lock key is a HASH (lock: { waitMs: 200 })',
    (p) => `${p}#cm:lock:Item:1`,
    asHash,
    'cached',
    true,
  ),
]
