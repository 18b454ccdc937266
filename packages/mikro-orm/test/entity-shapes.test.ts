/**
 * Entity shapes beyond the suite: composite primary keys (`Pair:<a>,<b>`), single-table inheritance
 * (a child's change also invalidates its root's keys, never a sibling's), embeddables, one-to-many
 * children removed by `Cascade.REMOVE` and by orphan removal, and key functions that throw.
 */
import { ref } from '@mikro-orm/core'
import { describe, expect, it } from 'vitest'
import { databases } from './support/database.js'
import { Address, Cat, Dog, Pair, Place, Shelf, Slot } from './support/extra-entities.js'
import { useFixture } from './support/fixture.js'

describe.each(databases)('mikro-orm on %s: entity shapes', (database) => {
  const fixture = useFixture(database)

  it('a composite primary key gives the key <Entity>:<a>,<b>, on insert, update and delete', async () => {
    const f = fixture()
    const em = f.orm.em.fork()
    const pair = em.create(Pair, { a: 7, b: 'x', value: 'v1' })
    await em.flush()
    expect(f.invalidated).toContain('Pair:7,x')

    f.invalidated.length = 0
    pair.value = 'v2'
    await em.flush()
    expect(f.invalidated).toEqual(['Pair', 'Pair:7,x'])

    f.invalidated.length = 0
    await em.remove(pair).flush()
    expect(f.invalidated).toEqual(['Pair', 'Pair:7,x'])
  })

  it("a single-table-inheritance child's change invalidates its own and its root's keys, not a sibling's", async () => {
    const f = fixture()
    const em = f.orm.em.fork()
    const dog = em.create(Dog, { name: 'rex', barks: true })
    const cat = em.create(Cat, { name: 'tom', lives: 9 })
    await em.flush()
    f.invalidated.length = 0

    dog.name = 'rex 2'
    await em.flush()

    expect(new Set(f.invalidated)).toEqual(new Set(['Dog', `Dog:${dog.id}`, 'Animal', `Animal:${dog.id}`]))
    expect(f.invalidated).not.toContain('Cat')
    expect(f.invalidated).not.toContain(`Cat:${cat.id}`)
  })

  it('changing a field of an embeddable invalidates its owner', async () => {
    const f = fixture()
    const em = f.orm.em.fork()
    const place = em.create(Place, { address: new Address('Oslo', 'Main St') })
    await em.flush()
    f.invalidated.length = 0

    const other = f.orm.em.fork()
    const again = await other.findOneOrFail(Place, place.id)
    again.address.city = 'Bergen'
    await other.flush()
    expect(f.invalidated).toEqual(['Place', `Place:${place.id}`])
  })

  it('Cascade.REMOVE removes the children with their parent: every child key is invalidated', async () => {
    const f = fixture()
    const em = f.orm.em.fork()
    const shelf = em.create(Shelf, { name: 'top' })
    const slots = ['a', 'b'].map((label) => em.create(Slot, { label, shelf: ref(shelf) }))
    await em.flush()
    f.invalidated.length = 0

    const again = f.orm.em.fork()
    await again.remove(await again.findOneOrFail(Shelf, shelf.id, { populate: ['slots'] })).flush()

    expect(f.invalidated).toEqual(
      expect.arrayContaining([`Shelf:${shelf.id}`, `Slot:${slots[0]!.id}`, `Slot:${slots[1]!.id}`]),
    )
  })

  it('orphan removal deletes a child taken off its parent: its key is invalidated', async () => {
    const f = fixture()
    const em = f.orm.em.fork()
    const shelf = em.create(Shelf, { name: 'top' })
    const slot = em.create(Slot, { label: 'a', shelf: ref(shelf) })
    const kept = em.create(Slot, { label: 'b', shelf: ref(shelf) })
    await em.flush()
    f.invalidated.length = 0

    const again = f.orm.em.fork()
    const loaded = await again.findOneOrFail(Shelf, shelf.id, { populate: ['slots'] })
    loaded.slots.remove((s) => s.id === slot.id)
    await again.flush()

    expect(f.invalidated).toContain(`Slot:${slot.id}`)
    expect(f.invalidated).not.toContain(`Slot:${kept.id}`)
    expect(await f.orm.em.fork().findOne(Slot, slot.id)).toBeNull()
  })

  it('a many-to-one moved through a Reference invalidates the child', async () => {
    const f = fixture()
    const em = f.orm.em.fork()
    const [a, b] = ['a', 'b'].map((name) => em.create(Shelf, { name }))
    const slot = em.create(Slot, { label: 'x', shelf: ref(a!) })
    await em.flush()
    f.invalidated.length = 0

    slot.shelf = ref(b!)
    await em.flush()
    expect(f.invalidated).toContain(`Slot:${slot.id}`)
  })

  it('a cacheKey option that throws is logged and falls back to every key of the model', async () => {
    const f = fixture()
    await f.reattach({
      cacheKey: (name) => {
        if (name === 'Pair') throw new Error('boom')
        return undefined
      },
    })
    const em = f.orm.em.fork()
    const pair = em.create(Pair, { a: 1, b: 'y', value: 'v' })
    await em.flush()
    f.invalidated.length = 0
    pair.value = 'w'
    await em.flush()

    expect(f.invalidated).toContain('Pair')
    expect(f.logger.error).toHaveBeenCalledWith(
      expect.objectContaining({ entity: 'Pair' }),
      expect.stringContaining('could not compute the cache key of a Pair entity'),
    )
  })
})
