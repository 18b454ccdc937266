/**
 * Children saved through their parent (`Post.comments`, one-to-many): the ORM inserts them by cascade —
 * TypeORM `cascade`, MikroORM `Cascade.PERSIST`, Sequelize `include` / `post.createComment()` — and each
 * new child is an insert of its own: `Comment:<id>` and the `Comment` model key go, while existing
 * comments and other posts stay cached.
 */
import { expectInvalidated, type ShapesConcern } from './context.js'
import { shapeKeys } from './keys.js'

export function cascadeTests({ env, it, expect }: ShapesConcern): void {
  it("creating a post with comments through it invalidates every new comment's key and the Comment model key", async () => {
    const t = env()
    await t.attach()
    const { comment, post } = t.probes
    const first = await t.harness.createPost({ title: 'Dune', comments: ['great'] })
    await comment(first.commentIds[0]!)
    await post(first.id)
    const before = t.invalidated.length

    const second = await t.harness.createPost({ title: 'Emma', comments: ['witty', 'long'] })

    expect(second.commentIds).toHaveLength(2)
    const delivered = t.invalidated.slice(before)
    expectInvalidated(expect, delivered, [
      shapeKeys.post(second.id),
      'Post',
      ...second.commentIds.map((id) => shapeKeys.comment(id)),
      'Comment',
    ])
    expect(await comment(second.commentIds[1]!)).toMatchObject({ postId: second.id, body: 'long' })
    await comment(first.commentIds[0]!)
    await post(first.id)
    expect(comment.computed).toBe(2)
    expect(post.computed).toBe(1)
  })

  it("adding a comment through its post invalidates the comment lists; the post's other comments and other posts stay cached", async () => {
    const t = env()
    await t.attach()
    const { comments, comment, post } = t.probes
    const dune = await t.harness.createPost({ title: 'Dune', comments: ['great'] })
    const emma = await t.harness.createPost({ title: 'Emma' })
    expect(await comments(dune.id)).toHaveLength(1)
    await comment(dune.commentIds[0]!)
    await post(emma.id)

    const added = await t.harness.addComment(dune.id, 'sandy')

    expect((await comments(dune.id)).map((c) => c.body)).toEqual(['great', 'sandy'])
    expect(await comment(added.id)).toMatchObject({ postId: dune.id, body: 'sandy' })
    await comment(dune.commentIds[0]!)
    await post(emma.id)
    expect(comment.computed).toBe(2)
    expect(post.computed).toBe(1)
  })
}
