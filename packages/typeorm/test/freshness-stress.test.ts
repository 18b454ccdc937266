/**
 * Randomized, bounded stress test through real TypeORM writes: one writer commits new versions of a few
 * rows (plain saves, transactions, nested transactions), readers read them through cached functions in two
 * "processes" — the writer's cacheme (adapter attached) and a second cacheme on the same Redis and prefix
 * (no adapter, as in another process). Invariant: a read that starts after the committing call resolved
 * never returns an older version (read-your-writes across processes; docs/architecture.md, "After commit
 * (adapters)").
 */
import { type Cacheme, createCacheme, RedisStorage } from '@cacheme/core'
import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { User } from './support/entities.js'
import { databases, useFixture } from './support/fixture.js'

const ROWS = 3
const READERS = 4
const READS_PER_READER = 50
const WRITES = 30

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, Math.floor(Math.random() * 2)))
/** Keeps a transaction open a little after its write, as real transactions with more statements do. */
const openFor = () => new Promise<void>((resolve) => setTimeout(resolve, 3))

describe.each(databases)('typeorm on %s: freshness under concurrency', (database) => {
  const fixture = useFixture(database)

  it('no read that starts after save()/transaction() resolved sees an older row, in either process', async () => {
    const f = fixture()
    const other = new Redis(process.env.CACHEME_REDIS_URL ?? '', { maxRetriesPerRequest: 1 })
    const processB = createCacheme({ storage: new RedisStorage(other), prefix: f.cm.config.prefix })
    try {
      const rows = await f.ds.manager.save(
        User,
        Array.from({ length: ROWS }, () => ({ name: 'v0' })),
      )
      const ids = rows.map((row) => row.id)
      const committed = new Map<number, number>(ids.map((id) => [id, 0]))
      const version = (cm: Cacheme) =>
        cm.cacheme<[number], number>({
          key: (c) => `User:${c.args[0]}>version`,
          invalidKeys: (c) => [`User:${c.args[0]}`],
        })(async function version(id: number) {
          await pause()
          const row = await f.ds.manager.findOneByOrFail(User, { id })
          return Number(row.name.slice(1))
        })
      const readers = [version(f.cm), version(processB)]
      const violations: string[] = []

      const reader = async (n: number) => {
        for (let i = 0; i < READS_PER_READER; i += 1) {
          const id = ids[Math.floor(Math.random() * ids.length)]!
          const floor = committed.get(id)!
          const seen = await readers[(n + i) % 2]!(id)
          if (seen < floor) violations.push(`user ${id}: read v${seen} after v${floor} committed`)
        }
      }
      const writer = async () => {
        const latest = new Map(committed)
        for (let i = 0; i < WRITES; i += 1) {
          const id = ids[Math.floor(Math.random() * ids.length)]!
          const next = latest.get(id)! + 1
          latest.set(id, next)
          const name = `v${next}`
          const mode = i % 3
          if (mode === 0) await f.ds.getRepository(User).save({ id, name })
          else if (mode === 1)
            await f.ds.transaction(async (manager) => {
              await manager.save(User, { id, name })
              await openFor() // more work before COMMIT: readers run meanwhile
            })
          else {
            await f.ds.transaction((outer) =>
              outer.transaction(async (inner) => {
                await inner.save(User, { id, name })
                await openFor()
              }),
            )
          }
          committed.set(id, next) // the committing call resolved
          await pause()
        }
      }

      await Promise.all([writer(), ...Array.from({ length: READERS }, (_, n) => reader(n))])
      expect(violations).toEqual([])
      for (const read of readers) {
        for (const id of ids) expect(await read(id)).toBe(committed.get(id))
      }
    } finally {
      await processB.close()
      other.disconnect()
    }
  })
})
