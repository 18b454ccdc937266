/** Corpus cases: what a cached function returns (see `case.ts` for the outcome labels). */
import { BOTH, type CorpusCase } from './case.js'
import { callTwice, type TwiceOptions } from './outcomes.js'

function resultCase<R>(name: string, make: () => R, expected: string, twice?: TwiceOptions<R>): CorpusCase {
  return {
    group: 'result',
    name,
    storages: BOTH,
    expected,
    run: (ctx) => callTwice(ctx, { key: () => 'Result:1' }, make, twice),
  }
}

class Entity {
  id = 1
  name = 'Ada'
  greet(): string {
    return `hi ${this.name}`
  }
}

const circular = () => {
  const node: { name: string; self?: unknown; list: unknown[] } = { name: 'loop', list: [] }
  node.self = node
  node.list.push(node)
  return node
}

/** `[1, <hole>, 3]`, built without a sparse literal. */
const sparse = () => {
  const array: number[] = new Array(3)
  array[0] = 1
  array[2] = 3
  return array
}

const deepArray = (depth: number) => {
  const root: unknown[] = []
  let at = root
  for (let i = 0; i < depth; i += 1) {
    const next: unknown[] = []
    at.push(next)
    at = next
  }
  return root
}

export const VALUE_CASES: readonly CorpusCase[] = [
  resultCase('a function', () => () => 1, 'returned, not cached, error E_SERIALIZATION'),
  resultCase('a symbol', () => Symbol('s'), 'returned, not cached, error E_SERIALIZATION'),
  resultCase(
    'an object holding a function',
    () => ({ f: () => 1 }),
    'returned, not cached, error E_SERIALIZATION',
  ),
  resultCase('a class instance', () => new Entity(), 'cached', { cachedAs: (e) => ({ ...e }) }),
  resultCase(
    'an object with a throwing getter',
    () => ({
      get boom(): never {
        throw new Error('getter')
      },
    }),
    'returned, not cached, error E_SERIALIZATION',
  ),
  resultCase(
    'a class with a throwing toJSON',
    () =>
      new (class {
        toJSON(): never {
          throw new Error('toJSON')
        }
      })(),
    'returned, not cached, error E_SERIALIZATION',
  ),
  resultCase('an Error', () => new Error('boom'), 'cached', { cachedAs: () => ({}) }),
  resultCase('a circular object', circular, 'cached'),
  resultCase(
    'an array nested 20,000 deep',
    () => deepArray(20_000),
    'returned, not cached, error E_SERIALIZATION',
    {
      equals: () => false, // never served from the cache (and too deep for a recursive comparison)
    },
  ),
  resultCase('BigInt', () => 2n ** 70n, 'cached'),
  resultCase('Date', () => new Date(0), 'cached'),
  resultCase('an invalid Date', () => new Date(Number.NaN), 'cached', {
    equals: (served) => served instanceof Date && Number.isNaN(served.getTime()),
  }),
  resultCase(
    'Map with object keys, Set',
    () => ({ m: new Map<unknown, unknown>([[{ k: 1 }, new Set([1n])]]) }),
    'cached',
  ),
  resultCase(
    'Buffer and typed arrays',
    () => ({ b: Buffer.from('hi'), u: new Uint16Array([1, 2]) }),
    'cached',
  ),
  resultCase('undefined', () => undefined, 'cached'),
  resultCase('null, 0, empty string, false', () => [null, 0, '', false], 'cached'),
  resultCase(
    'NaN, -0, Infinity, sparse array',
    () => [Number.NaN, -0, Number.POSITIVE_INFINITY, sparse()],
    'cached',
  ),
  resultCase(
    "an object with a '__proto__' own key",
    () => JSON.parse('{"__proto__": {"polluted": 1}}'),
    'cached',
  ),
  resultCase('a 1 MB string', () => 'x'.repeat(1 << 20), 'cached'),
]
