/** The adapter contract as core implements it: attach/detach, declared models, never-rejecting delivery. */
import { describe, expect, it } from 'vitest'
import { ChangeSet, entityKeys, junctionKeys, relationKeys } from '../../src/adapter/index.js'
import { type AdapterContext, CachemeError, type CachemeEvents } from '../../src/index.js'
import { makeCacheme } from '../support/fixtures.js'

/** A minimal adapter: hands its context to the test and records detaching. */
function probeAdapter() {
  const state: { context?: AdapterContext; detached: number } = { detached: 0 }
  return {
    state,
    adapter: {
      name: 'probe',
      attach(context: AdapterContext) {
        state.context = context
        return async () => {
          state.detached += 1
        }
      },
    },
  }
}

describe('adapter contract', () => {
  it('attach hands over a context; detach runs once; close() detaches every adapter', async () => {
    const { cm } = makeCacheme('redis')
    const a = probeAdapter()
    const b = probeAdapter()
    const detachA = await cm.attach(a.adapter)
    await cm.attach(b.adapter)
    expect(a.state.context).toBeDefined()
    await detachA()
    await detachA()
    expect(a.state.detached).toBe(1)
    await cm.close()
    expect([a.state.detached, b.state.detached]).toEqual([1, 1])
  })

  it('a failing attach is E_ADAPTER with the cause', async () => {
    const { cm } = makeCacheme('memory')
    const error = await cm
      .attach({
        name: 'broken',
        attach() {
          throw new Error('no connection')
        },
      })
      .catch((e: unknown) => e)
    expect(CachemeError.is(error, 'E_ADAPTER')).toBe(true)
    expect((error as Error).message).toContain('"broken"')
  })

  it('context.invalidate never rejects: malformed keys are reported and skipped, the rest delivered', async () => {
    const { cm } = makeCacheme('redis')
    const errors: CachemeEvents['error'][] = []
    cm.on('error', (e) => errors.push(e))
    const probe = probeAdapter()
    await cm.attach(probe.adapter)
    let n = 0
    const fn = cm.cacheme({ key: () => 'Adapter:1', invalidKeys: () => 'User:1' })(async function adapted() {
      n += 1
      return n
    })
    await fn()
    await expect(
      probe.state.context!.invalidate(['#cm:bad', 'User:1'], { kind: 'probe:update' }),
    ).resolves.toBeUndefined()
    expect(await fn()).toBe(2)
    expect(errors.map((e) => (e.error as CachemeError).code)).toEqual(['E_INVALID_KEY'])
  })

  it('context.background: the ORM call does not wait, but cached reads in this process do', async () => {
    const { cm } = makeCacheme('redis')
    const probe = probeAdapter()
    await cm.attach(probe.adapter)
    let version = 1
    const fn = cm.cacheme({ key: () => 'Background:1', invalidKeys: () => 'User:1' })(async function bg() {
      return version
    })
    await fn()
    version = 2
    // A delivery that takes a while (as a Redis round trip does), handed over without being awaited.
    let deliver!: () => void
    const delivered = new Promise<void>((resolve) => {
      deliver = resolve
    })
    probe.state.context!.background(
      delivered.then(() => probe.state.context!.invalidate(['User:1'], { kind: 'probe:update' })),
    )
    const read = fn()
    let settled = false
    void read.then(() => {
      settled = true
    })
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(settled).toBe(false) // waiting for the background delivery
    deliver()
    expect(await read).toBe(2)
  })

  it('ChangeSet.deliver with delivery: background resolves at once and hands the work to the context', async () => {
    const calls: string[] = []
    const context = {
      logger: { debug() {}, info() {}, warn() {}, error() {} },
      invalidate: async (keys: readonly string[]) => {
        await new Promise((resolve) => setTimeout(resolve, 20))
        calls.push(...keys)
      },
      invalidateModel: async () => {},
      declaredModels: () => ({ models: new Set<string>(), m2mModels: new Set<string>() }),
      background: (p: Promise<void>) => {
        calls.push('background')
        void p
      },
    }
    const set = new ChangeSet()
    set.addKeys(['Book:1'], 'update')
    await set.deliver(context, 'probe', { delivery: 'background' })
    expect(calls).toEqual(['background']) // resolved before the (20 ms) invalidation ran
    calls.length = 0
    await set.deliver(context, 'probe')
    expect(calls[calls.length - 1]).toBe('Book:1') // awaited: resolved only after it ran
    expect(calls).not.toContain('background')
  })

  it('context.invalidateModel removes every key of the model and the model-level key', async () => {
    const { cm } = makeCacheme('redis')
    const probe = probeAdapter()
    await cm.attach(probe.adapter)
    const counts = { list: 0, one: 0, users: 0 }
    const list = cm.cacheme({ key: () => 'Books:all', invalidKeys: () => 'Book' })(async function list() {
      return ++counts.list
    })
    const one = cm.cacheme({ key: () => 'Book:3>title', invalidKeys: () => 'Book:3' })(async function one() {
      return ++counts.one
    })
    const users = cm.cacheme({ key: () => 'Book:3>users', invalidKeys: () => 'Book:3:users' })(
      async function users() {
        return ++counts.users
      },
    )
    const other = cm.cacheme({ key: () => 'User:3', invalidKeys: () => 'User:3' })(async function other() {
      return 1
    })
    await Promise.all([list(), one(), users(), other()])
    await probe.state.context!.invalidateModel('Book', { kind: 'probe:bulk' })
    await Promise.all([list(), one(), users()])
    expect(counts).toEqual({ list: 2, one: 2, users: 2 })
    expect(await cm.tags.get('other')!.keys()).toHaveLength(1)
  })

  it('declaredModels lists the invalidModels and invalidM2mModels of decorated functions', async () => {
    const { cm } = makeCacheme('memory')
    const probe = probeAdapter()
    await cm.attach(probe.adapter)
    class Book {}
    cm.cacheme({ key: () => 'x', invalidModels: [Book, 'User'], invalidM2mModels: ['BookUsers'] })(
      async function declared() {},
    )
    const declared = probe.state.context!.declaredModels()
    expect([...declared.models].sort()).toEqual(['Book', 'User'])
    expect([...declared.m2mModels]).toEqual(['BookUsers'])
  })
})

