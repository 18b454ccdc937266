/**
 * Which invalid keys an entity change produces: the entity's own `cacheKey` getter (the seed's model
 * property, here a list), or the adapter's `cacheKey` option, which takes precedence — on update and on
 * delete alike (an ORM that clears the id of a deleted entity must still produce the right key).
 */
import type { Concern, TestEnv } from './context.js'
import type { Id } from './harness.js'

export function keysTests({ env, it, expect }: Concern): void {
  it("the entity's cacheKey getter decides its keys: updating a user invalidates User:<id> and Person:<id>", async () => {
    const t = env()
    await t.attach()
    const { user } = t.probes
    const person = personProbe(t)
    const ada = await t.harness.createUser('ada')
    await user(ada.id)
    await person(ada.id)

    await t.harness.updateUser(ada.id, { name: 'ada lovelace' })

    expect(await person(ada.id)).toMatchObject({ name: 'ada lovelace' })
    expect(await user(ada.id)).toMatchObject({ name: 'ada lovelace' })
    expect(person.computed).toBe(2)
    expect(user.computed).toBe(2)
  })

  it('the cacheKey getter is also used when the entity is deleted', async () => {
    const t = env()
    await t.attach()
    const person = personProbe(t)
    const ada = await t.harness.createUser('ada')
    expect(await person(ada.id)).toMatchObject({ name: 'ada' })

    await t.harness.removeUser(ada.id)

    expect(await person(ada.id)).toBeNull()
    expect(person.computed).toBe(2)
  })

  it('the cacheKey option replaces the default key, on update and on delete', async () => {
    const t = env()
    await t.attach({
      cacheKey: (entityName, entity) =>
        entityName === 'Book' ? `Livre:${String((entity as { id?: unknown }).id)}` : undefined,
    })
    const livre = t.probe('livre', {
      key: (id: Id) => `Livre:${id}>detail`,
      invalidKeys: (id) => [`Livre:${id}`],
      compute: (id) => t.harness.readBook(id),
    })
    const { book } = t.probes
    const b = await t.harness.createBook({ title: 'Dune' })
    await livre(b.id)
    await book(b.id)

    await t.harness.updateBook(b.id, { title: 'Dune Messiah' })

    expect(await livre(b.id)).toMatchObject({ title: 'Dune Messiah' })
    expect(livre.computed).toBe(2)
    // `Book:<id>` is no longer this entity's key: its value stays cached (stale, by the user's choice).
    expect(await book(b.id)).toMatchObject({ title: 'Dune' })
    expect(book.computed).toBe(1)

    await t.harness.removeBook(b.id)

    expect(await livre(b.id)).toBeNull()
    expect(livre.computed).toBe(3)
  })

  it('the cacheKey option takes precedence over the entity getter', async () => {
    const t = env()
    await t.attach({
      cacheKey: (entityName, entity) =>
        entityName === 'User' ? `Member:${String((entity as { id?: unknown }).id)}` : undefined,
    })
    const person = personProbe(t)
    const member = t.probe('member', {
      key: (id: Id) => `Member:${id}>detail`,
      invalidKeys: (id) => [`Member:${id}`],
      compute: (id) => t.harness.readUser(id),
    })
    const ada = await t.harness.createUser('ada')
    await person(ada.id)
    await member(ada.id)

    await t.harness.updateUser(ada.id, { name: 'ada lovelace' })

    expect(await member(ada.id)).toMatchObject({ name: 'ada lovelace' })
    expect(await person(ada.id)).toMatchObject({ name: 'ada' })
    expect(member.computed).toBe(2)
    expect(person.computed).toBe(1)
  })
}

/** A value depending on `Person:<id>`, a key only the User getter produces. */
function personProbe(t: TestEnv) {
  return t.probe('person', {
    key: (id: Id) => `Person:${id}>detail`,
    invalidKeys: (id) => [`Person:${id}`],
    compute: (id) => t.harness.readUser(id),
  })
}
