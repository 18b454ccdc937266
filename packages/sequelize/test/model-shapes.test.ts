/**
 * Sequelize shapes beyond the shared suite's schema (see `support/model-shapes.ts`): non-`id` and string primary
 * keys, an explicit through model with a column of its own and custom `foreignKey` / `otherKey`, paranoid
 * models and restores, default scopes, `hasMany` association helpers, writes by primary key (precise) and
 * by other criteria (model-wide), upserts, `bulkCreate` with and without conflict handling, and a
 * `cacheKey` getter that depends on a column other than the key.
 */
import { describe, expect, it } from 'vitest'
import { databases } from './support/database.js'
import { type Fixture, useFixture } from './support/fixture.js'
import { defineShapes, type Shapes } from './support/model-shapes.js'

type F = Fixture<Shapes>
const get = <T>(row: { get(key: string): unknown }, key: string) => row.get(key) as T

async function enrolled(f: F) {
  const { Reader, Course } = f.models
  const ada = await Reader.create({ name: 'ada' })
  const bob = await Reader.create({ name: 'bob' })
  const cs1 = await Course.create({ code: 'CS1', title: 'Programs' })
  const cs2 = await Course.create({ code: 'CS2', title: 'Data' })
  const adaId = get<number>(ada, 'readerId')
  const bobId = get<number>(bob, 'readerId')
  await (ada as unknown as { addCourses(ids: string[], o?: object): Promise<void> }).addCourses(
    ['CS1', 'CS2'],
    {
      through: { grade: 'A' },
    },
  )
  await (bob as unknown as { addCourses(ids: string[]): Promise<void> }).addCourses(['CS1'])
  f.invalidated.length = 0
  f.modelWide.length = 0
  return { ada, bob, cs1, cs2, adaId, bobId }
}

