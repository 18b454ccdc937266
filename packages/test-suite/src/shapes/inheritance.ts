/**
 * Single-table inheritance (`Content` ← `Photo`, `Article`; only with
 * `capabilities.singleTableInheritance`). A photo row is also a `Content` row: its changes reach
 * `Photo:<id>`, `Content:<id>`, `Photo` and `Content` — whichever class the write went through — and a
 * write by criteria goes model-wide on every class of the writing class's lineage (itself, ancestors,
 * descendants). The sibling class (`Article`) is never part of a photo's lineage: its list stays cached.
 */
import { expectInvalidated, type ShapesConcern, type ShapesEnv } from './context.js'
import { shapeKeys } from './keys.js'

async function gallery(t: ShapesEnv) {
  const sti = t.inheritance
  const sea = await sti.createPhoto({ title: 'sea', url: 'sea.jpg' })
  const sky = await sti.createPhoto({ title: 'sky', url: 'sky.jpg' })
  const essay = await sti.createArticle({ title: 'essay', body: '...' })
  const { photo, content, contents, articles } = t.probes
  await photo(sea.id)
  await photo(sky.id)
  await content(sea.id)
  await content(essay.id)
  await contents()
  await articles()
  return { sti, sea, sky, essay }
}

export function inheritanceTests({ env, it, expect }: ShapesConcern): void {
  it('saving a photo through its own class invalidates its Photo and Content keys; other photos and the article list stay cached', async () => {
    const t = env()
    await t.attach()
    const { sti, sea, sky, essay } = await gallery(t)
    const { photo, content, contents, articles } = t.probes

    await sti.updatePhoto(sea.id, { title: 'sea at night' })

    expectInvalidated(expect, t.invalidated, [
      shapeKeys.photo(sea.id),
      shapeKeys.content(sea.id),
      'Photo',
      'Content',
    ])
    expect(await photo(sea.id)).toMatchObject({ kind: 'photo', title: 'sea at night' })
    expect(await content(sea.id)).toMatchObject({ kind: 'photo', title: 'sea at night' })
    expect((await contents()).map((c) => c.title)).toEqual(['sea at night', 'sky', 'essay'])
    await photo(sky.id)
    await content(essay.id)
    await articles()
    expect([photo.computed, content.computed, articles.computed]).toEqual([3, 3, 1])
  })

  it('saving a row loaded through the parent class invalidates its Photo and Content keys', async () => {
    const t = env()
    await t.attach()
    const { sti, sea, essay } = await gallery(t)
    const { photo, content } = t.probes

    await sti.updateContent(sea.id, { title: 'sea at dawn' })

    expect(await photo(sea.id)).toMatchObject({ title: 'sea at dawn' })
    expect(await content(sea.id)).toMatchObject({ title: 'sea at dawn' })
    await content(essay.id)
    expect(content.computed).toBe(3)
  })

  it("an update by criteria through the parent class reaches every child class's keys", async () => {
    const t = env()
    await t.attach()
    const { sti, sea } = await gallery(t)
    const { photo, content, contents } = t.probes
    const before = t.invalidated.length

    await sti.bulkUpdateContents({ title: 'sea' }, { title: 'ocean' })

    expectInvalidated(expect, t.invalidated.slice(before), ['Content', 'Photo', 'Article'])
    expect(await photo(sea.id)).toMatchObject({ title: 'ocean' })
    expect(await content(sea.id)).toMatchObject({ title: 'ocean' })
    expect((await contents()).map((c) => c.title)).toEqual(['ocean', 'sky', 'essay'])
  })

  it("an update by criteria through a child class reaches the parent's keys; the sibling class's stay cached", async () => {
    const t = env()
    await t.attach()
    const { sti, sea } = await gallery(t)
    const { photo, content, contents, articles } = t.probes

    await sti.bulkUpdatePhotos({ title: 'sea' }, { title: 'ocean' })

    expect(await content(sea.id)).toMatchObject({ title: 'ocean' })
    expect((await contents()).map((c) => c.title)).toEqual(['ocean', 'sky', 'essay'])
    expect(await photo(sea.id)).toMatchObject({ title: 'ocean' })
    await articles()
    expect(articles.computed).toBe(1)
  })

  it('inserting a photo invalidates the parent class list; the article list stays cached', async () => {
    const t = env()
    await t.attach()
    const { sti } = await gallery(t)
    const { contents, articles } = t.probes

    const dune = await sti.createPhoto({ title: 'dune', url: 'dune.jpg' })

    expect((await contents()).map((c) => c.title)).toEqual(['sea', 'sky', 'essay', 'dune'])
    expectInvalidated(expect, t.invalidated, [shapeKeys.photo(dune.id), shapeKeys.content(dune.id)])
    await articles()
    expect(articles.computed).toBe(1)
  })
}
