/**
 * Upserts by primary key. On better-sqlite3 TypeORM rewrites the id in the values from the last
 * *inserted* rowid, which after an upsert that updated names another row; the adapter takes the primary
 * key the values carried before the statement ran.
 */
import { describe, expect, it } from 'vitest'
import { databases, type Fixture, useFixture } from './support/fixture.js'
import { postProbe } from './support/post-probe.js'
import { shapeEntities } from './support/shapes-entities.js'

describe.each(databases)('typeorm on %s: upsert by primary key', (database) => {
  const { Post, all } = shapeEntities(database)
  const fixture = useFixture(database, { entities: all })

  async function threePosts(f: Fixture) {
    const post = postProbe(f, Post)
    const [p1, p2, p3] = await f.ds.manager.save(Post, [
      { title: 'one' },
      { title: 'two' },
      { title: 'three' },
    ])
    for (const p of [p1!, p2!, p3!]) await post(p.id)
    return { post, p1: p1!, p2: p2!, p3: p3! }
  }

  it('repository.upsert() of an existing row invalidates that row, not the last inserted one', async () => {
    const f = fixture()
    const { post, p1, p2, p3 } = await threePosts(f)

    await f.ds.getRepository(Post).upsert({ id: p1.id, title: 'one, again' }, ['id'])

    expect(await post(p1.id)).toBe('one, again')
    expect(await post(p2.id)).toBe('two')
    expect(await post(p3.id)).toBe('three')
    expect(post.computed).toBe(4)
  })

  it('QB insert().orUpdate() of an existing row invalidates that row', async () => {
    const f = fixture()
    const { post, p1, p2, p3 } = await threePosts(f)

    await f.ds
      .createQueryBuilder()
      .insert()
      .into(Post)
      .values({ id: p2.id, title: 'two, again' })
      .orUpdate(['title'], ['id'])
      .execute()

    expect(await post(p2.id)).toBe('two, again')
    expect(await post(p1.id)).toBe('one')
    expect(await post(p3.id)).toBe('three')
    expect(post.computed).toBe(4)
  })

  it("an upsert that inserts with an explicit id invalidates that id's cached 'not found'", async () => {
    const f = fixture()
    const { post, p3 } = await threePosts(f)
    const fresh = p3.id + 100
    expect(await post(fresh)).toBeNull()

    await f.ds.getRepository(Post).upsert({ id: fresh, title: 'new' }, ['id'])

    expect(await post(fresh)).toBe('new')
  })

  it('a QB insert without an id invalidates the id the database generated', async () => {
    const f = fixture()
    const { post, p3 } = await threePosts(f)
    expect(await post(p3.id + 1)).toBeNull()

    const result = await f.ds.createQueryBuilder().insert().into(Post).values({ title: 'four' }).execute()

    expect(result.identifiers[0]).toEqual({ id: p3.id + 1 })
    expect(await post(p3.id + 1)).toBe('four')
  })
})
