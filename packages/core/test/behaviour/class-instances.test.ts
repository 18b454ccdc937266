/**
 * Class instances in cached results: registered classes come back as instances on a hit (Redis, Cluster,
 * MemoryStorage); unregistered ones come back as plain objects and are warned about once per tag.
 */
import { describe, expect, it } from 'vitest'
import { type CachemeEvents, defaultSerializer, type Logger, silentLogger } from '../../src/index.js'
import { makeCacheme, storageKinds } from '../support/fixtures.js'
import { Money } from '../support/money.js'

class Invoice {
  constructor(
    public id: number,
    public total: Money,
  ) {}
}

/** A logger that records its `warn` entries. */
function warnings(): Logger & { entries: { obj: object; msg?: string | undefined }[] } {
  const entries: { obj: object; msg?: string | undefined }[] = []
  const noop = () => {}
  return { entries, debug: noop, info: noop, error: noop, warn: (obj, msg) => entries.push({ obj, msg }) }
}

describe.each(storageKinds)('class instances on %s storage', (kind) => {
  it('an instance of a registered class is served as an instance of it on a hit', async () => {
    const { cm } = makeCacheme(kind, { serializer: defaultSerializer({ classes: { Money, Invoice } }) })
    let computed = 0
    const getInvoice = cm.wrap(
      async function getInvoice(id: number) {
        computed += 1
        return new Invoice(id, new Money(5, 'EUR'))
      },
      { key: (c) => `Invoice:${c.args[0]}` },
    )
    expect((await getInvoice(1)).total.label).toBe('5 EUR')
    const hit = await getInvoice(1)
    expect(computed).toBe(1)
    expect(hit).toBeInstanceOf(Invoice)
    expect(hit.total).toBeInstanceOf(Money)
    expect(hit.total.label).toBe('5 EUR')
  })

  it('an unregistered class instance is served as a plain object and warned once per tag (logger + event)', async () => {
    const logger = warnings()
    const { cm } = makeCacheme(kind, { logger })
    const events: CachemeEvents['warning'][] = []
    cm.on('warning', (event) => events.push(event))
    const getPrice = cm.wrap(async (id: number) => new Money(id, 'EUR'), {
      key: (c) => `Price:${c.args[0]}`,
      tag: 'getPrice',
    })
    const getOther = cm.wrap(async (id: number) => ({ nested: [new Money(id, 'USD')] }), {
      key: (c) => `Other:${c.args[0]}`,
      tag: 'getOther',
    })
    expect(await getPrice(1)).toBeInstanceOf(Money) // the miss returns the function's own value
    const hit = await getPrice(1)
    expect(hit).not.toBeInstanceOf(Money)
    expect(hit).toEqual({ amount: 1, currency: 'EUR' })
    await getPrice(2)
    await getPrice(3)
    await getOther(1)
    await getOther(2)
    expect(events.map((e) => [e.code, e.tag])).toEqual([
      ['W_UNREGISTERED_CLASS', 'getPrice'],
      ['W_UNREGISTERED_CLASS', 'getOther'],
    ])
    expect(events[0]!.key).toMatch(/Price:1$/)
    expect(events[0]!.message).toContain("'Money'")
    expect(events[0]!.message).toContain('defaultSerializer({ classes: { Money } })')
    expect(logger.entries.map((e) => (e.obj as { code?: string; tag?: string }).tag)).toEqual([
      'getPrice',
      'getOther',
    ])
  })

  it('an Error in a result is warned about with plain data as the fix, not registration', async () => {
    const { cm } = makeCacheme(kind, { logger: silentLogger })
    const events: CachemeEvents['warning'][] = []
    cm.on('warning', (event) => events.push(event))
    await cm.wrap(async () => ({ failure: new RangeError('out of stock') }), {
      key: () => 'Failure',
      tag: 'failure',
    })()
    expect(events).toHaveLength(1)
    expect(events[0]!.message).toContain("'RangeError'")
    expect(events[0]!.message).toContain('return errors as plain data')
    expect(events[0]!.message).not.toContain('classes: {')
  })

  it('registering the class silences the warning', async () => {
    const logger = warnings()
    const { cm } = makeCacheme(kind, { logger, serializer: defaultSerializer({ classes: { Money } }) })
    const getPrice = cm.wrap(async (id: number) => new Money(id, 'EUR'), {
      key: (c) => `Price:${c.args[0]}`,
      tag: 'getPrice',
    })
    await getPrice(1)
    expect(await getPrice(1)).toBeInstanceOf(Money)
    expect(logger.entries).toEqual([])
  })
})
