/** Attaching an adapter twice to one instance is refused: two subscribers would invalidate every change twice. */
import { describe, expect, it } from 'vitest'
import { type AdapterContext, CachemeError, createCacheme, MemoryStorage } from '../../src/index.js'
import { randomPrefix } from '../support/fixtures.js'

function adapterFor(source: object, name = 'probe') {
  const state = { attached: 0, detached: 0 }
  return {
    state,
    adapter: {
      name,
      source,
      attach(_context: AdapterContext) {
        state.attached += 1
        return async () => {
          state.detached += 1
        }
      },
    },
  }
}

const instance = () => createCacheme({ storage: new MemoryStorage(), prefix: randomPrefix() })

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  )
}

describe('attaching an adapter twice', () => {
  it('the same adapter object twice is E_ADAPTER, and the first stays attached', async () => {
    const cm = instance()
    const orm = {}
    const { adapter, state } = adapterFor(orm)
    await cm.attach(adapter)
    const error = await rejection(cm.attach(adapter))
    expect(CachemeError.is(error, 'E_ADAPTER')).toBe(true)
    expect((error as Error).message).toMatch(
      /already attached to this cacheme instance.*invalidated twice → /,
    )
    expect(state.attached).toBe(1)
    await cm.close()
    expect(state.detached).toBe(1)
  })

  it('a second adapter of the same kind for the same ORM object is E_ADAPTER', async () => {
    const cm = instance()
    const orm = {}
    await cm.attach(adapterFor(orm).adapter)
    const second = adapterFor(orm)
    const error = await rejection(cm.attach(second.adapter))
    expect(CachemeError.is(error, 'E_ADAPTER')).toBe(true)
    expect((error as Error).message).toContain('for the same ORM object')
    expect(second.state.attached).toBe(0)
  })

  it('two concurrent attach() calls for one ORM object: exactly one succeeds', async () => {
    const cm = instance()
    const orm = {}
    const results = await Promise.allSettled([
      cm.attach(adapterFor(orm).adapter),
      cm.attach(adapterFor(orm).adapter),
    ])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
  })

  it('after detach, the same ORM object can be attached again', async () => {
    const cm = instance()
    const orm = {}
    const detach = await cm.attach(adapterFor(orm).adapter)
    await detach()
    const again = adapterFor(orm)
    await cm.attach(again.adapter)
    expect(again.state.attached).toBe(1)
  })

  it('a failed attach does not block a later one', async () => {
    const cm = instance()
    const orm = {}
    const broken = {
      name: 'probe',
      source: orm,
      attach() {
        throw new Error('not ready')
      },
    }
    expect(CachemeError.is(await rejection(cm.attach(broken)), 'E_ADAPTER')).toBe(true)
    await cm.attach(adapterFor(orm).adapter)
  })

  it('other ORM objects, other adapter kinds and other instances are independent', async () => {
    const cm = instance()
    const orm = {}
    await cm.attach(adapterFor(orm).adapter)
    await cm.attach(adapterFor({}).adapter)
    await cm.attach(adapterFor(orm, 'other-kind').adapter)
    await instance().attach(adapterFor(orm).adapter)
  })
})
