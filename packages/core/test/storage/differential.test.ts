/**
 * Differential test: the same seeded random sequence of storage operations runs against MemoryStorage,
 * RedisStorage on a single Redis and RedisStorage on Cluster; every result must be identical. This checks
 * "MemoryStorage has the same semantics" (and Cluster's multi-step paths) far beyond hand-written cases:
 * race-guard rejections with stale snapshots, a small log that trims and raises its floor, invalidation
 * counts across overlapping sets and tags, live members.
 *
 * Every storage must match the others on every write decision, and a reference model checks every read:
 * a value is only ever the one last written for that entry, and is gone once a set its own write joined
 * was invalidated (never stale). Where they may differ is over-invalidation, a read of nothing where the
 * others still hold the value:
 * - Cluster: a write the race guard rejects leaves its set memberships behind (removing them could strip
 *   the membership of a concurrent accepted write of the same entry), so a later invalidation through
 *   such a set removes more;
 * - MemoryStorage and Cluster keep a dead membership (its entry invalidated through another set) until
 *   they prune it, so a later write of the same entry *through other sets* revives it and an
 *   invalidation of the old set removes that value too; single Redis prunes a random sample of dead
 *   members on every write (decision 0026), so whether it still holds such a membership is chance.
 * A line that differs therefore reads nothing on one side; invalidation counts and tag listings, which
 * follow from those memberships, are not compared (the model checks what they removed).
 *
 * Deterministic (fixed seeds, no TTLs, no sleeps) and bounded: a few hundred operations per seed.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { writeGuards } from '../../src/guard-names.js'
import { entryRef, invalidSetKey, metaKeys, tagSetKey } from '../../src/key.js'
import { MemoryStorage } from '../../src/storage/memory-storage.js'
import { RedisStorage } from '../../src/storage/redis-storage.js'
import type { CacheStorage, EntryRef } from '../../src/storage/storage.js'
import { prng } from '../support/prng.js'
import { connectCluster, connectRedis, deleteByPrefix, randomPrefix } from '../support/redis.js'

const SEEDS = [1, 2, 3, 4, 5, 6]
const STEPS = 250
const LOG_MAX = 6 // small, so that trimming and the floor take part

const redis = connectRedis()
const cluster = connectCluster()
afterAll(async () => {
  await Promise.all([redis.quit(), cluster.quit()])
})

/** Runs one seeded sequence on a storage and returns the transcript of results. */
async function transcript(
  storage: CacheStorage,
  prefix: string,
  seed: number,
  stale: string[],
): Promise<string[]> {
  const random = prng(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const subset = <T>(items: readonly T[]): T[] => items.filter(() => random() < 0.4)
  const meta = metaKeys(prefix)
  const keys = ['A:1', 'A:1>f', 'A:2>g', 'B:1', 'B:1>f', 'C:9'].map((k) => entryRef(prefix, k))
  const invalid = ['User:1', 'User:2', 'Book:1', 'Book']
  const tags = ['t1', 't2']
  const snapshots: number[] = [0, 0, 0]
  const out: string[] = []
  // The reference model: each entry's current payload and the sets its own (accepted) write joined.
  const model = new Map<string, { payload: string; sets: readonly string[] }>()
  const check = (entry: EntryRef, payload: string | undefined, step: number | string): void => {
    const expected = model.get(entry.fullKey)?.payload
    if (payload !== undefined && payload !== expected)
      stale.push(
        `step ${step}: ${entry.fullKey.slice(prefix.length)} -> ${payload}, model ${expected ?? '∅'}`,
      )
  }
  const invalidated = (sets: readonly string[]): void => {
    for (const [key, value] of model) if (value.sets.some((set) => sets.includes(set))) model.delete(key)
  }
  for (let step = 0; step < STEPS; step += 1) {
    const roll = random()
    if (roll < 0.3) {
      const entry: EntryRef = pick(keys)
      const slot = Math.floor(random() * snapshots.length)
      const read = await storage.read(entry, meta, { seq: true })
      snapshots[slot] = read.seq!
      check(entry, read.payload, step)
      out.push(`read ${entry.fullKey.slice(prefix.length)} -> ${read.payload ?? '∅'}`)
    } else if (roll < 0.6) {
      const entry = pick(keys)
      const deps = subset(invalid)
      const tag = pick(tags)
      const payload = `p${step}`
      const seq = snapshots[Math.floor(random() * snapshots.length)]!
      const sets = [...deps.map((k) => invalidSetKey(prefix, k)), tagSetKey(prefix, tag)]
      const stored = await storage.write({
        entry,
        payload,
        ttlMs: undefined,
        sets,
        guards: writeGuards(deps, tag),
        seq,
        meta,
      })
      if (stored) model.set(entry.fullKey, { payload, sets })
      out.push(`write ${entry.fullKey.slice(prefix.length)} [${deps}] ${tag} -> ${stored}`)
    } else if (roll < 0.8) {
      const which = subset(invalid)
      const sets = which.map((k) => invalidSetKey(prefix, k))
      const { removed } = await storage.invalidate({ guards: which.map((k) => `k:${k}`), sets, meta })
      invalidated(sets)
      out.push(`invalidate [${which}] -> ${removed}`)
    } else if (roll < 0.87) {
      const tag = pick(tags)
      const { removed } = await storage.invalidate({
        guards: [`t:${tag}`],
        sets: [tagSetKey(prefix, tag)],
        meta,
      })
      invalidated([tagSetKey(prefix, tag)])
      out.push(`invalidate tag ${tag} -> ${removed}`)
    } else if (roll < 0.94) {
      const model = pick(['User', 'Book'])
      await storage.logGuards([`m:${model}`], meta)
      out.push(`log m:${model}`)
    } else {
      const tag = pick(tags)
      const live = (await storage.liveMembers(tagSetKey(prefix, tag)))
        .map((k) => k.slice(prefix.length))
        .sort()
      out.push(`live ${tag} -> ${live.join(',')}`)
    }
  }
  // The final state of every entry.
  for (const entry of keys) {
    const { payload } = await storage.read(entry, meta)
    check(entry, payload, 'final')
    out.push(`final ${entry.fullKey.slice(prefix.length)} -> ${payload ?? '∅'}`)
  }
  return out
}

describe('differential: MemoryStorage, Redis and Redis Cluster agree on every result', () => {
  it.each(SEEDS)('seed %i', async (seed) => {
    const prefixes = [randomPrefix(), randomPrefix(), randomPrefix()]
    try {
      const stale: string[][] = [[], [], []]
      const [memory, single, clustered] = await Promise.all([
        transcript(new MemoryStorage({ logMaxEntries: LOG_MAX }), prefixes[0]!, seed, stale[0]!),
        transcript(new RedisStorage(redis, { logMaxEntries: LOG_MAX }), prefixes[1]!, seed, stale[1]!),
        transcript(new RedisStorage(cluster, { logMaxEntries: LOG_MAX }), prefixes[2]!, seed, stale[2]!),
      ])
      expect(memory.filter((line) => line.endsWith('-> true')).length).toBeGreaterThan(10) // the run exercised writes
      expect(stale).toEqual([[], [], []])
      for (const other of [single, clustered]) {
        expect(other.length).toBe(memory.length)
        other.forEach((line, i) => {
          const expected = memory[i]!
          if (line.startsWith('write ') || line.startsWith('log ')) expect(line, `step ${i}`).toBe(expected)
          // A read or final state: the same value, or nothing on one side (over-invalidation).
          if ((line.startsWith('read ') || line.startsWith('final ')) && line !== expected) {
            expect(`${line} | ${expected}`, `step ${i}`).toMatch(/-> ∅ \||-> ∅$/)
          }
        })
      }
    } finally {
      await deleteByPrefix(redis, prefixes[1]!)
      await deleteByPrefix(cluster, prefixes[2]!)
    }
  })
})
