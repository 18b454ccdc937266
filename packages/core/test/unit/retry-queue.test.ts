/**
 * The retry queue's policy (invalidation/retry-queue.ts), with a scripted delivery function and fake
 * timers: which item is tried when, and what happens to an item that can never be delivered. The
 * storage side (what makes a delivery fail) is covered against real Redis in test/behaviour.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CachemeError } from '../../src/errors.js'
import { Events, silentLogger } from '../../src/events.js'
import type { Invalidation } from '../../src/invalidation/delivery.js'
import { MAX_DATA_ATTEMPTS, RetryQueue } from '../../src/invalidation/retry-queue.js'

const item = (key: string): Invalidation => ({
  kind: 'sets',
  guards: [`k:${key}`],
  sets: [`P:${key}:invalid`],
  keys: [key],
  cause: { kind: 'manual' },
})
const data = () => new CachemeError('E_STORAGE_DATA', 'WRONGTYPE')
const down = () => new CachemeError('E_STORAGE_UNAVAILABLE', 'connection refused')
const refused = () =>
  new CachemeError('E_STORAGE_UNAVAILABLE', 'breaker open', { details: { breaker: 'open' } })

function setup(outcome: (item: Invalidation) => Error | undefined) {
  const tried: string[] = []
  let answer: (() => void) | undefined
  const reported: unknown[] = []
  const events = new Events(() => silentLogger)
  events.on('error', (e) => reported.push(e.error))
  const queue = new RetryQueue(
    async (i) => {
      tried.push(i.kind === 'sets' ? i.keys[0]! : i.kind)
      const error = outcome(i)
      if (error) throw error
    },
    {
      max: 100,
      logger: silentLogger,
      events,
      onAnswer: (listener) => {
        answer = listener
      },
      report: () => {},
    },
  )
  return { queue, tried, reported, answer: () => answer?.() }
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('retry queue', () => {
  it('an item failing with a data error never blocks the items behind it, and is dead-lettered into "everything"', async () => {
    const { queue, tried, reported } = setup((i) =>
      i.kind === 'sets' && i.keys[0] === 'Bad' ? data() : undefined,
    )
    queue.add(item('Bad'))
    queue.add(item('Good'))
    await queue.drain()
    expect(tried).toEqual(['Bad', 'Good']) // Good delivered past Bad in the same pass
    expect(queue.size).toBe(1)
    for (let i = 1; i < MAX_DATA_ATTEMPTS; i += 1) await queue.drain()
    // Bounded: after MAX_DATA_ATTEMPTS the item is given up, replaced by "everything", which is delivered.
    expect(tried.filter((t) => t === 'Bad')).toHaveLength(MAX_DATA_ATTEMPTS)
    expect(tried.at(-1)).toBe('everything')
    expect(queue.size).toBe(0)
    expect(reported).toEqual([expect.objectContaining({ code: 'E_STORAGE_DATA' })])
  })

  it('an unavailable storage keeps the item; the first answered operation starts the drain at once', async () => {
    let available = false
    const { queue, tried, answer } = setup(() => (available ? undefined : down()))
    queue.add(item('A'))
    await queue.drain()
    expect(queue.size).toBe(1)
    available = true
    answer() // the storage answered some other operation: no retry tick needed
    await vi.advanceTimersByTimeAsync(0)
    expect(tried).toEqual(['A', 'A'])
    expect(queue.size).toBe(0)
  })

  it('refusals by the open breaker do not grow the retry delay', async () => {
    let error: () => Error | undefined = refused
    const { queue, tried } = setup(() => error())
    queue.add(item('A'))
    for (let i = 0; i < 6; i += 1) await queue.drain() // six refusals: the delay stays at its minimum
    error = () => undefined
    const before = tried.length
    await vi.advanceTimersByTimeAsync(60) // the minimum delay (50 ms), not a doubled one
    expect(tried.length).toBe(before + 1)
    expect(queue.size).toBe(0)
  })
})
