/**
 * Readers racing a transaction. A value computed while a transaction is open reads the rows as they were
 * before COMMIT (on databases with isolation); it may be cached then, but it must not be served once the
 * transaction committed — neither when it was stored before the commit's invalidation (the invalidation
 * removes it) nor when it is stored after it (core's race guard rejects it). On a shared connection
 * readers see the transaction's rows instead, so only the reader that read *before the change* can be
 * stale — the last test, which holds everywhere.
 */
import type { Concern, TestEnv } from './context.js'
import type { BookRow, Id } from './harness.js'

export function readerTests({ env, it, expect, capabilities }: Concern): void {
  it('a reader that read before a change in a transaction and stores after it is not served afterwards', async () => {
    const t = env()
    await t.attach()
    const b = await t.harness.createBook({ title: 'Dune' })
    const { reader, hasRead, release } = slowReader(t)

    const stale = reader(b.id)
    await hasRead // read the old row, before the transaction began
    await t.harness.transaction(async (tx) => {
      await t.harness.updateBook(b.id, { title: 'Dune Messiah' }, tx)
      release() // stores the old row while the transaction is open, or just after
      await stale
    })

    expect(await reader(b.id)).toMatchObject({ title: 'Dune Messiah' })
    expect(reader.computed).toBe(2)
  })

  if (capabilities.sharedConnection) return

  it('a value computed during the transaction from pre-commit rows is not served after COMMIT', async () => {
    const t = env()
    await t.attach()
    const { book } = t.probes
    const b = await t.harness.createBook({ title: 'Dune' })

    await t.harness.transaction(async (tx) => {
      await t.harness.updateBook(b.id, { title: 'Dune Messiah' }, tx)
      // A concurrent reader misses and caches what it sees now.
      await book(b.id)
      expect(await t.hasEntry(`Book:${b.id}>detail`)).toBe(true)
    })

    expect(await book(b.id)).toMatchObject({ title: 'Dune Messiah' })
    expect(book.computed).toBe(2)
  })

  it('a reader that read before COMMIT and stores after the invalidation is not served afterwards', async () => {
    const t = env()
    await t.attach()
    const b = await t.harness.createBook({ title: 'Dune' })
    const { reader, hasRead, release } = slowReader(t)

    let stale: Promise<BookRow | null> | undefined
    await t.harness.transaction(async (tx) => {
      await t.harness.updateBook(b.id, { title: 'Dune Messiah' }, tx)
      stale = reader(b.id)
      await hasRead
    })
    // Committed and invalidated; now the slow reader stores what it read before the commit.
    release()
    await stale

    expect(await reader(b.id)).toMatchObject({ title: 'Dune Messiah' })
    expect(reader.computed).toBe(2)
  })
}

/**
 * A cached book read whose first computation reads the row, signals `hasRead`, and holds the row until
 * `release()` — to store a value read at a chosen moment.
 */
function slowReader(t: TestEnv) {
  let readDone!: () => void
  const hasRead = new Promise<void>((resolve) => {
    readDone = resolve
  })
  let release!: () => void
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  let slow = true
  const reader = t.probe('slowBook', {
    key: (id: Id) => `Book:${id}>slow`,
    invalidKeys: (id) => [`Book:${id}`],
    compute: async (id): Promise<BookRow | null> => {
      const row = await t.harness.readBook(id)
      if (slow) {
        slow = false
        readDone()
        await released // hold the row until the caller says
      }
      return row
    },
  })
  return { reader, hasRead, release }
}
