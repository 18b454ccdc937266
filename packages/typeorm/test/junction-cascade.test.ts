/**
 * Junction rows deleted by the database cascade, which TypeORM does not report: removing the side of a
 * many-to-many that declares no relation (`Tag` of the one-directional `Post.tags`), and removing a member
 * who is on someone else's friend list (self-referencing `Member.friends`: TypeORM deletes only the links
 * the removed member lists). The adapter looks the other side up before the DELETE.
 */
import { describe, expect, it } from 'vitest'
import { databases, type Fixture, useFixture } from './support/fixture.js'
import { Member, type PostClass, shapeEntities, Tag } from './support/shapes-entities.js'

function postTagsProbe(f: Fixture, Post: PostClass) {
  return f.counted(
    'postTags',
    (id: number) => `Post:${id}>tags`,
    (id) => [`Post:${id}:tags`],
    async (id) => {
      const post = await f.ds.manager.findOneOrFail(Post, { where: { id }, relations: { tags: true } })
      return post.tags.map((tag) => tag.id).sort((a, b) => a - b)
    },
  )
}

function friendsProbe(f: Fixture) {
  return f.counted(
    'friends',
    (id: string) => `Member:${id}>friends`,
    (id) => [`Member:${id}:friends`],
    async (id) => {
      const member = await f.ds.manager.findOneOrFail(Member, { where: { id }, relations: { friends: true } })
      return member.friends.map((friend) => friend.name).sort()
    },
  )
}

describe.each(databases)('typeorm on %s: junction rows deleted by the database', (database) => {
  const { Post, all } = shapeEntities(database)
  const fixture = useFixture(database, { entities: all })

  async function tagged(f: Fixture) {
    const m = f.ds.manager
    const [t1, t2, t3] = await m.save(Tag, [{ name: 't1' }, { name: 't2' }, { name: 't3' }])
    const p1 = await m.save(Post, { title: 'p1', tags: [t1!, t2!] })
    const p2 = await m.save(Post, { title: 'p2', tags: [t2!] })
    const p3 = await m.save(Post, { title: 'p3', tags: [t3!] })
    return { t1: t1!, t2: t2!, t3: t3!, p1, p2, p3 }
  }

  it('removing a tag (Tag declares no relation back) invalidates the tags of exactly the posts it was on', async () => {
    const f = fixture()
    const postTags = postTagsProbe(f, Post)
    const { t1, t2, t3, p1, p2, p3 } = await tagged(f)
    expect(await postTags(p1.id)).toEqual([t1.id, t2.id])
    expect(await postTags(p2.id)).toEqual([t2.id])
    expect(await postTags(p3.id)).toEqual([t3.id])

    await f.ds.manager.remove(Tag, t2)

    expect(await postTags(p1.id)).toEqual([t1.id])
    expect(await postTags(p2.id)).toEqual([])
    await postTags(p3.id)
    expect(postTags.computed).toBe(5) // p3's tags were never linked to t2: still cached
  })

  it('removing several tags at once invalidates the tags of every post any of them was on', async () => {
    const f = fixture()
    const postTags = postTagsProbe(f, Post)
    const { t1, t2, t3, p1, p2, p3 } = await tagged(f)
    await postTags(p1.id)
    await postTags(p2.id)
    await postTags(p3.id)

    await f.ds.manager.remove(Tag, [t1, t3])

    expect(await postTags(p1.id)).toEqual([t2.id])
    expect(await postTags(p3.id)).toEqual([])
    await postTags(p2.id)
    expect(postTags.computed).toBe(5)
  })

  it("removing a member who is someone's friend invalidates that someone's friend list, and no other", async () => {
    const f = fixture()
    const friends = friendsProbe(f)
    const m = f.ds.manager
    const [ada, bob, cy, dee] = await m.save(Member, [
      { name: 'ada' },
      { name: 'bob' },
      { name: 'cy' },
      { name: 'dee' },
    ])
    await m.save(Member, { ...ada!, friends: [bob!] })
    await m.save(Member, { ...cy!, friends: [dee!] })
    expect(await friends(ada!.id)).toEqual(['bob'])
    expect(await friends(cy!.id)).toEqual(['dee'])

    await m.remove(await m.findOneByOrFail(Member, { id: bob!.id }))

    expect(await friends(ada!.id)).toEqual([])
    await friends(cy!.id)
    expect(friends.computed).toBe(3)
  })

  it("removing a member who lists friends invalidates each friend's side too", async () => {
    const f = fixture()
    const m = f.ds.manager
    const [ada, bob] = await m.save(Member, [{ name: 'ada' }, { name: 'bob' }])
    await m.save(Member, { ...ada!, friends: [bob!] })
    const before = f.invalidated.length

    await m.remove(await m.findOneByOrFail(Member, { id: ada!.id }))

    expect(f.invalidated.slice(before)).toEqual(
      expect.arrayContaining([`Member:${ada!.id}:friends`, `Member:${bob!.id}:friends`, 'Member.friends']),
    )
  })

  it('a remove that rolls back leaves the links and their cached values as they were', async () => {
    const f = fixture()
    const postTags = postTagsProbe(f, Post)
    const { t1, t2, p1 } = await tagged(f)
    const linked = [t1.id, t2.id] // remove() clears the id on the object, even when it rolls back
    await postTags(p1.id)

    await expect(
      f.ds.transaction(async (m) => {
        await m.remove(Tag, t2)
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')

    expect(await postTags(p1.id)).toEqual(linked)
  })
})
