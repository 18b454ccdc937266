/**
 * The default serializer (serialization/serializer.ts): a corpus of types that must round-trip with
 * their types, which format each is written in (`cm2:` JSON fast path or the `cm1:` devalue fallback),
 * the old `cm1:` payloads, malformed payloads (always an error, never a value), and a seeded differential
 * against the devalue serializer.
 */
import { describe, expect, it } from 'vitest'
import { defaultSerializer, devalueSerializer, jsonSerializer } from '../../src/index.js'
import { MAX_DEPTH } from '../../src/serialization/tagged-json.js'
import { prng } from '../support/prng.js'

const s = defaultSerializer()
const roundTrip = (value: unknown) => s.deserialize(s.serialize(value))
const format = (value: unknown) => s.serialize(value).slice(0, 4)

class Book {
  constructor(
    public id: number,
    public title: string,
    public published: Date,
  ) {}
  get label(): string {
    return `#${this.id}`
  }
}
class Money {
  constructor(public cents: number) {}
  toJSON() {
    return { amount: this.cents / 100 }
  }
}

const at = new Date('2024-01-15T09:30:00.123Z')
/** [1, <hole>, 3] (written without a literal hole, which the linter flags as a likely typo). */
function sparse(): unknown[] {
  const list = [1, 2, 3]
  delete list[1]
  return list
}
/** Values JSON holds exactly (Dates tagged): written as cm2. */
const fastCorpus: [string, unknown][] = [
  ['null', null],
  ['false', false],
  ['0', 0],
  ['empty string', ''],
  ['a negative float', -12.5],
  ['a string with quotes, newlines and emoji', 'a "b"\n\u2028 😀'],
  ['a lone surrogate', '\ud800x'],
  ['a Date at the root', at],
  ['an ORM-like row', { id: 1, name: 'Ada', createdAt: at, active: true, score: 98.5 }],
  [
    'nested Dates in arrays and objects',
    { list: [{ at }, { at: new Date(0) }], deep: { a: { b: [new Date(1)] } } },
  ],
  ['a date-looking string stays a string', { when: '2024-01-15T09:30:00.123Z' }],
  ['empty containers', { a: {}, b: [], c: [[]] }],
  ['numeric-like and odd keys', { '1': 'one', '': 'empty', 'a.b': 1, 'x"y': 2 }],
  ['an own __proto__ key', JSON.parse('{"__proto__":{"polluted":true},"ok":1}')],
  ['a far-future Date', { at: new Date('+010000-01-01T00:00:00.000Z') }],
  ['a pre-epoch Date', { at: new Date('1815-12-10T00:00:00.000Z') }],
]
/** Values JSON would lose or change: written as cm1 (devalue). */
const fallbackCorpus: [string, unknown][] = [
  ['undefined at the root', undefined],
  ['an undefined property', { a: 1, b: undefined }],
  ['an undefined array element', [1, undefined, 3]],
  ['a sparse array', sparse()],
  ['-0', -0],
  ['NaN and Infinity', { n: Number.NaN, i: Number.POSITIVE_INFINITY }],
  ['BigInt', { big: 2n ** 70n }],
  ['Map', new Map([['a', { deep: new Set([1]) }]])],
  ['Set', { tags: new Set(['x']) }],
  ['Buffer', { bytes: Buffer.from('hello') }],
  ['Uint8Array', new Uint8Array([1, 2, 3])],
  ['RegExp', { re: /a+b/gi }],
  ['URL', { url: new URL('https://example.com/a?b=1') }],
  ['an invalid Date', { at: new Date(Number.NaN) }],
  ['a null-prototype object', Object.assign(Object.create(null), { a: 1 })],
  [
    'a repeated object (identity kept)',
    (() => {
      const shared = { n: 1 }
      return { a: shared, b: shared }
    })(),
  ],
  ['a repeated Date (identity kept)', { a: at, b: at }],
  [
    'a cycle',
    (() => {
      const node: { self?: unknown } = {}
      node.self = node
      return node
    })(),
  ],
]

