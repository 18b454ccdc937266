/** Registered classes round-trip through both formats of the default serializer and through devalueSerializer. */
import { describe, expect, it } from 'vitest'
import { CachemeError, defaultSerializer, devalueSerializer, type SerializeReport } from '../../src/index.js'
import { Money } from '../support/money.js'

class Order {
  constructor(
    public id: number,
    public total: Money,
    public at: Date,
  ) {}
}

class Unregistered {
  constructor(public n: number) {}
}

function recorder(): SerializeReport & { names: string[] } {
  const names: string[] = []
  return { names, flattened: (name) => names.push(name) }
}

const serializers = [
  ['defaultSerializer', defaultSerializer],
  ['devalueSerializer', devalueSerializer],
] as const

describe.each(serializers)('%s with registered classes', (_name, make) => {
  const s = make({ classes: { Money, Order } })

  it('a registered instance comes back as an instance: prototype, getters and methods work', () => {
    const back = s.deserialize(s.serialize(new Money(5, 'EUR'))) as Money
    expect(back).toBeInstanceOf(Money)
    expect(back).toEqual(new Money(5, 'EUR'))
    expect(back.label).toBe('5 EUR')
    expect(back.plus(new Money(1, 'EUR')).amount).toBe(6)
  })

  it('nested registered instances, with Dates, in arrays, are all revived', () => {
    const at = new Date('2024-05-06T07:08:09.010Z')
    const value = { orders: [new Order(1, new Money(3, 'USD'), at), new Order(2, new Money(4, 'USD'), at)] }
    const back = s.deserialize(s.serialize(value)) as typeof value
    expect(back.orders[1]).toBeInstanceOf(Order)
    expect(back.orders[1]!.total).toBeInstanceOf(Money)
    expect(back.orders[1]!.total.label).toBe('4 USD')
    expect(back.orders[0]!.at).toBeInstanceOf(Date)
    expect(back.orders[0]!.at.getTime()).toBe(at.getTime())
  })

  it('registered instances inside types only devalue holds (Map, BigInt, undefined) are revived too', () => {
    const value = { byId: new Map([[1n, new Money(1, 'GBP')]]), missing: undefined }
    const back = s.deserialize(s.serialize(value)) as typeof value
    expect(back.byId.get(1n)).toBeInstanceOf(Money)
    expect(back.byId.get(1n)!.label).toBe('1 GBP')
  })

  it('an unregistered instance is stored as a plain object and reported as flattened', () => {
    const report = recorder()
    const back = s.deserialize(s.serialize({ a: new Unregistered(1), m: new Money(1, 'EUR') }, report)) as {
      a: unknown
      m: Money
    }
    expect(back.a).toEqual({ n: 1 })
    expect(Object.getPrototypeOf(back.a)).toBe(Object.prototype)
    expect(back.m).toBeInstanceOf(Money)
    expect(report.names).toEqual(['Unregistered'])
  })

  it('a subclass of a registered class is not the registered class: it is flattened and reported', () => {
    class Euro extends Money {}
    const report = recorder()
    const back = s.deserialize(s.serialize(new Euro(2, 'EUR'), report))
    expect(back).not.toBeInstanceOf(Money)
    expect(report.names).toEqual(['Euro'])
  })

  it('a payload naming a class the reader does not register is undecodable (a miss), never a plain object', () => {
    const payload = s.serialize(new Money(5, 'EUR'))
    expect(() => make().deserialize(payload)).toThrow(/Money/)
    expect(() => make({ classes: { Order } }).deserialize(payload)).toThrow(/does not register/)
  })

  it('a cycle through class instances is refused when written, not missed on every read', () => {
    const a = new Order(1, new Money(1, 'EUR'), new Date(0)) as Order & { self?: unknown }
    a.self = { back: a }
    expect(() => s.serialize(a)).toThrow(/cycle through a class instance/)
  })
})

describe('the classes option', () => {
  it.each([
    ['not an object', 42],
    ['an array', [Money]],
    ['a non-class entry', { Money: 5 }],
    ['a Date subclass', { D: class D extends Date {} }],
    ['an Array subclass', { L: class L extends Array {} }],
    ['an Error subclass', { E: class E extends Error {} }],
    ['one class twice', { A: Money, B: Money }],
  ])('%s is refused with E_INVALID_OPTION', (_what, classes) => {
    let caught: unknown
    try {
      defaultSerializer({ classes: classes as never })
    } catch (error) {
      caught = error
    }
    expect(CachemeError.is(caught, 'E_INVALID_OPTION')).toBe(true)
    expect((caught as Error).message).toMatch(/'classes'/)
  })

  it('an Error is reported as flattened but not registrable (message and stack are not enumerable)', () => {
    const calls: [string, boolean][] = []
    defaultSerializer().serialize(
      { e: new TypeError('boom'), m: new Money(1, 'EUR') },
      {
        flattened: (name, registrable) => calls.push([name, registrable]),
      },
    )
    expect(calls).toEqual([
      ['TypeError', false],
      ['Money', true],
    ])
  })

  it('without classes, instances come back as plain objects, reported through the cm2 and cm1 paths', () => {
    const s = defaultSerializer()
    const fast = recorder()
    expect(s.serialize({ m: new Money(1, 'EUR') }, fast).startsWith('cm2:')).toBe(true)
    const slow = recorder()
    expect(s.serialize({ m: new Money(1, 'EUR'), u: undefined }, slow).startsWith('cm1:')).toBe(true)
    expect(fast.names).toEqual(['Money'])
    expect(new Set(slow.names)).toEqual(new Set(['Money']))
  })
})
