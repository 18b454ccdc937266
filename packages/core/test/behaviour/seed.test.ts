/**
 * The original django-cacheme test suite, restated (its scenarios, as the project ports them), on real Redis and on
 * MemoryStorage (the embedded default must behave the same).
 */
import { describe, expect, it } from 'vitest'
import { type Container, createCacheme, MemoryStorage } from '../../src/index.js'
import { makeCacheme, sleep, storageKinds } from '../support/fixtures.js'

describe.each(storageKinds)('seed scenarios on %s storage', (kind) => {
  it('simple: serves the first value until the invalid key is invalidated; other keys do not invalidate it', async () => {
    const { cm } = makeCacheme(kind)
    let computed = 0
    const fn = cm.cacheme<[user: { id: number }, input: string], string>({
      key: () => 'Test:123',
      invalidKeys: (c) => [`User:${c.args[0].id}`],
    })(async function simple(_user: { id: number }, input: string) {
      computed += 1
      return input
    })
    const u1 = { id: 1 }
    expect(await fn(u1, 'first')).toBe('first')
    expect(await fn(u1, 'changed')).toBe('first')
    expect(computed).toBe(1)
    await cm.invalidate('User:2')
    expect(await fn(u1, 'changed')).toBe('first')
    expect(await cm.invalidate('User:1')).toBe(1)
    expect(await fn(u1, 'changed')).toBe('changed')
    expect(computed).toBe(2)
  })

  it('arguments in the key: the key callback sees this, positional args, rest args and option values', async () => {
    const { cm, prefix } = makeCacheme(kind)
    class Service {
      pp = 5
      @cm.cacheme<[a: number, opts: { ff: number }, ...rest: number[]], number, Service>({
        key: (c) => String(c.self.pp + c.args[0] + (c.args[2] ?? 0) + c.args[1].ff),
      })
      async compute(a: number, opts: { ff: number }, ...rest: number[]): Promise<number> {
        return this.pp + a + (rest[0] ?? 0) + opts.ff
      }
    }
    const service = new Service()
    expect(await service.compute(5, { ff: 6 }, 4)).toBe(20)
    expect(await cm.tags.get('Service.compute')!.keys()).toEqual([`${prefix}20`])
  })

  it('hit/miss callbacks: first call misses once, second hits once, both with the full (prefixed) key', async () => {
    const { cm, prefix } = makeCacheme(kind)
    const calls = { hit: 0, miss: 0 }
    const hits: unknown[] = []
    const misses: string[] = []
    const fn = cm.cacheme<[], string>({
      key: () => 'HitMiss',
      hit: (key, result, c) => {
        calls.hit += 1
        hits.push([key, result, c.args])
      },
      miss: (key) => {
        calls.miss += 1
        misses.push(key)
      },
    })(async function hitMiss() {
      return 'value'
    })
    await fn()
    expect(calls).toEqual({ hit: 0, miss: 1 })
    await fn()
    expect(calls).toEqual({ hit: 1, miss: 1 })
    expect(hits).toEqual([[`${prefix}HitMiss`, 'value', []]])
    expect(misses).toEqual([`${prefix}HitMiss`])
  })

  it('tags: default, named and shared tags each list exactly their full keys; invalidateAll empties one', async () => {
    const { cm, prefix } = makeCacheme(kind)
    class Books {
      @cm.cacheme({ key: () => 'Tag:default' })
      async defaultTag(): Promise<number> {
        return 1
      }
      @cm.cacheme({ key: () => 'Tag:sec', tag: 'test_instance_sec' })
      async second(): Promise<number> {
        return 2
      }
      @cm.cacheme({ key: () => 'Tag:three', tag: 'three' })
      async third(): Promise<number> {
        return 3
      }
    }
    expect(cm.tags.list()).toEqual(['Books.defaultTag', 'test_instance_sec', 'three'])
    const books = new Books()
    await Promise.all([books.defaultTag(), books.second(), books.third()])
    expect(await cm.tags.get('Books.defaultTag')!.keys()).toEqual([`${prefix}Tag:default`])
    expect(await cm.tags.get('test_instance_sec')!.keys()).toEqual([`${prefix}Tag:sec`])
    expect(await cm.tags.get('three')!.keys()).toEqual([`${prefix}Tag:three`])
    expect(await cm.tags.get('three')!.invalidateAll()).toBe(1)
    expect(await cm.tags.get('three')!.keys()).toEqual([])
    expect(await cm.tags.get('test_instance_sec')!.keys()).toEqual([`${prefix}Tag:sec`])
  })

  it('tags: invalidateAll on an empty tag is a no-op (the seed errors)', async () => {
    const { cm } = makeCacheme(kind)
    cm.cacheme({ key: () => 'never', tag: 'empty' })(async function never() {})
    expect(await cm.tags.get('empty')!.invalidateAll()).toBe(0)
  })

  it('pattern invalidation: PATTERN* removes the matching keys only, confined to the prefix', async () => {
    const { cm } = makeCacheme(kind)
    const other = kind === 'memory' ? undefined : makeCacheme(kind)
    const make = (target: typeof cm, key: string) =>
      target.cacheme({ key: () => key, tag: `t-${key}` })(async function value() {
        return key
      })
    await make(cm, 'PATTERN:1')()
    await make(cm, 'PATTERN:2')()
    await make(cm, 'ANOTHER:3')()
    if (other) await make(other.cm, 'PATTERN:1')()
    const dry = await cm.invalidatePattern('PATTERN*', { dryRun: true })
    expect(dry.matched).toBe(2)
    expect(dry.deleted).toBe(0)
    const result = await cm.invalidatePattern('PATTERN*')
    expect(result).toMatchObject({ matched: 2, deleted: 2 })
    expect(await cm.tags.get('t-PATTERN:1')!.keys()).toEqual([])
    expect(await cm.tags.get('t-ANOTHER:3')!.keys()).toHaveLength(1)
    if (other) expect(await other.cm.tags.get('t-PATTERN:1')!.keys()).toHaveLength(1)
  })

  it('skip: true never caches; a skip callback decides on every call', async () => {
    const { cm } = makeCacheme(kind)
    let always = 0
    const skipped = cm.cacheme({ key: () => 'Skip:always', skip: true })(async function skipped() {
      always += 1
      return always
    })
    expect([await skipped(), await skipped()]).toEqual([1, 2])
    let sometimes = 0
    const maybe = cm.cacheme<[skip: boolean], number>({
      key: () => 'Skip:maybe',
      skip: (c: Container<[boolean]>) => c.args[0],
    })(async function maybe(_skip: boolean) {
      sometimes += 1
      return sometimes
    })
    expect(await maybe(true)).toBe(1)
    expect(await maybe(false)).toBe(2)
    expect(await maybe(false)).toBe(2)
    expect(await maybe(true)).toBe(3)
  })

  it('timeout: cached within the timeout, recomputed after it', async () => {
    const { cm } = makeCacheme(kind)
    let n = 0
    const fn = cm.cacheme({ key: () => 'Timeout:1', timeout: 0.4 })(async function timed() {
      n += 1
      return n
    })
    expect(await fn()).toBe(1)
    expect(await fn()).toBe(1)
    await sleep(550)
    expect(await fn()).toBe(2)
  })

  it('timeout with invalidation: invalidation gives a fresh value, and so does the TTL after it', async () => {
    const { cm } = makeCacheme(kind)
    let n = 0
    const fn = cm.cacheme({ key: () => 'Timeout:2', invalidKeys: () => 'User:1', timeout: 0.4 })(
      async function timed() {
        n += 1
        return n
      },
    )
    expect(await fn()).toBe(1)
    await cm.invalidate('User:1')
    expect(await fn()).toBe(2)
    expect(await fn()).toBe(2)
    await sleep(550)
    expect(await fn()).toBe(3)
  })

  it('invalid keys computed from the result are registered (on the first compute and on recomputes)', async () => {
    const { cm } = makeCacheme(kind)
    let n = 0
    const fn = cm.cacheme<[], { id: number }[]>({
      key: () => 'Books:all',
      invalidKeys: (c) => c.result.map((book) => `Book:${book.id}`),
    })(async function books() {
      n += 1
      return [{ id: 7 }, { id: 8 }]
    })
    await fn()
    await cm.invalidate('Book:8')
    await fn()
    expect(n).toBe(2)
    expect(await cm.invalidate('Book:7')).toBe(1)
    await fn()
    expect(n).toBe(3)
  })

  it('a decorated function works before the storage is configured (defaults: CM:, enabled, MemoryStorage)', async () => {
    const cm = createCacheme()
    expect(cm.config.prefix).toBe('CM:')
    expect(cm.config.enabled).toBe(true)
    expect(cm.config.storage).toBeInstanceOf(MemoryStorage)
    let n = 0
    const fn = cm.cacheme({ key: () => 'Defaults' })(async function defaults() {
      n += 1
      return n
    })
    expect(await fn()).toBe(1)
    expect(await fn()).toBe(1)
  })
})
