/**
 * `delivery: 'background'`: the committing TypeORM call does not wait for the Redis round trip, reads in
 * this process still see the write; a rollback still delivers nothing.
 */
import { describe, expect, it } from 'vitest'
import { typeormAdapter } from '../src/index.js'
import { User } from './support/entities.js'
import { databases, type Fixture, useFixture } from './support/fixture.js'

describe('typeormAdapter option delivery', () => {
  it("rejects values other than 'await' and 'background'", () => {
    const ds = { isInitialized: true } as never
    expect(() => typeormAdapter(ds, { delivery: 'later' as never })).toThrow(
      /'await' \(default\) or 'background'/,
    )
  })
})

/** A user's name, cached under `User:<id>>name` and invalidated by `User:<id>`. */
function nameProbe(f: Fixture) {
  return f.counted(
    'name',
    (id: number) => `User:${id}>name`,
    (id) => [`User:${id}`],
    async (id) => (await f.ds.manager.findOneBy(User, { id }))?.name ?? null,
  )
}

describe.each(databases)('typeorm on %s: delivery background', (database) => {
  const fixture = useFixture(database)

  it('save() resolves without waiting; a cached read in this process right after is fresh', async () => {
    const f = fixture()
    await f.reattach({ delivery: 'background' })
    const name = nameProbe(f)
    const ada = await f.ds.manager.save(User, { name: 'ada' })
    await name(ada.id)
    await f.ds.getRepository(User).save({ id: ada.id, name: 'ada lovelace' })
    expect(await name(ada.id)).toBe('ada lovelace')
    expect(name.computed).toBe(2)
  })

  const rollback =
    database === 'postgres'
      ? 'a transaction that rolls back delivers nothing, in background mode too'
      : 'a transaction that rolls back leaves the committed value, in background mode too'
  it(rollback, async () => {
    const f = fixture()
    await f.reattach({ delivery: 'background' })
    const name = nameProbe(f)
    const ada = await f.ds.manager.save(User, { name: 'ada' })
    await name(ada.id)
    f.invalidated.length = 0
    await f.ds
      .transaction(async (manager) => {
        await manager.save(User, { id: ada.id, name: 'never' })
        throw new Error('rollback')
      })
      .catch(() => undefined)
    expect(await name(ada.id)).toBe('ada')
    if (database === 'postgres') {
      expect(name.computed).toBe(1)
      expect(f.invalidated).toEqual([])
    }
  })
})