describe('default serializer: type corpus', () => {
  it.each(fastCorpus)('%s round-trips exactly and is written as cm2 (JSON fast path)', (_name, value) => {
    expect(format(value)).toBe('cm2:')
    const back = roundTrip(value)
    expect(back).toStrictEqual(value)
  })

  it.each(fallbackCorpus)('%s round-trips exactly and is written as cm1 (devalue)', (_name, value) => {
    expect(format(value)).toBe('cm1:')
    // Exactly the devalue serializer's format: either reads the other's payloads.
    for (const back of [roundTrip(value), devalueSerializer().deserialize(s.serialize(value))]) {
      if (value instanceof Uint8Array) expect([...(back as Uint8Array)]).toEqual([...value])
      else expect(back).toEqual(value)
    }
  })

  it('keeps identity where devalue does: a repeated object or Date comes back as one object', () => {
    const shared = { n: 1 }
    const back = roundTrip({ a: shared, b: shared, d1: at, d2: at }) as Record<string, unknown>
    expect(back.a).toBe(back.b)
    expect(back.d1).toBe(back.d2)
    const cyclic = roundTrip(fallbackCorpus.find(([name]) => name === 'a cycle')![1]) as { self: unknown }
    expect(cyclic.self).toBe(cyclic)
  })

  it('keeps -0, NaN, undefined properties and sparse holes exactly', () => {
    expect(Object.is(roundTrip(-0), -0)).toBe(true)
    const back = roundTrip({ a: 1, b: undefined, list: sparse() }) as { b: unknown; list: unknown[] }
    expect('b' in back).toBe(true)
    expect(1 in back.list).toBe(false)
  })

  it('class instances come back as plain data of their own enumerable properties, Dates typed', () => {
    const back = roundTrip([new Book(1, 'Dune', at), new Book(2, 'Emma', new Date(0))]) as Book[]
    expect(format([new Book(1, 'Dune', at)])).toBe('cm2:')
    expect(back).toEqual([
      { id: 1, title: 'Dune', published: at },
      { id: 2, title: 'Emma', published: new Date(0) },
    ])
    expect(Object.getPrototypeOf(back[0])).toBe(Object.prototype)
    expect(back[0]!.published).toBeInstanceOf(Date)
    // toJSON is honoured (as JSON.stringify does), through the devalue format.
    expect(format({ price: new Money(250) })).toBe('cm1:')
    expect(roundTrip({ price: new Money(250) })).toEqual({ price: { amount: 2.5 } })
  })

  it("a class prototype's enumerable properties are not stored (JSON.stringify skips them too)", () => {
    class Row {
      constructor(public id: number) {}
    }
    ;(Row.prototype as unknown as { inherited: number }).inherited = 1
    expect(s.serialize([new Row(1)])).toBe('cm2:[[{"id":1}]]')
  })

  it('an own __proto__ key stays an own property and never touches Object.prototype', () => {
    const back = roundTrip(JSON.parse('{"__proto__":{"polluted":true},"at":"x"}')) as object
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype)
    expect(Object.hasOwn(back, '__proto__')).toBe(true)
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined()
  })

  it(`nesting deeper than ${MAX_DEPTH} levels falls back to cm1 and still round-trips`, () => {
    let deep: unknown = at
    for (let i = 0; i < MAX_DEPTH + 5; i += 1) deep = { next: deep }
    expect(format(deep)).toBe('cm1:')
    expect(roundTrip(deep)).toEqual(deep)
  })

  it('functions and symbols are refused (the value is then not cached)', () => {
    expect(() => s.serialize({ fn: () => 1 })).toThrow()
    expect(() => s.serialize(Symbol('x'))).toThrow()
  })
})

