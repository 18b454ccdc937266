/**
 * Writes by criteria in schema 2 (rows not loaded): every key of the model goes (core's
 * `invalidateModel`), other models stay cached, and inside a transaction the result is fresh when the
 * transaction resolves.
 */
import type { ShapesConcern } from './context.js'

export function shapesBulkTests({ env, it, expect }: ShapesConcern): void {
  it('a bulk update of posts by criteria invalidates every Post key; members and tags stay cached', async () => {
    const t = env()
    await t.attach()
    const { post, posts, member, tag } = t.probes
    const ada = await t.harness.createMember('ada')
    const sf = await t.harness.createTag('sf')
    const mine = await t.harness.createPost({ title: 'Dune', authorId: ada.id })
    const other = await t.harness.createPost({ title: 'Emma' })
    await post(mine.id)
    await post(other.id)
    await posts()
    await member(ada.id)
    await tag(sf.id)

    await t.harness.bulkUpdatePosts({ authorId: ada.id }, { title: 'Dune (2nd ed.)' })

    expect(await post(mine.id)).toMatchObject({ title: 'Dune (2nd ed.)', authorId: ada.id })
    expect((await posts()).map((p) => p.title)).toEqual(['Dune (2nd ed.)', 'Emma'])
    expect(await post(other.id)).toMatchObject({ title: 'Emma' })
    await member(ada.id)
    await tag(sf.id)
    expect([member.computed, tag.computed]).toEqual([1, 1])
  })

  it('a bulk update by criteria inside a transaction is fresh when the transaction resolves', async () => {
    const t = env()
    await t.attach()
    const { post } = t.probes
    const p = await t.harness.createPost({ title: 'Dune' })
    await post(p.id)

    await t.harness.transaction((tx) =>
      t.harness.bulkUpdatePosts({ title: 'Dune' }, { title: 'Dune Messiah' }, tx),
    )

    expect(await post(p.id)).toMatchObject({ title: 'Dune Messiah' })
  })
}
