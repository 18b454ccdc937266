/** resolveAdapterOptions: the option check every adapter factory runs. */
import { describe, expect, it } from 'vitest'
import { CachemeError, resolveAdapterOptions } from '../../src/adapter/index.js'

function failure(options: unknown, own: readonly string[] = []): CachemeError {
  try {
    resolveAdapterOptions('fooAdapter', options as never, own)
  } catch (error) {
    if (CachemeError.is(error, 'E_INVALID_OPTION')) return error
    throw error
  }
  throw new Error('expected E_INVALID_OPTION')
}

describe('resolveAdapterOptions', () => {
  it("defaults delivery to 'await' and returns a frozen copy", () => {
    const cacheKey = () => 'k'
    const input = { cacheKey }
    const resolved = resolveAdapterOptions('fooAdapter', input)
    expect(resolved).toEqual({ cacheKey, delivery: 'await' })
    expect(Object.isFrozen(resolved)).toBe(true)
    expect(resolved).not.toBe(input)
    expect(resolveAdapterOptions('fooAdapter', undefined)).toEqual({ delivery: 'await' })
    expect(resolveAdapterOptions('fooAdapter', { delivery: 'background' }).delivery).toBe('background')
  })

  it('rejects a delivery other than await / background, quoting it', () => {
    expect(failure({ delivery: 'later' }).message).toBe(
      `fooAdapter option 'delivery' is "later" → use 'await' (default) or 'background'.`,
    )
  })

  it('rejects an unknown option name with the closest real one', () => {
    expect(failure({ delievry: 'background' }).message).toBe(
      `fooAdapter has no option "delievry" → did you mean 'delivery'? Its options: 'cacheKey', 'm2m', 'delivery'.`,
    )
    // An adapter's own options are accepted and offered too.
    expect(failure({ paranoidd: true }, ['paranoid']).message).toBe(
      `fooAdapter has no option "paranoidd" → did you mean 'paranoid'? Its options: 'cacheKey', 'm2m', 'delivery', 'paranoid'.`,
    )
    expect(() => resolveAdapterOptions('fooAdapter', { paranoid: true } as never, ['paranoid'])).not.toThrow()
  })

  it('rejects options that are not an object', () => {
    expect(failure('background').message).toBe(
      `fooAdapter options are "background" → pass an options object, or nothing.`,
    )
  })

  it('rejects a cacheKey that is not a function', () => {
    expect(failure({ cacheKey: 'id' }).message).toMatch(
      /^fooAdapter option 'cacheKey' is "id" → pass a function/,
    )
  })

  it('rejects m2m shapes that are not { relation: { entity: builder } }', () => {
    expect(failure({ m2m: [] }).message).toMatch(/^fooAdapter option 'm2m' is \[\] → pass builders keyed by/)
    expect(failure({ m2m: { users: {} } }).message).toMatch(
      /^fooAdapter option 'm2m' has the key "users" → key builders by the owning relation as '<Entity>\.<property>'/,
    )
    expect(failure({ m2m: { 'Book.users': () => [] } }).message).toMatch(
      /^fooAdapter option m2m\["Book\.users"\] is \[function .*\] → pass one builder per entity/,
    )
    expect(failure({ m2m: { 'Book.users': { Book: 'User:1' } } }).message).toBe(
      `fooAdapter option m2m["Book.users"].Book is "User:1" → pass a function (ids) => keys, which receives the ids of the other side.`,
    )
  })
})
