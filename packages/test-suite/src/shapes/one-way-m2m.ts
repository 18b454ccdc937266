/**
 * A one-directional many-to-many (`Post.tags`; `Tag` declares nothing back): a link invalidates
 * `Post:<p>:tags`, `Tag:<t>:tags` and `Post.tags`. Removing a tag deletes its links by database cascade —
 * the ORM knows nothing about them, because `Tag` has no relation — and the tags of exactly the posts it
 * was on must be invalidated. Deleting tags by criteria (rows unknown) invalidates every post's tags.
 */
import type { ShapesConcern, ShapesEnv } from './context.js'
import { shapeKeys } from './keys.js'

async function tagged(t: ShapesEnv) {
  const t1 = await t.harness.createTag('sf')
  const t2 = await t.harness.createTag('classic')
  const t3 = await t.harness.createTag('poetry')
  const p1 = await t.harness.createPost({ title: 'Dune' })
  const p2 = await t.harness.createPost({ title: 'Emma' })
  const p3 = await t.harness.createPost({ title: 'Odes' })
  await t.harness.addTagsToPost(p1.id, [t1.id, t2.id])
  await t.harness.addTagsToPost(p2.id, [t2.id])
  await t.harness.addTagsToPost(p3.id, [t3.id])
  return { t1, t2, t3, p1, p2, p3 }
}

export function oneWayM2mTests({ env, it, expect }: ShapesConcern): void {
  it("tagging a post invalidates Post:<p>:tags, Tag:<t>:tags and Post.tags; other posts' tags stay cached", async () => {
    const t = env()
    await t.attach()
    const { postTags, tagLinks, post } = t.probes
    const sf = await t.harness.createTag('sf')
    const p1 = await t.harness.createPost({ title: 'Dune' })
    const p2 = await t.harness.createPost({ title: 'Emma' })
    await postTags(p1.id)
    await postTags(p2.id)
    await tagLinks(sf.id)
    await post(p1.id)

    await t.harness.addTagsToPost(p1.id, [sf.id])

    expect(await postTags(p1.id)).toEqual([sf.id])
    expect(await t.hasEntry(`${shapeKeys.tag(sf.id)}>links`)).toBe(false)
    expect(t.invalidated).toContain('Post.tags')
    await postTags(p2.id)
    await post(p1.id) // a link is not a change of the post's own row
    expect(postTags.computed).toBe(3)
    expect(post.computed).toBe(1)
  })

  it('removing a tag (the side without a relation) invalidates the tags of exactly the posts it was on', async () => {
    const t = env()
    await t.attach()
    const { postTags, tag } = t.probes
    const { t1, t2, t3, p1, p2, p3 } = await tagged(t)
    for (const p of [p1, p2, p3]) await postTags(p.id)
    await tag(t1.id)

    await t.harness.removeTag(t2.id)

    expect(await tag(t2.id)).toBeNull()
    expect(await postTags(p1.id)).toEqual([t1.id])
    expect(await postTags(p2.id)).toEqual([])
    await postTags(p3.id)
    await tag(t1.id)
    expect(postTags.computed).toBe(5) // p3 never had the tag: still cached
    expect(tag.computed).toBe(2)
    expect(await t.harness.readPostTags(p3.id)).toEqual([t3.id])
  })

  it("deleting tags by criteria invalidates every post's tags (rows unknown); other models stay cached", async () => {
    const t = env()
    await t.attach()
    const { postTags, member } = t.probes
    const { t1, p1, p2 } = await tagged(t)
    const ada = await t.harness.createMember('ada')
    await postTags(p1.id)
    await postTags(p2.id)
    await member(ada.id)

    await t.harness.bulkDeleteTags({ name: 'classic' })

    expect(await postTags(p1.id)).toEqual([t1.id])
    expect(await postTags(p2.id)).toEqual([])
    await member(ada.id)
    expect(member.computed).toBe(1)
  })
}
