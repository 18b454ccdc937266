/**
 * Detaching: once the function returned by `cm.attach()` resolved, the ORM's writes no longer invalidate
 * anything; detaching twice is harmless and attaching again resumes invalidation.
 */
import type { Concern } from './context.js'

export function detachTests({ env, it, expect }: Concern): void {
  it('after detach, writes no longer invalidate', async () => {
    const t = env()
    const detach = await t.attach()
    const { book } = t.probes
    const b = await t.harness.createBook({ title: 'Dune' })
    await book(b.id)

    await detach()
    await t.harness.updateBook(b.id, { title: 'Dune Messiah' })
    await t.harness.transaction(async (tx) => t.harness.updateBook(b.id, { title: 'Children of Dune' }, tx))

    expect(await book(b.id)).toMatchObject({ title: 'Dune' })
    expect(book.computed).toBe(1)
  })

  it('detaching twice is harmless and attaching again resumes invalidation', async () => {
    const t = env()
    const detach = await t.attach()
    const { book } = t.probes
    const b = await t.harness.createBook({ title: 'Dune' })
    await book(b.id)
    await detach()
    await detach()

    await t.attach()
    await t.harness.updateBook(b.id, { title: 'Dune Messiah' })

    expect(await book(b.id)).toMatchObject({ title: 'Dune Messiah' })
    expect(book.computed).toBe(2)
  })

  it('nothing is invalidated before the adapter is attached', async () => {
    const t = env()
    const { book } = t.probes
    const b = await t.harness.createBook({ title: 'Dune' })
    await book(b.id)

    await t.harness.updateBook(b.id, { title: 'Dune Messiah' })

    expect(t.invalidated).toEqual([])
    expect(await book(b.id)).toMatchObject({ title: 'Dune' })
  })
}
