/**
 * Concurrent writes. Read-your-writes must hold for each of many parallel saves the moment it resolves —
 * also where the ORM runs them on one shared connection (TypeORM on SQLite: a save that starts while
 * another transaction is open runs inside it and commits nothing of its own). And the mirror hazard:
 * where readers see a transaction's uncommitted rows, a value computed from them must not outlive the
 * transaction's ROLLBACK. The last test checks the invariant that covers both — after any interleaving,
 * every cached value equals what the database says.
 */
import { Rollback } from '../rollback.js'
import type { ShapesConcern } from './context.js'

const PARALLEL = 20

export function concurrencyTests({ env, it, expect }: ShapesConcern): void {
  it(`each of ${PARALLEL} parallel saves is read back fresh as soon as it resolves`, async () => {
    const t = env()
    await t.attach()
    const { post } = t.probes
    const posts = []
    for (let i = 0; i < PARALLEL + 1; i += 1) posts.push(await t.harness.createPost({ title: `v0-${i}` }))
    for (const p of posts) await post(p.id)
    const untouched = posts.pop()!

    const seen = await Promise.all(
      posts.map(async (p, i) => {
        await t.harness.updatePost(p.id, { title: `v1-${i}` })
        return (await post(p.id))?.title
      }),
    )

    expect(seen).toEqual(posts.map((_, i) => `v1-${i}`))
    const computed = post.computed
    await post(untouched.id)
    expect(post.computed).toBe(computed)
  })

  it("a value computed from a transaction's uncommitted rows is not served after it rolls back", async () => {
    const t = env()
    await t.attach()
    const { post } = t.probes
    const p = await t.harness.createPost({ title: 'Dune' })
    const other = await t.harness.createPost({ title: 'Emma' })
    await post(other.id)

    await expect(
      t.harness.transaction(async (tx) => {
        await t.harness.updatePost(p.id, { title: 'Dune Messiah' }, tx)
        // A concurrent reader: on a shared connection it sees (and caches) the uncommitted title.
        await post(p.id)
        throw new Rollback('roll back')
      }),
    ).rejects.toBeInstanceOf(Rollback)

    expect(await post(p.id)).toMatchObject({ title: 'Dune' })
    expect(await t.hasEntry(`Post:${other.id}>detail`)).toBe(true)
  })

  it('after parallel saves interleaved with a transaction that rolls back, every cached value matches the database', async () => {
    const t = env()
    await t.attach()
    const { post } = t.probes
    const posts = []
    for (let i = 0; i < 10; i += 1) posts.push(await t.harness.createPost({ title: `v0-${i}` }))
    const [first, ...rest] = posts
    for (const p of rest) await post(p.id) // `first` is read for the first time inside the transaction

    // Whatever the ORM makes of the interleaving (on one shared connection the plain saves may end up in
    // the rolled-back transaction), the cache must agree with the database afterwards.
    await Promise.allSettled([
      t.harness.transaction(async (tx) => {
        await t.harness.updatePost(first!.id, { title: 'rolled back' }, tx)
        await post(first!.id)
        await new Promise((resolve) => setTimeout(resolve, 5))
        throw new Rollback('roll back')
      }),
      ...rest.map(async (p, i) => {
        await t.harness.updatePost(p.id, { title: `v1-${i}` })
        await post(p.id)
      }),
    ])

    for (const p of posts) expect(await post(p.id)).toEqual(await t.harness.readPost(p.id))
  })
}
