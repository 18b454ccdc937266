/**
 * The ORM's upsert by primary key on an entity with no other unique constraint (`Post`): the row the key
 * names is the row that changed — whatever id the driver reports back (better-sqlite3 reports the last
 * *inserted* rowid, which after an update names another row). An upsert that inserts is an insert: the
 * new id's key and the model key go.
 */
import type { ShapesConcern } from './context.js'

export function upsertTests({ env, it, expect }: ShapesConcern): void {
  it('upserting an existing row by its primary key invalidates that row and no other', async () => {
    const t = env()
    await t.attach()
    const { post } = t.probes
    const p1 = await t.harness.createPost({ title: 'one' })
    const p2 = await t.harness.createPost({ title: 'two' })
    const p3 = await t.harness.createPost({ title: 'three' }) // the last inserted row
    for (const p of [p1, p2, p3]) await post(p.id)

    await t.harness.upsertPost({ id: p1.id, title: 'one, again' })

    expect(await post(p1.id)).toMatchObject({ title: 'one, again' })
    expect(await post(p2.id)).toMatchObject({ title: 'two' })
    expect(await post(p3.id)).toMatchObject({ title: 'three' })
    expect(post.computed).toBe(4)
  })

  it("an upsert that inserts invalidates the new id's key (a cached 'not found') and the model key", async () => {
    const t = env()
    await t.attach()
    const { post, posts } = t.probes
    const p1 = await t.harness.createPost({ title: 'one' })
    const unused = Number(p1.id) + 1000
    expect(await post(unused)).toBeNull()
    expect(await posts()).toHaveLength(1)
    await post(p1.id)

    await t.harness.upsertPost({ id: unused, title: 'new' })

    expect(await post(unused)).toMatchObject({ title: 'new' })
    expect((await posts()).map((p) => p.title)).toEqual(['one', 'new'])
    await post(p1.id)
    expect(post.computed).toBe(3)
  })
}
