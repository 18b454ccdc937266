/**
 * The corpus's neighbours: keys that are *not* the case's, seeded on the corpus's own redis-server before
 * any case runs — another cacheme application (entries, invalidation sets, a tag, meta keys) and plain
 * keys of every Redis type, including names that an unescaped glob of the cases' prefixes would match.
 *
 * After each case the whole keyspace is compared with the snapshot: every neighbour must be byte-for-byte
 * unchanged (TYPE + DUMP + TTL), and every other key must start with a prefix the case was allowed to
 * write under. Anything else is a write (or a deletion) outside the prefix.
 */
import { createCacheme, RedisStorage } from '@cacheme/core'
import type { Redis } from 'ioredis'

export const NEIGHBOUR_PREFIX = 'nb:'

/** Plain keys of every type, and names close to the cases' prefixes (`c<n>:`, the glob prefix). */
const PLAIN: readonly [key: string, type: string][] = [
  ['plain:string', 'string'],
  ['plain:hash', 'hash'],
  ['plain:list', 'list'],
  ['plain:set', 'set'],
  ['plain:zset', 'zset'],
  ['plain:stream', 'stream'],
  ['c', 'string'],
  ['c1', 'hash'],
  ['cx:1', 'string'],
  ['g1xyz:k', 'string'],
  ['gx:1', 'hash'],
  ['g[1]*?\\', 'string'],
  ['CM', 'string'],
  ['#cm:{meta}:seq', 'string'],
]

async function seedPlain(redis: Redis, key: string, type: string): Promise<void> {
  if (type === 'string') await redis.set(key, `neighbour ${key}`)
  else if (type === 'hash') await redis.hset(key, 'base', 'cm1:["not yours"]', 'owner', 'neighbour')
  else if (type === 'list') await redis.rpush(key, 'a', 'b')
  else if (type === 'set') await redis.sadd(key, 'nb:Book:1', 'x')
  else if (type === 'zset') await redis.zadd(key, 1, 'a', 2, 'b')
  else await redis.xadd(key, '*', 'field', 'value')
}

export interface Snapshot {
  readonly keys: ReadonlyMap<string, string>
}

/** Seeds the neighbours and returns their snapshot. */
export async function seedNeighbours(redis: Redis): Promise<Snapshot> {
  for (const [key, type] of PLAIN) await seedPlain(redis, key, type)
  const cm = createCacheme({ storage: new RedisStorage(redis), prefix: NEIGHBOUR_PREFIX })
  const book = cm.cacheme<[number], string>({
    key: (c) => `Book:${c.args[0]}>owner`,
    invalidKeys: (c) => [`User:${c.args[0] * 2}`, 'Books'],
    tag: 'books',
  })(async (id) => `owner of ${id}`)
  for (const id of [1, 2, 3]) await book(id)
  await cm.invalidate('User:6') // creates the neighbour's meta keys (seq, log, floor)
  await cm.close()
  return { keys: await dumpAll(redis) }
}

/** Every key of the server → `type|pttl|dump(hex)`. */
export async function dumpAll(redis: Redis): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 1000)
    cursor = next
    for (const key of keys) {
      const [type, pttl, dump] = await Promise.all([redis.type(key), redis.pttl(key), redis.dumpBuffer(key)])
      out.set(key, `${type}|${pttl}|${dump?.toString('hex') ?? ''}`)
    }
  } while (cursor !== '0')
  return out
}

/**
 * What changed outside the allowed prefixes since the snapshot: neighbours changed or deleted, and keys
 * that appeared outside every allowed prefix. Empty when the case stayed inside its prefix.
 */
export async function outsideWrites(
  redis: Redis,
  snapshot: Snapshot,
  allowed: readonly string[],
): Promise<string[]> {
  const now = await dumpAll(redis)
  const problems: string[] = []
  for (const [key, before] of snapshot.keys) {
    const after = now.get(key)
    if (after === undefined) problems.push(`neighbour ${JSON.stringify(key)} was deleted`)
    else if (after !== before) problems.push(`neighbour ${JSON.stringify(key)} was changed`)
  }
  for (const key of now.keys()) {
    if (snapshot.keys.has(key) || allowed.some((prefix) => key.startsWith(prefix))) continue
    problems.push(`key ${JSON.stringify(key)} was written outside the prefix`)
  }
  return problems
}

/** Keys matching `match` (SCAN, never KEYS). */
export async function scanKeys(redis: Redis, match: string): Promise<string[]> {
  const out: string[] = []
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000)
    cursor = next
    out.push(...keys)
  } while (cursor !== '0')
  return out
}
