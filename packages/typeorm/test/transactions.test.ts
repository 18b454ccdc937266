/**
 * TypeORM transaction shapes beyond the shared suite: manual `queryRunner` transactions (with nested
 * `startTransaction()` savepoints), deep `manager.transaction` nesting delivering once, and concurrent
 * transactions on separate connections (PostgreSQL) keeping separate buffers. The after-COMMIT
 * expectations are PostgreSQL's: on SQLite every reader shares the transaction's connection, and the
 * same shapes are invalidated when made (shared-connection.test.ts).
 */
import { describe, expect, it } from 'vitest'
import { Book } from './support/entities.js'
import { databases, type Fixture, useFixture } from './support/fixture.js'

function bookProbe(f: Fixture) {
  return f.counted(
    'book',
    (id: number) => `Book:${id}>detail`,
    (id) => [`Book:${id}`],
    async (id) => (await f.ds.manager.findOneBy(Book, { id }))?.title ?? null,
  )
}

describe.each(databases)('typeorm on %s: transactions', (database) => {
  const fixture = useFixture(database)

  if (database === 'postgres') {
    it('a manual queryRunner transaction invalidates only at commitTransaction(), before it resolves', async () => {
      const f = fixture()
      const book = bookProbe(f)
      const b = await f.ds.manager.save(Book, { title: 'Dune' })
      await book(b.id)
      const before = f.invalidated.length
      const runner = f.ds.createQueryRunner()
      await runner.connect()
      try {
        await runner.startTransaction()
        await runner.manager.save(Book, { id: b.id, title: 'Dune Messiah' })
        await runner.manager.update(Book, { id: b.id }, { title: 'Children of Dune' })
        expect(f.invalidated.length).toBe(before)
        expect(await book(b.id)).toBe('Dune')

        await runner.commitTransaction()

        expect(f.invalidated.slice(before)).toEqual(expect.arrayContaining([`Book:${b.id}`, 'Book']))
        expect(await book(b.id)).toBe('Children of Dune')
      } finally {
        await runner.release()
      }
    })

    it('a manual queryRunner rollbackTransaction() invalidates nothing', async () => {
      const f = fixture()
      const book = bookProbe(f)
      const b = await f.ds.manager.save(Book, { title: 'Dune' })
      await book(b.id)
      const before = f.invalidated.length
      const runner = f.ds.createQueryRunner()
      await runner.connect()
      try {
        await runner.startTransaction()
        await runner.manager.save(Book, { id: b.id, title: 'Dune Messiah' })
        await runner.rollbackTransaction()
      } finally {
        await runner.release()
      }
      expect(f.invalidated.length).toBe(before)
      expect(await book(b.id)).toBe('Dune')
      expect(book.computed).toBe(1)
    })
  }

  it('a nested startTransaction() is a savepoint: rolling it back drops only its own changes', async () => {
    const f = fixture()
    const book = bookProbe(f)
    const [b1, b2] = await f.ds.manager.save(Book, [{ title: 'Dune' }, { title: 'Emma' }])
    await book(b1!.id)
    await book(b2!.id)
    const runner = f.ds.createQueryRunner()
    await runner.connect()
    try {
      await runner.startTransaction()
      await runner.manager.save(Book, { id: b1!.id, title: 'Dune Messiah' })
      await runner.startTransaction()
      await runner.manager.save(Book, { id: b2!.id, title: 'Persuasion' })
      await runner.rollbackTransaction()
      await runner.commitTransaction()
    } finally {
      await runner.release()
    }
    expect(await book(b1!.id)).toBe('Dune Messiah')
    expect(await book(b2!.id)).toBe('Emma')
    // On SQLite b2's change was invalidated when made and again on the savepoint's rollback.
    expect(book.computed).toBe(database === 'postgres' ? 3 : 4)
  })

  if (database === 'postgres') {
    it('manager.transaction nested three deep delivers everything in one invalidation after the outermost commit', async () => {
      const f = fixture()
      const [b1, b2, b3] = await f.ds.manager.save(Book, [{ title: 'a' }, { title: 'b' }, { title: 'c' }])
      const events: (readonly string[])[] = []
      f.cm.on('invalidate', (event) => events.push(event.keys))

      await f.ds.transaction(async (outer) => {
        await outer.save(Book, { id: b1!.id, title: 'a2' })
        await outer.transaction(async (middle) => {
          await middle.save(Book, { id: b2!.id, title: 'b2' })
          await middle.transaction(async (inner) => {
            await inner.save(Book, { id: b3!.id, title: 'c2' })
          })
        })
        expect(events).toEqual([])
      })

      expect(events).toHaveLength(1)
      expect(events[0]).toEqual(
        expect.arrayContaining([`Book:${b1!.id}`, `Book:${b2!.id}`, `Book:${b3!.id}`, 'Book']),
      )
    })
  }

  it('a save with { transaction: false } outside any transaction invalidates at once', async () => {
    const f = fixture()
    const book = bookProbe(f)
    const b = await f.ds.manager.save(Book, { title: 'Dune' })
    await book(b.id)

    await f.ds.manager.save(Book, { id: b.id, title: 'Dune Messiah' }, { transaction: false })

    expect(await book(b.id)).toBe('Dune Messiah')
  })

  if (database === 'postgres') {
    it('concurrent transactions on separate connections keep separate buffers', async () => {
      const f = fixture()
      const book = bookProbe(f)
      const [b1, b2] = await f.ds.manager.save(Book, [{ title: 'Dune' }, { title: 'Emma' }])
      await book(b1!.id)
      await book(b2!.id)
      const before = f.invalidated.length
      let release!: () => void
      const bothWritten = new Promise<void>((resolve) => {
        release = resolve
      })
      let written = 0
      const wrote = (): void => {
        written += 1
        if (written === 2) release()
      }

      const committed = f.ds.transaction(async (tx) => {
        await tx.save(Book, { id: b1!.id, title: 'Dune Messiah' })
        wrote()
        await bothWritten
      })
      const rolledBack = f.ds.transaction(async (tx) => {
        await tx.save(Book, { id: b2!.id, title: 'Persuasion' })
        wrote()
        await bothWritten
        throw new Error('roll back')
      })
      const [commit, rollback] = await Promise.allSettled([committed, rolledBack])
      expect(commit.status).toBe('fulfilled')
      expect(rollback).toMatchObject({ status: 'rejected', reason: { message: 'roll back' } })

      expect(f.invalidated.slice(before)).toContain(`Book:${b1!.id}`)
      expect(f.invalidated.slice(before)).not.toContain(`Book:${b2!.id}`)
      expect(await book(b2!.id)).toBe('Emma')
      expect(book.computed).toBe(2)
    })
  }
})