describe('default serializer: payload formats', () => {
  it('reads cm1 payloads written by earlier versions (the devalue serializer)', () => {
    // devalue refuses own __proto__ keys (the cm2 format holds them): not an old payload that can exist.
    const old = devalueSerializer()
    const corpus = [...fastCorpus, ...fallbackCorpus.slice(0, 12)].filter(
      ([name]) => !name.includes('__proto__'),
    )
    for (const [, value] of corpus) {
      const payload = old.serialize(value)
      expect(payload.startsWith('cm1:')).toBe(true)
      expect(s.deserialize(payload)).toEqual(value)
    }
  })

  it('writes the documented cm2 shape: [value] without Dates, [value, [["D", ms, ...path]]] with them', () => {
    const ms = at.getTime()
    expect(s.serialize({ a: [1, 'x'] })).toBe('cm2:[{"a":[1,"x"]}]')
    expect(s.serialize({ list: [{ at }] })).toBe(
      `cm2:[{"list":[{"at":"${at.toISOString()}"}]},[["D",${ms},"list",0,"at"]]]`,
    )
    expect(s.serialize(at)).toBe(`cm2:["${at.toISOString()}",[["D",${ms}]]]`)
  })

  it.each([
    ['trailing garbage', 'cm2:[1]x'],
    ['a truncated body', 'cm2:[{"a":1'],
    ['an empty document', 'cm2:[]'],
    ['three elements', 'cm2:[1,[["D",0]],3]'],
    ['not an array', 'cm2:{"a":1}'],
    ['an empty tag list', 'cm2:[1,[]]'],
    ['an unknown tag', 'cm2:[{"a":"x"},[["Q",0,"a"]]]'],
    ['a Date tag without a time', 'cm2:[{"a":"x"},[["D"]]]'],
    ['a Date tag with a bad time', 'cm2:[{"a":"x"},[["D","soon","a"]]]'],
    ['a Date tag with an out-of-range time', 'cm2:[{"a":"x"},[["D",9e15,"a"]]]'],
    ['a Date tag on a number', 'cm2:[{"a":1},[["D",0,"a"]]]'],
    ['a missing key', 'cm2:[{"a":"2024-01-01T00:00:00.000Z"},[["D",0,"b"]]]'],
    ['a path through an inherited property', 'cm2:[{},[["D",0,"__proto__","x"]]]'],
    ['an index out of range', 'cm2:[["2024-01-01T00:00:00.000Z"],[["D",0,1]]]'],
    ['a string index into an array', 'cm2:[["2024-01-01T00:00:00.000Z"],[["D",0,"0"]]]'],
    ['the same Date tagged twice', 'cm2:[{"a":"2024-01-01T00:00:00.000Z"},[["D",0,"a"],["D",0,"a"]]]'],
    ['a bad cm1 body', 'cm1:not devalue'],
    ['another serializer', 'j{"a":1}'],
    ['no header at all', '{"a":1}'],
  ])('%s is an error, never a value', (_name, payload) => {
    expect(() => s.deserialize(payload)).toThrow()
    expect(({} as { x?: unknown }).x).toBeUndefined()
  })

  it('the JSON serializer keeps its own format and refuses cm payloads', () => {
    const json = jsonSerializer()
    expect(json.serialize({ a: 1 })).toBe('j{"a":1}')
    expect(() => json.deserialize(s.serialize({ a: 1 }))).toThrow()
  })
})

/** A random value of JSON types, Dates, and now and then something only devalue holds. */
function randomValue(random: () => number, depth: number): unknown {
  const roll = random()
  if (depth > 3 || roll < 0.3) {
    const leaf = Math.floor(random() * 8)
    if (leaf === 0) return Math.floor(random() * 1000) - 500
    if (leaf === 1) return random() * 10
    if (leaf === 2) return `s${Math.floor(random() * 100)}`
    if (leaf === 3) return random() < 0.5
    if (leaf === 4) return null
    if (leaf === 5) return new Date(Math.floor(random() * 2e12))
    if (leaf === 6) return random() < 0.2 ? undefined : 'x'
    return random() < 0.2 ? new Set([1, 2]) : new Date(0)
  }
  if (roll < 0.65)
    return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1))
  const record: Record<string, unknown> = {}
  for (let i = Math.floor(random() * 4); i > 0; i -= 1)
    record[`k${Math.floor(random() * 10)}`] = randomValue(random, depth + 1)
  return record
}

describe('default serializer: differential against devalue', () => {
  it('500 seeded random values decode to what the devalue serializer decodes', () => {
    const random = prng(20261203)
    const devalue = devalueSerializer()
    let fast = 0
    for (let i = 0; i < 500; i += 1) {
      const value = randomValue(random, 0)
      const payload = s.serialize(value)
      if (payload.startsWith('cm2:')) fast += 1
      expect(s.deserialize(payload), `seed 20261203 value ${i}`).toStrictEqual(
        devalue.deserialize(devalue.serialize(value)),
      )
    }
    // Both formats were exercised.
    expect(fast).toBeGreaterThan(50)
    expect(fast).toBeLessThan(500)
  })
})
