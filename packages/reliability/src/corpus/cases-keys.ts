/** Corpus cases: cache keys and invalid keys (see `case.ts` for the outcome labels). */
import { BOTH, type CaseContext, type CorpusCase } from './case.js'
import { callTwice, outcomeOf } from './outcomes.js'

const value = () => ({ n: 1 })

/** A case that caches one function whose `key` callback returns `key`. */
function keyCase(name: string, key: unknown, expected: string): CorpusCase {
  return {
    group: 'key',
    name,
    storages: BOTH,
    expected,
    run: (ctx) => callTwice(ctx, { key: () => key as string }, value),
  }
}

/** Two keys that must not share an entry: each is cached with its own value. */
function isolated(name: string, keys: readonly string[]): CorpusCase {
  return {
    group: 'key',
    name,
    storages: BOTH,
    expected: 'cached, isolated',
    async run(ctx: CaseContext) {
      const cm = ctx.make()
      const fns = keys.map((key, i) =>
        cm.cacheme<[], string>({ key: () => key, tag: `iso${i}` })(async () => `value of ${key}`),
      )
      for (const fn of fns) await fn()
      const served = await Promise.all(fns.map((fn) => fn()))
      const ok = served.every((v, i) => v === `value of ${keys[i]}`)
      return ok && ctx.errors.length === 0 ? 'cached, isolated' : `mixed up: ${JSON.stringify(served)}`
    },
  }
}

/** An `invalidKeys` callback returning `keys`. */
function invalidCase(name: string, keys: unknown, expected: string): CorpusCase {
  return {
    group: 'invalid key',
    name,
    storages: BOTH,
    expected,
    run: (ctx) => callTwice(ctx, { key: () => 'Item:1', invalidKeys: () => keys as string[] }, value),
  }
}

/** A cached value that every one of `keys` must invalidate. */
function invalidatedBy(name: string, keys: readonly string[]): CorpusCase {
  return {
    group: 'invalid key',
    name,
    storages: BOTH,
    expected: 'cached, invalidated by each key',
    async run(ctx) {
      const cm = ctx.make()
      let runs = 0
      const fn = cm.cacheme({
        key: () => 'Item:1',
        invalidKeys: () => [keys, null, [undefined]],
        tag: 'inv',
      })(async () => ++runs)
      for (const key of keys) {
        const before = runs
        await fn()
        await fn()
        if (runs !== before + 1) return `not cached (ran ${runs - before} times)`
        await cm.invalidate(key)
      }
      await fn()
      return runs === keys.length + 1
        ? 'cached, invalidated by each key'
        : `invalidation missed (${runs} runs)`
    },
  }
}

function invalidateCall(name: string, keys: unknown, expected: string): CorpusCase {
  return {
    group: 'invalid key',
    name,
    storages: BOTH,
    expected,
    run: (ctx) => outcomeOf(() => ctx.make().invalidate(keys as string)),
  }
}

export const KEY_CASES: readonly CorpusCase[] = [
  keyCase('empty key', '', 'throws E_INVALID_KEY'),
  keyCase('number key', 42, 'throws E_INVALID_KEY'),
  keyCase('undefined key', undefined, 'throws E_INVALID_KEY'),
  keyCase('object key', { id: 1 }, 'throws E_INVALID_KEY'),
  keyCase("two '>' (a>b>c)", 'a>b>c', 'throws E_INVALID_KEY'),
  keyCase("empty field ('Main>')", 'Main>', 'throws E_INVALID_KEY'),
  keyCase("empty main ('>field')", '>field', 'throws E_INVALID_KEY'),
  keyCase("trailing ':invalid'", 'User:1:invalid', 'throws E_INVALID_KEY'),
  keyCase("meta namespace '#cm:x'", '#cm:x', 'throws E_INVALID_KEY'),
  keyCase("meta key '#cm:{meta}:seq'", '#cm:{meta}:seq', 'throws E_INVALID_KEY'),
  keyCase('2 KiB key', `K:${'k'.repeat(2048)}`, 'cached'),
  keyCase('unicode key', '书:١٢٣:😀', 'cached'),
  keyCase('newline, CR, tab and NUL in the key', 'a\nb\r\nc\td\u0000e', 'cached'),
  keyCase('Cluster hash tag in the key', 'User:{42}:profile', 'cached'),
  {
    group: 'key',
    name: 'key callback throws',
    storages: BOTH,
    expected: 'throws E_INVALID_KEY',
    run: (ctx) =>
      callTwice(
        ctx,
        {
          key: () => {
            throw new Error('no key')
          },
        },
        value,
      ),
  },
  isolated("glob '*' vs a literal key", ['Book:*', 'Book:1', 'Book:']),
  isolated("glob '?' and '[]'", ['a?b', 'axb', '[ab]', 'a']),
  isolated('backslashes', ['back\\slash', 'back\\\\slash', 'backslash']),
  isolated('same hash, other fields', ['Book:1>owner', 'Book:1>title', 'Book:1']),
  invalidCase('empty invalid key', [''], 'returned, not cached, error E_INVALID_KEY'),
  invalidCase('number invalid key', [42], 'returned, not cached, error E_INVALID_KEY'),
  invalidCase(
    "invalid key in the meta namespace '#cm:x'",
    ['#cm:x'],
    'returned, not cached, error E_INVALID_KEY',
  ),
  invalidCase(
    'invalid keys nested 40 deep',
    JSON.parse(`${'['.repeat(40)}"User:1"${']'.repeat(40)}`),
    'returned, not cached, error E_INVALID_KEY',
  ),
  {
    group: 'invalid key',
    name: 'invalidKeys callback throws',
    storages: BOTH,
    expected: 'returned, not cached, error E_CALLBACK',
    run: (ctx) =>
      callTwice(
        ctx,
        {
          key: () => 'Item:1',
          invalidKeys: () => {
            throw new Error('no invalid keys')
          },
        },
        value,
      ),
  },
  invalidatedBy('invalid keys with glob characters, unicode, nested arrays', [
    'User:*',
    'User:[1]',
    '书:1',
    'a\nb',
  ]),
  invalidatedBy("invalid key that ends in ':invalid'", ['User:1:invalid']),
  invalidateCall('invalidate(empty key)', '', 'throws E_INVALID_KEY'),
  invalidateCall('invalidate(number)', 42, 'throws E_INVALID_KEY'),
  invalidateCall("invalidate('#cm:x')", '#cm:x', 'throws E_INVALID_KEY'),
  invalidateCall('invalidate([valid, empty])', ['User:1', ''], 'throws E_INVALID_KEY'),
  invalidateCall('invalidate(a key nobody registered)', 'Nobody:1', 'resolved'),
]
