/** What gets cached and served: falsy values, type-faithful serialization, undecodable payloads, errors. */
import { describe, expect, it } from 'vitest'
import { CachemeError, type CachemeEvents, createCacheme } from '../../src/index.js'
import { makeCacheme, newRedis, randomPrefix, storageKinds } from '../support/fixtures.js'

describe.each(storageKinds)('values on %s storage', (kind) => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['0', 0],
    ['empty string', ''],
    ['false', false],
  ])('%s is cached and served as a hit', async (_name, value) => {
    const { cm } = makeCacheme(kind)
    let n = 0
    let hits = 0
    cm.on('hit', () => {
      hits += 1
    })
    const fn = cm.cacheme({ key: () => 'Falsy' })(async function falsy() {
      n += 1
      return value
    })
    expect(await fn()).toBe(value)
    expect(await fn()).toBe(value)
    expect(n).toBe(1)
    expect(hits).toBe(1)
  })

  it('Date, BigInt, Map, Set, Buffer, Uint8Array, undefined and nesting round-trip with their types', async () => {
    const { cm } = makeCacheme(kind)
    const value = {
      at: new Date('2024-01-02T03:04:05.678Z'),
      big: 2n ** 70n,
      map: new Map<string, unknown>([['a', { deep: new Set([1, 2]) }]]),
      buffer: Buffer.from('hello'),
      bytes: new Uint8Array([1, 2, 3]),
      missing: undefined,
      list: [undefined, null, -0],
    }
    const fn = cm.cacheme({ key: () => 'Types' })(async function types() {
      return value
    })
    await fn()
    const served = (await fn()) as typeof value
    expect(served).not.toBe(value)
    expect(served.at).toBeInstanceOf(Date)
    expect(served.at.getTime()).toBe(value.at.getTime())
    expect(served.big).toBe(2n ** 70n)
    expect(served.map.get('a')).toEqual({ deep: new Set([1, 2]) })
    expect(Buffer.isBuffer(served.buffer)).toBe(true)
    expect(served.buffer.toString()).toBe('hello')
    expect(served.bytes).toBeInstanceOf(Uint8Array)
    expect([...served.bytes]).toEqual([1, 2, 3])
    expect('missing' in served).toBe(true)
    expect(Object.is(served.list[2], -0)).toBe(true)
  })

  it('class instances (ORM entities) are cached as plain data', async () => {
    const { cm } = makeCacheme(kind)
    class Book {
      constructor(
        public id: number,
        public title: string,
      ) {}
      get label(): string {
        return `#${this.id}`
      }
    }
    const fn = cm.cacheme({ key: () => 'Entity' })(async function entity() {
      return new Book(1, 'Dune')
    })
    await fn()
    expect(await fn()).toEqual({ id: 1, title: 'Dune' })
  })

  it('a value that cannot be serialized is returned but not cached, and reported', async () => {
    const { cm } = makeCacheme(kind)
    const errors: CachemeEvents['error'][] = []
    cm.on('error', (e) => errors.push(e))
    let n = 0
    const fn = cm.cacheme({ key: () => 'Unserializable' })(async function unserializable() {
      n += 1
      return { fn: () => n }
    })
    expect(typeof ((await fn()) as { fn: unknown }).fn).toBe('function')
    await fn()
    expect(n).toBe(2)
    expect(CachemeError.is(errors[0]?.error, 'E_SERIALIZATION')).toBe(true)
  })

  it("the function's own error propagates and nothing is cached", async () => {
    const { cm } = makeCacheme(kind)
    let n = 0
    const fn = cm.cacheme({ key: () => 'Throws' })(async function throws() {
      n += 1
      if (n === 1) throw new Error('boom')
      return n
    })
    await expect(fn()).rejects.toThrow('boom')
    expect(await fn()).toBe(2)
    expect(await fn()).toBe(2)
  })

  it('throwing hit, miss and invalidKeys callbacks never lose the value; invalidKeys errors leave it uncached', async () => {
    const { cm } = makeCacheme(kind)
    const codes: string[] = []
    cm.on('error', (e) => codes.push(`${e.operation}:${(e.error as CachemeError).code}`))
    let n = 0
    const fn = cm.cacheme({
      key: () => 'Callbacks',
      hit: () => {
        throw new Error('hit')
      },
      miss: () => {
        throw new Error('miss')
      },
    })(async function callbacks() {
      n += 1
      return n
    })
    expect(await fn()).toBe(1)
    expect(await fn()).toBe(1)
    expect(codes).toEqual(['miss:E_CALLBACK', 'hit:E_CALLBACK'])
    const bad = cm.cacheme({ key: () => 'BadInvalid', invalidKeys: () => [42 as unknown as string] })(
      async function bad() {
        n += 1
        return n
      },
    )
    expect(await bad()).toBe(2)
    expect(await bad()).toBe(3)
    expect(codes.filter((c) => c.startsWith('invalidKeys:'))).toEqual([
      'invalidKeys:E_INVALID_KEY',
      'invalidKeys:E_INVALID_KEY',
    ])
  })

  it('invalidKeys accepts nested arrays, drops null and undefined', async () => {
    const { cm } = makeCacheme(kind)
    let n = 0
    const fn = cm.cacheme({ key: () => 'Nested', invalidKeys: () => ['A', [null, ['B', undefined]], 'A'] })(
      async function nested() {
        n += 1
        return n
      },
    )
    await fn()
    await cm.invalidate('B')
    expect(await fn()).toBe(2)
  })

  it('enabled: false runs the function every time, does no storage I/O and invalidation is a no-op', async () => {
    const { cm } = makeCacheme(kind, { enabled: false })
    let n = 0
    const fn = cm.cacheme({ key: () => 'Disabled', tag: 'disabled' })(async function disabled() {
      n += 1
      return n
    })
    expect([await fn(), await fn()]).toEqual([1, 2])
    expect(await cm.invalidate('X')).toBe(0)
    expect(await cm.tags.get('disabled')!.keys()).toEqual([])
    expect(await cm.invalidatePattern('*')).toEqual({
      matched: 0,
      deleted: 0,
      steps: 0,
      sample: [],
      cancelled: false,
      entriesRemoved: 0,
    })
  })
})