describe.each(databases)('sequelize on %s: shapes', (database) => {
  const fixture = useFixture(database, defineShapes)

  it('links through an explicit through model with custom keys invalidate both sides by the models’ keys', async () => {
    const f = fixture()
    const { Reader } = f.models
    const ada = await Reader.create({ name: 'ada' })
    const id = get<number>(ada, 'readerId')
    f.invalidated.length = 0

    await (ada as unknown as { addCourses(ids: string[], o: object): Promise<void> })
      .addCourses(['CS9'], {
        through: { grade: 'B' },
      })
      .catch(() => undefined) // CS9 does not exist: the FK rejects the insert, nothing is invalidated
    expect(f.invalidated).toEqual([])

    await f.models.Course.create({ code: 'CS9' })
    f.invalidated.length = 0
    await (ada as unknown as { addCourses(ids: string[], o: object): Promise<void> }).addCourses(['CS9'], {
      through: { grade: 'B' },
    })

    expect(f.invalidated).toEqual(
      expect.arrayContaining([
        `Reader:${id}:courses`,
        'Course:CS9:students',
        'Reader.courses',
        'Course.students',
        'Enrollment',
        `Enrollment:${id},CS9`,
      ]),
    )
    expect(f.modelWide).toEqual([])
  })

  it('changing a through column of an existing link invalidates exactly that link', async () => {
    const f = fixture()
    const { ada, adaId } = await enrolled(f)

    await (ada as unknown as { addCourses(ids: string[], o: object): Promise<void> }).addCourses(['CS1'], {
      through: { grade: 'C' },
    })

    expect(f.invalidated).toEqual(expect.arrayContaining([`Reader:${adaId}:courses`, 'Course:CS1:students']))
    expect(f.invalidated).not.toContain('Course:CS2:students')
    expect(f.modelWide).toEqual([])
  })

  it('deleting a course invalidates the course lists of its readers (links cascade away without a hook)', async () => {
    const f = fixture()
    const { cs1, adaId, bobId } = await enrolled(f)

    await cs1.destroy()

    expect(f.invalidated).toEqual(
      expect.arrayContaining(['Course:CS1', `Reader:${adaId}:courses`, `Reader:${bobId}:courses`]),
    )
    expect(f.modelWide).toEqual([])
  })

  it('links hidden by the through model’s default scope are still found before a delete', async () => {
    const f = fixture()
    const { Enrollment } = f.models
    const { cs2, adaId } = await enrolled(f)
    await Enrollment.unscoped().update({ hidden: true }, { where: { course: 'CS2' } })
    f.invalidated.length = 0

    await cs2.destroy()

    expect(f.invalidated).toContain(`Reader:${adaId}:courses`)
  })

  it('soft-deleting and restoring a paranoid reader invalidate its courses’ student lists (the links stay)', async () => {
    const f = fixture()
    const { Enrollment } = f.models
    const { ada, adaId } = await enrolled(f)

    await ada.destroy()

    expect(f.invalidated).toEqual(
      expect.arrayContaining([`Reader:${adaId}`, 'Course:CS1:students', 'Course:CS2:students']),
    )
    expect(await Enrollment.unscoped().count({ where: { student: adaId } })).toBe(2)
    f.invalidated.length = 0

    await ada.restore()

    expect(f.invalidated).toEqual(
      expect.arrayContaining([`Reader:${adaId}`, 'Course:CS1:students', 'Course:CS2:students']),
    )
    expect(f.modelWide).toEqual([])
  })

  it('a bulk restore by criteria goes model-wide, for the readers and both sides of their relation', async () => {
    const f = fixture()
    const { Reader } = f.models
    const { ada } = await enrolled(f)
    await ada.destroy()
    f.modelWide.length = 0

    await Reader.restore({ where: { name: 'ada' } })

    expect(new Set(f.modelWide)).toEqual(new Set(['Reader', 'Course']))
  })

  it('an update scoped by the default scope and pinned by the non-id key is precise', async () => {
    const f = fixture()
    const { Reader } = f.models
    const { adaId, bobId } = await enrolled(f)

    await Reader.update({ name: 'ada lovelace' }, { where: { readerId: adaId } })

    expect([...f.invalidated].sort()).toEqual(['Reader', `Reader:${adaId}`])
    expect(f.invalidated).not.toContain(`Reader:${bobId}`)
    expect(f.modelWide).toEqual([])
  })

  it('an update through a named scope by other criteria goes model-wide', async () => {
    const f = fixture()
    const { Reader } = f.models
    await enrolled(f)

    await Reader.scope('inactive').update({ name: 'x' }, { where: { name: 'nobody' } })

    expect(f.modelWide).toEqual(['Reader'])
  })

  it('a delete by primary keys looks the links up and stays precise; by other criteria it goes model-wide', async () => {
    const f = fixture()
    const { Course } = f.models
    const { adaId, bobId } = await enrolled(f)

    await Course.destroy({ where: { code: ['CS1'] } })

    expect(f.invalidated).toEqual(
      expect.arrayContaining(['Course:CS1', `Reader:${adaId}:courses`, `Reader:${bobId}:courses`]),
    )
    expect(f.modelWide).toEqual([])

    await Course.destroy({ where: { title: 'Data' } })

    expect(new Set(f.modelWide)).toEqual(new Set(['Course', 'Reader']))
  })

  it('Model.truncate() invalidates the model and its many-to-many partners model-wide', async () => {
    const f = fixture()
    await enrolled(f)
    await f.models.Enrollment.destroy({ truncate: true })
    f.modelWide.length = 0

    await f.models.Course.truncate({ cascade: database === 'postgres' })

    expect(new Set(f.modelWide)).toEqual(new Set(['Course', 'Reader']))
  })

  it('hasMany helpers update the children by primary key: only those notes are invalidated', async () => {
    const f = fixture()
    const { Note } = f.models
    const { ada } = await enrolled(f)
    const [n1, n2] = await Note.bulkCreate([{ body: 'one' }, { body: 'two' }])
    f.invalidated.length = 0

    await (ada as unknown as { addNotes(ids: number[]): Promise<void> }).addNotes([get<number>(n1!, 'id')])

    expect([...f.invalidated].sort()).toEqual(['Note', `Note:${get<number>(n1!, 'id')}`])
    expect(f.invalidated).not.toContain(`Note:${get<number>(n2!, 'id')}`)
  })

  it('bulkCreate invalidates each new row (a cached "not found" of its id does not survive)', async () => {
    const f = fixture()
    const { Note } = f.models
    const note = f.counted(
      (id: number) => `Note:${id}>body`,
      (id) => [`Note:${id}`],
      async (id) =>
        get<string | undefined>((await Note.findByPk(id)) ?? { get: () => undefined }, 'body') ?? null,
    )
    expect(await note(1)).toBeNull()

    await Note.bulkCreate([{ body: 'one' }, { body: 'two' }])

    expect(await note(1)).toBe('one')
  })

  it('bulkCreate mixing given and generated keys: a cached "not found" of a generated id does not survive', async () => {
    const f = fixture()
    const { Note } = f.models
    const note = f.counted(
      (id: number) => `Note:${id}>body`,
      (id) => [`Note:${id}`],
      async (id) => ((await Note.findByPk(id))?.get('body') as string | undefined) ?? null,
    )
    await Note.bulkCreate([{ body: 'one' }, { body: 'two' }])
    expect(await note(3)).toBeNull()

    // SQLite numbers the generated rows back from the last inserted id: it reports 999 for the row
    // inserted as 3. The adapter goes model-wide there; PostgreSQL's RETURNING ids stay precise.
    await Note.bulkCreate([{ body: 'generated' }, { id: 1000, body: 'given' }])

    expect(await note(3)).toBe('generated')
    expect(f.modelWide).toEqual(database === 'sqlite' ? ['Note'] : [])
  })

  it('upsert by primary key is precise; on a model with another unique column it goes model-wide', async () => {
    const f = fixture()
    const { Note, Tag } = f.models
    await Note.bulkCreate([{ body: 'one' }, { body: 'two' }])
    f.invalidated.length = 0

    await Note.upsert({ id: 1, body: 'uno' })

    expect([...f.invalidated].sort()).toEqual(['Note', 'Note:1'])
    expect(f.modelWide).toEqual([])

    await Tag.upsert({ slug: 'sql', uses: 1 })

    expect(f.modelWide).toEqual(['Tag'])
  })

  it('bulkCreate with updateOnDuplicate: precise with given keys, model-wide when another unique column may match', async () => {
    const f = fixture()
    const { Note, Tag } = f.models
    await Note.bulkCreate([{ body: 'one' }, { body: 'two' }])
    await Tag.bulkCreate([{ slug: 'sql' }])
    f.invalidated.length = 0
    f.modelWide.length = 0

    await Note.bulkCreate(
      [
        { id: 2, body: 'dos' },
        { id: 7, body: 'siete' },
      ],
      { updateOnDuplicate: ['body'] },
    )

    expect(f.invalidated).toEqual(expect.arrayContaining(['Note:2', 'Note:7', 'Note']))
    expect(f.modelWide).toEqual([])

    await Tag.bulkCreate([{ slug: 'sql', uses: 5 }], { updateOnDuplicate: ['uses'] })

    expect(f.modelWide).toEqual(['Tag'])
  })

  it('a cacheKey getter on another column: changing that column invalidates the old and the new key', async () => {
    const f = fixture()
    const { Page } = f.models
    const page = await Page.create({ slug: 'intro' })
    f.invalidated.length = 0

    await page.update({ slug: 'introduction' })

    expect(f.invalidated).toEqual(expect.arrayContaining(['Page:introduction', 'Page:intro', 'Page']))
  })

  it('increment() and hooks: false run no hook: invisible, repaired by cm.invalidateModel', async () => {
    const f = fixture()
    const { Tag } = f.models
    const tag = await Tag.create({ slug: 'sql', uses: 0 })
    const uses = f.counted(
      (id: number) => `Tag:${id}>uses`,
      (id) => [`Tag:${id}`],
      async (id) => get<number>((await Tag.findByPk(id))!, 'uses'),
    )
    const id = get<number>(tag, 'id')
    expect(await uses(id)).toBe(0)

    await tag.increment('uses')
    await Tag.update({ uses: 10 }, { where: { id }, hooks: false })

    expect(await uses(id)).toBe(0) // stale: no hook saw either write
    await f.cm.invalidateModel('Tag')
    expect(await uses(id)).toBe(10)
  })
})
