/**
 * Single-table inheritance (`@TableInheritance` + `@ChildEntity`): a row of `Photo extends Content` is
 * also a `Content` row. Changes reach the keys of the row's class, its ancestors and its descendants —
 * `Photo:<id>`, `Content:<id>`, `Photo`, `Content` — and writes by criteria through a class go model-wide
 * on that class's lineage. Siblings (`Article`) are left alone.
 */
import { describe, expect, it } from 'vitest'
import { databases, type Fixture, useFixture } from './support/fixture.js'
import { Article, Content, Photo, shapeEntities } from './support/shapes-entities.js'

function probes(f: Fixture) {
  const m = () => f.ds.manager
  return {
    photo: f.counted(
      'photo',
      (id: number) => `Photo:${id}>detail`,
      (id) => [`Photo:${id}`],
      async (id) => (await m().findOneBy(Photo, { id }))?.title ?? null,
    ),
    content: f.counted(
      'content',
      (id: number) => `Content:${id}>detail`,
      (id) => [`Content:${id}`],
      async (id) => (await m().findOneBy(Content, { id }))?.title ?? null,
    ),
    contents: f.counted(
      'contents',
      () => 'Contents>all',
      () => ['Content'],
      async () => (await m().find(Content, { order: { id: 'ASC' } })).map((c) => c.title),
    ),
    photos: f.counted(
      'photos',
      () => 'Photos>all',
      () => ['Photo'],
      async () => (await m().find(Photo, { order: { id: 'ASC' } })).map((c) => c.title),
    ),
    articles: f.counted(
      'articles',
      () => 'Articles>all',
      () => ['Article'],
      async () => (await m().find(Article, { order: { id: 'ASC' } })).map((c) => c.title),
    ),
  }
}

describe.each(databases)('typeorm on %s: single-table inheritance', (database) => {
  const fixture = useFixture(database, { entities: shapeEntities(database).all })

  async function seed(f: Fixture) {
    const m = f.ds.manager
    const sea = await m.save(Photo, { title: 'sea', url: 'sea.jpg' })
    const sky = await m.save(Photo, { title: 'sky', url: 'sky.jpg' })
    const essay = await m.save(Article, { title: 'essay', body: '...' })
    const p = probes(f)
    await p.photo(sea.id)
    await p.photo(sky.id)
    await p.content(sea.id)
    await p.content(essay.id)
    await p.contents()
    await p.photos()
    await p.articles()
    return { p, sea, sky, essay }
  }

  it("saving a photo through its own class invalidates its Photo and Content keys, not the sibling's", async () => {
    const f = fixture()
    const { p, sea, sky, essay } = await seed(f)

    const photo = await f.ds.manager.findOneByOrFail(Photo, { id: sea.id })
    photo.title = 'sea at night'
    await f.ds.manager.save(photo)

    expect(await p.photo(sea.id)).toBe('sea at night')
    expect(await p.content(sea.id)).toBe('sea at night')
    expect(await p.contents()).toEqual(['sea at night', 'sky', 'essay'])
    expect(await p.photos()).toEqual(['sea at night', 'sky'])
    await p.photo(sky.id)
    await p.content(essay.id)
    await p.articles()
    expect([p.photo.computed, p.content.computed, p.articles.computed]).toEqual([3, 3, 1])
  })

  it('saving a row loaded through the parent class invalidates its Photo and Content keys', async () => {
    const f = fixture()
    const { p, sea } = await seed(f)

    const row = await f.ds.manager.findOneByOrFail(Content, { id: sea.id })
    row.title = 'sea at dawn'
    await f.ds.manager.save(row)

    expect(await p.photo(sea.id)).toBe('sea at dawn')
    expect(await p.content(sea.id)).toBe('sea at dawn')
  })

  it('an update by criteria through the parent class reaches every child class', async () => {
    const f = fixture()
    const { p, sea, essay } = await seed(f)

    await f.ds.manager.update(Content, { title: 'sea' }, { title: 'ocean' })

    expect(await p.photo(sea.id)).toBe('ocean')
    expect(await p.photos()).toEqual(['ocean', 'sky'])
    expect(await p.content(sea.id)).toBe('ocean')
    // Rows unknown: every class of the hierarchy went model-wide.
    await p.articles()
    await p.content(essay.id)
    expect(p.articles.computed).toBe(2)
  })

  it("an update by criteria through a child class reaches the parent's keys, not the sibling's", async () => {
    const f = fixture()
    const { p, sea } = await seed(f)

    await f.ds.manager.update(Photo, { title: 'sea' }, { title: 'ocean' })

    expect(await p.content(sea.id)).toBe('ocean')
    expect(await p.contents()).toEqual(['ocean', 'sky', 'essay'])
    expect(await p.photo(sea.id)).toBe('ocean')
    await p.articles()
    expect(p.articles.computed).toBe(1)
  })

  it('inserting and removing a photo invalidate the Content list', async () => {
    const f = fixture()
    const { p, sky } = await seed(f)

    await f.ds.manager.save(Photo, { title: 'dune', url: 'dune.jpg' })
    expect(await p.contents()).toEqual(['sea', 'sky', 'essay', 'dune'])

    await f.ds.manager.remove(await f.ds.manager.findOneByOrFail(Photo, { id: sky.id }))
    expect(await p.contents()).toEqual(['sea', 'essay', 'dune'])
    expect(await p.content(sky.id)).toBeNull()
  })
})