describe('payload decoding', () => {
  it.each([
    ['a foreign payload', 'not-a-cacheme-payload'],
    ['a cm2 payload with trailing garbage', 'cm2:["old"]garbage'],
    ['a cm2 payload whose Date tag points nowhere', 'cm2:["old",[["D",0,"at"]]]'],
  ])('%s is a miss and is overwritten', async (_name, payload) => {
    const redis = newRedis()
    const prefix = randomPrefix()
    const { RedisStorage } = await import('../../src/index.js')
    const cm = createCacheme({ storage: new RedisStorage(redis), prefix })
    const errors: string[] = []
    cm.on('error', (e) => errors.push((e.error as CachemeError).code))
    await redis.hset(`${prefix}Corrupt`, 'base', payload)
    let n = 0
    const fn = cm.cacheme({ key: () => 'Corrupt' })(async function corrupt() {
      n += 1
      return 'fresh'
    })
    expect(await fn()).toBe('fresh')
    expect(await fn()).toBe('fresh')
    expect(n).toBe(1)
    expect(errors).toEqual(['E_DESERIALIZATION'])
    expect(await redis.hget(`${prefix}Corrupt`, 'base')).toBe('cm2:["fresh"]')
  })

  it('a cm1 payload written by an earlier version is served as a hit, with its types', async () => {
    const redis = newRedis()
    const prefix = randomPrefix()
    const { RedisStorage, devalueSerializer } = await import('../../src/index.js')
    const cm = createCacheme({ storage: new RedisStorage(redis), prefix })
    const old = { at: new Date(0), ids: new Set([1]) }
    await redis.hset(`${prefix}Old`, 'base', devalueSerializer().serialize(old))
    let n = 0
    const fn = cm.cacheme({ key: () => 'Old' })(async function oldEntry() {
      n += 1
      return 'recomputed'
    })
    expect(await fn()).toEqual(old)
    expect(n).toBe(0)
  })
})
