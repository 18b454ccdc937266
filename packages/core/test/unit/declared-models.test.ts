/**
 * DeclaredModels: names declared in decorators vs names the ORM knows (warned once, with the app's real
 * names closest first), and the `m2m` option's relation keys (an error at attach).
 */
import { describe, expect, it } from 'vitest'
import { CachemeError, DeclaredModels, type KnownModels } from '../../src/adapter/index.js'
import { recordingContext } from '../support/recording-context.js'

const shop: KnownModels = {
  entities: ['Book', 'User', 'Tag'],
  relations: [
    {
      relation: 'Book.users',
      owner: { entity: 'Book', property: 'users' },
      inverse: { entity: 'User', property: 'books' },
      junction: 'book_users_user',
    },
    { relation: 'Book.tags', owner: { entity: 'Book', property: 'tags' }, inverse: { entity: 'Tag' } },
  ],
}

describe('DeclaredModels warnings', () => {
  it('warns once per unknown name, with the closest real name first and a did-you-mean', () => {
    const rec = recordingContext()
    rec.declared.models.add('Book').add('Bok')
    rec.declared.m2mModels.add('Book.users').add('User.books').add('book_users_user').add('Book.readers')
    const models = new DeclaredModels(rec.context, 'probe', shop)
    models.check()
    rec.declared.models.add('User')
    models.check()

    expect(rec.warnings.map(([payload]) => payload.model)).toEqual(['Bok', 'Book.readers'])
    const [bok, readers] = rec.warnings
    expect(bok![1]).toBe(
      `cacheme/probe: 'invalidModels' lists "Bok", which the probe adapter does not know, so no change can invalidate it → did you mean 'Book'? Known models, closest first: 'Book', 'Tag', 'User'.`,
    )
    expect(bok![0]).toMatchObject({ option: 'invalidModels', suggestions: ['Book', 'Tag', 'User'] })
    expect(readers![1]).toContain("did you mean 'Book.users'?")
    expect(readers![0].suggestions).toEqual(['Book.users', 'Book.tags', 'book_users_user', 'User.books'])
  })

  it('suggests only names the app really has: no invented relation when it declares none', () => {
    const rec = recordingContext()
    rec.declared.m2mModels.add('Book.users')
    new DeclaredModels(rec.context, 'probe', { entities: ['Order'], relations: [] })

    expect(rec.warnings).toHaveLength(1)
    const [payload, message] = rec.warnings[0]!
    expect(payload).toMatchObject({ model: 'Book.users', option: 'invalidM2mModels' })
    expect(message).not.toContain('did you mean')
    expect(message).toMatch(/→ the app declares no many-to-many relation; remove it\.$/)
  })

  it("a relation listed in invalidModels is pointed to 'invalidM2mModels', not to a model", () => {
    const rec = recordingContext()
    rec.declared.models.add('Book.users')
    new DeclaredModels(rec.context, 'probe', shop)
    expect(rec.warnings).toHaveLength(1)
    expect(rec.warnings[0]![0]).toMatchObject({
      model: 'Book.users',
      option: 'invalidModels',
      suggestions: [],
    })
    expect(rec.warnings[0]![1]).toMatch(
      /→ it names a many-to-many relation: list it in 'invalidM2mModels' instead\.$/,
    )
  })

  it('a name far from every real one gets the list without a did-you-mean', () => {
    const rec = recordingContext()
    rec.declared.models.add('Invoice')
    new DeclaredModels(rec.context, 'probe', shop)
    expect(rec.warnings[0]![1]).toMatch(/it → Known models, closest first: /)
  })

  it('entity names are accepted in invalidM2mModels, and nothing is warned when all names are known', () => {
    const rec = recordingContext()
    rec.declared.models.add('Tag')
    rec.declared.m2mModels.add('Book').add('Book.tags')
    const models = new DeclaredModels(rec.context, 'probe', shop)
    models.check()
    expect(rec.warnings).toEqual([])
  })

  it('a name declared after the adapter was attached is checked at the next check()', () => {
    const rec = recordingContext()
    const models = new DeclaredModels(rec.context, 'probe', shop)
    expect(rec.warnings).toEqual([])
    rec.declared.models.add('Nope')
    models.check()
    expect(rec.warnings.map(([payload]) => payload.model)).toEqual(['Nope'])
  })
})

describe('DeclaredModels m2m option check', () => {
  const attach = (m2m: Record<string, Record<string, (ids: readonly unknown[]) => string[]>>) => () =>
    new DeclaredModels(recordingContext().context, 'probe', shop, { m2m })

  it('accepts builders of an owning relation keyed by its entities', () => {
    expect(attach({ 'Book.users': { Book: () => [], User: () => [] } })).not.toThrow()
  })

  it('an unknown relation is E_INVALID_OPTION with the closest real relation', () => {
    const error = catchError(attach({ 'Book.user': { Book: () => [] } }))
    expect(CachemeError.is(error, 'E_INVALID_OPTION')).toBe(true)
    expect(error.message).toBe(
      `probe adapter option 'm2m' has the key "Book.user", which is not the owning side of a many-to-many relation, so its builders would never run → did you mean 'Book.users'? Known relations (owning side), closest first: 'Book.users', 'Book.tags'.`,
    )
  })

  it('the inverse side of a relation points to the owning side', () => {
    expect(catchError(attach({ 'User.books': { User: () => [] } })).message).toMatch(
      /key its builders by the owning side, 'Book\.users'\.$/,
    )
  })

  it('a builder for an entity that is not a side of the relation is E_INVALID_OPTION', () => {
    const error = catchError(attach({ 'Book.users': { Usr: () => [] } }))
    expect(CachemeError.is(error, 'E_INVALID_OPTION')).toBe(true)
    expect(error.message).toBe(
      `probe adapter option m2m["Book.users"] has a builder for "Usr", which is not a side of that relation → key its builders by 'Book', 'User'.`,
    )
  })
})

function catchError(fn: () => unknown): Error {
  try {
    fn()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a throw')
}
