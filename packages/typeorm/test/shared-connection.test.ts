/**
 * TypeORM's SQLite drivers run every statement of a DataSource on one shared query runner: a `save()`
 * that starts while another transaction is open runs inside it and resolves without a commit of its own,
 * and every reader sees uncommitted rows. The adapter therefore invalidates on SQLite when a change is
 * made, again at COMMIT, and again on ROLLBACK (core's `sharedConnection`). PostgreSQL (a pool, real
 * isolation) runs the same tests as the control.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DataSource } from 'typeorm'
import { describe, expect, it } from 'vitest'
import { typeormAdapter } from '../src/index.js'
import { databases, useFixture } from './support/fixture.js'
import { postProbe } from './support/post-probe.js'
import { shapeEntities } from './support/shapes-entities.js'

describe.each(databases)('typeorm on %s: concurrent writes and uncommitted rows', (database) => {
  const { Post, all } = shapeEntities(database)
  const fixture = useFixture(database, { entities: all })

  it('each of 50 parallel save()s is read back fresh as soon as it resolves', async () => {
    const f = fixture()
    const post = postProbe(f, Post)
    const posts = await f.ds.manager.save(
      Post,
      Array.from({ length: 50 }, (_, i) => ({ title: `v0-${i}` })),
    )
    for (const p of posts) await post(p.id)

    const seen = await Promise.all(
      posts.map(async (p, i) => {
        const loaded = await f.ds.manager.findOneByOrFail(Post, { id: p.id })
        loaded.title = `v1-${i}`
        await f.ds.manager.save(loaded)
        return post(p.id)
      }),
    )

    expect(seen).toEqual(posts.map((_, i) => `v1-${i}`))
  })

  it('a value read from the uncommitted rows of a transaction that rolls back is not served afterwards', async () => {
    const f = fixture()
    const post = postProbe(f, Post)
    const kept = postProbe(f, Post)
    const [p, other] = await f.ds.manager.save(Post, [{ title: 'Dune' }, { title: 'Emma' }])
    await kept(other!.id)

    await expect(
      f.ds.transaction(async (m) => {
        await m.save(Post, { id: p!.id, title: 'Dune Messiah' })
        // A reader outside the transaction: on SQLite it shares the connection and sees the new title.
        await post(p!.id)
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')

    expect(await post(p!.id)).toBe('Dune')
    expect(await kept(other!.id)).toBe('Emma')
    expect(kept.computed).toBe(1) // a row the transaction did not touch stayed cached throughout
  })
})

describe('typeorm on sqlite: one connection for every reader', () => {
  const { Post, all } = shapeEntities('sqlite')
  const fixture = useFixture('sqlite', { entities: all })

  it("a save() that runs inside someone else's open transaction is invalidated before it resolves", async () => {
    const f = fixture()
    const post = postProbe(f, Post)
    const [p, q] = await f.ds.manager.save(Post, [{ title: 'Dune' }, { title: 'Emma' }])
    await post(p!.id)
    // The DataSource's one query runner: a transaction opened on it is open for every caller.
    const runner = f.ds.createQueryRunner()
    await runner.startTransaction()
    try {
      await runner.manager.save(Post, { id: q!.id, title: 'Persuasion' })
      // An unrelated save joins that transaction: TypeORM starts none and commits none for it.
      await f.ds.manager.save(Post, { id: p!.id, title: 'Dune Messiah' })

      expect(await post(p!.id)).toBe('Dune Messiah')
    } finally {
      await runner.commitTransaction()
    }
    expect(await post(p!.id)).toBe('Dune Messiah')
  })

  it('on an in-memory database a manual queryRunner transaction invalidates each change once, when made', async () => {
    const f = fixture()
    const post = postProbe(f, Post)
    const p = await f.ds.manager.save(Post, { title: 'Dune' })
    await post(p.id)
    const before = f.invalidated.length
    const runner = f.ds.createQueryRunner()
    await runner.startTransaction()
    await runner.manager.save(Post, { id: p.id, title: 'Dune Messiah' })
    expect(f.invalidated.slice(before).sort()).toEqual(['Post', `Post:${p.id}`])

    await runner.commitTransaction()

    // No other connection can open an in-memory database: nobody else saw the old row.
    expect(f.invalidated.slice(before)).toHaveLength(2)
    expect(await post(p.id)).toBe('Dune Messiah')
  })

  it('on a database file a change is invalidated when made and again at COMMIT (another process may read it)', async () => {
    const f = fixture()
    const dir = await mkdtemp(join(tmpdir(), 'cm-sqlite-'))
    const file = new DataSource({ type: 'better-sqlite3', database: join(dir, 'db.sqlite'), entities: all })
    await file.initialize()
    await file.synchronize()
    const detach = await f.cm.attach(typeormAdapter(file))
    try {
      const p = await file.manager.save(Post, { title: 'Dune' })
      const times = (from: number) => f.invalidated.slice(from).filter((key) => key === `Post:${p.id}`).length
      const before = f.invalidated.length
      const runner = file.createQueryRunner()
      await runner.startTransaction()
      await runner.manager.save(Post, { id: p.id, title: 'Dune Messiah' })
      expect(times(before)).toBe(1)

      await runner.commitTransaction()

      expect(times(before)).toBe(2)
    } finally {
      await detach()
      await file.destroy()
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('rollbackTransaction() invalidates what the transaction wrote once more, and resolves after it', async () => {
    const f = fixture()
    const post = postProbe(f, Post)
    const p = await f.ds.manager.save(Post, { title: 'Dune' })
    const runner = f.ds.createQueryRunner()
    await runner.startTransaction()
    await runner.manager.save(Post, { id: p.id, title: 'Dune Messiah' })
    expect(await post(p.id)).toBe('Dune Messiah') // read on the shared connection, cached
    const before = f.invalidated.length

    await runner.rollbackTransaction()

    expect(f.invalidated.slice(before)).toEqual(expect.arrayContaining([`Post:${p.id}`, 'Post']))
    expect(await post(p.id)).toBe('Dune')
  })

  it('nested manager.transaction saves are each invalidated when made, and an in-memory database needs nothing at COMMIT', async () => {
    const f = fixture()
    const [a, b] = await f.ds.manager.save(Post, [{ title: 'a' }, { title: 'b' }])
    const events: (readonly string[])[] = []
    f.cm.on('invalidate', (event) => events.push(event.keys))

    await f.ds.transaction(async (outer) => {
      await outer.save(Post, { id: a!.id, title: 'a2' })
      await outer.transaction(async (inner) => {
        await inner.save(Post, { id: b!.id, title: 'b2' })
      })
      expect(events).toHaveLength(2)
    })

    expect(events).toHaveLength(2)
    expect(events.flat()).toEqual(expect.arrayContaining([`Post:${a!.id}`, `Post:${b!.id}`, 'Post']))
  })
})