describe('shared adapter policy', () => {
  it('entityKeys: option, then the entity cacheKey getter (string or list), then Name:pk — plus the model key', () => {
    expect(entityKeys({}, 'Book', { id: 1 }, 1)).toEqual(['Book', 'Book:1'])
    expect(entityKeys({}, 'Book', { cacheKey: ['B:1', 'Shelf:2'] }, 1)).toEqual(['Book', 'B:1', 'Shelf:2'])
    expect(
      entityKeys({ cacheKey: (name, e) => `${name}#${(e as { id: number }).id}` }, 'Book', { id: 4 }, 4),
    ).toEqual(['Book', 'Book#4'])
    expect(entityKeys({}, 'Pair', {}, { a: 1, b: 2 })).toEqual(['Pair', 'Pair:1,2'])
  })

  it("junctionKeys: the seed's m2m_cache_keys semantics and the defaults, then the relation's own keys", () => {
    const change = {
      relation: 'Book.users',
      owner: { entity: 'Book', id: 7, property: 'users' },
      inverse: { entity: 'User', id: 3, property: 'books' },
    }
    expect(junctionKeys({}, change)).toEqual(['Book:7:users', 'User:3:books', 'Book.users', 'User.books'])
    const m2m = {
      'Book.users': {
        Book: (ids: readonly unknown[]) => ids.map((id) => `User:${id}:books`),
        User: (ids: readonly unknown[]) => ids.map((id) => `Book:${id}:users`),
      },
    }
    expect(junctionKeys({ m2m }, change)).toEqual([
      'User:3:books',
      'Book:7:users',
      'Book.users',
      'User.books',
    ])
  })

  it('relationKeys: the owning relation, the inverse relation when declared, the junction model', () => {
    const book = { entity: 'Book', property: 'users' }
    expect(relationKeys({ relation: 'Book.users', owner: book, inverse: { entity: 'User' } })).toEqual([
      'Book.users',
    ])
    expect(
      relationKeys({
        relation: 'Book.users',
        owner: book,
        inverse: { entity: 'User', property: 'books' },
        junction: 'BookUsers',
      }),
    ).toEqual(['Book.users', 'User.books', 'BookUsers'])
    // Without an inverse property the default inverse key uses the owning relation's name.
    const oneSided = {
      relation: 'Book.users',
      owner: { entity: 'Book', id: 1 },
      inverse: { entity: 'User', id: 2 },
      junction: 'book_users_user',
    }
    expect(junctionKeys({}, oneSided)).toEqual([
      'Book:1:users',
      'User:2:users',
      'Book.users',
      'book_users_user',
    ])
  })

  it('ChangeSet.merge unions keys, models and causes', () => {
    const a = new ChangeSet()
    a.addKeys(['A'], 'update')
    const b = new ChangeSet()
    b.addModel('Book', 'bulk')
    b.addKeys(['A', 'B'], 'm2m')
    a.merge(b)
    expect([...a.keys]).toEqual(['A', 'B'])
    expect([...a.models]).toEqual(['Book'])
    expect([...a.causes]).toEqual(['update', 'bulk', 'm2m'])
    expect(new ChangeSet().empty).toBe(true)
  })
})
