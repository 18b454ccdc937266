/**
 * Randomized, bounded stress test through real MikroORM writes: one writer commits new versions of a few
 * rows (plain flushes, `em.transactional()`, nested ones — savepoints — and native updates), readers read
 * them through cached functions in two "processes" — the writer's cacheme (adapter attached) and a second
 * cacheme on the same Redis and prefix (no adapter, as in another process). Invariant: a read that starts
 * after the committing call resolved never returns an older version (read-your-writes across processes).
 *
 * Verified to catch early delivery: delivering each flush's changes from `afterFlush` even inside a
 * transaction (before COMMIT) makes this test report violations on both databases.
 */
import { type Cacheme, createCacheme, RedisStorage } from '@cacheme/core'
import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { databases } from './support/database.js'
import { User } from './support/entities.js'
import { redisUrl, useFixture } from './support/fixture.js'

const ROWS = 3
const READERS = 4
const READS_PER_READER = 50
const WRITES = 32

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, Math.floor(Math.random() * 2)))
/** Keeps a transaction open a little after its write, as real transactions with more statements do. */
const openFor = () => new Promise<void>((resolve) => setTimeout(resolve, 3))

describe.each(databases)('mikro-orm on %s: freshness under concurrency', (database) => {
  const fixture = useFixture(database)

  it('no read that starts after flush()/transactional()/nativeUpdate() resolved sees an older row, in either process', async () => {
    const f = fixture()
    const other = new Redis(redisUrl(), { maxRetriesPerRequest: 1 })
    const processB = createCacheme({ storage: new RedisStorage(other), prefix: f.cm.config.prefix })
    try {
      const seed = f.orm.em.fork()
      const rows = Array.from({ length: ROWS }, () => seed.create(User, { name: 'v0' }))
      await seed.flush()
      const ids = rows.map((row) => row.id)
      const committed = new Map<number, number>(ids.map((id) => [id, 0]))
      const version = (cm: Cacheme) =>
        cm.cacheme<[number], number>({
          key: (c) => `User:${c.args[0]}>version`,
          invalidKeys: (c) => [`User:${c.args[0]}`],
        })(async function version(id: number) {
          await pause()
          const row = await f.orm.em.fork().findOneOrFail(User, id)
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
      const rename = async (em: ReturnType<typeof f.orm.em.fork>, id: number, name: string) => {
        ;(await em.findOneOrFail(User, id)).name = name
        await em.flush()
      }
      const writer = async () => {
        const latest = new Map(committed)
        for (let i = 0; i < WRITES; i += 1) {
          const id = ids[Math.floor(Math.random() * ids.length)]!
          const next = latest.get(id)! + 1
          latest.set(id, next)
          const name = `v${next}`
          const mode = i % 4
          if (mode === 0) await rename(f.orm.em.fork(), id, name)
          else if (mode === 1)
            await f.orm.em.fork().transactional(async (em) => {
              await rename(em, id, name)
              await openFor() // more work before COMMIT: readers run meanwhile
            })
          else if (mode === 2)
            await f.orm.em.fork().transactional((outer) =>
              outer.transactional(async (inner) => {
                await rename(inner, id, name)
                await openFor()
              }),
            )
          else
            await f.orm.em.fork().transactional(async (em) => {
              await em.nativeUpdate(User, { id }, { name })
              await openFor()
            })
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
