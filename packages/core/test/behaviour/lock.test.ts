/**
 * The cross-process stampede lock. Two cacheme instances on one Redis and one prefix stand for two
 * processes (they share nothing in memory, so the in-process deduplication does not apply).
 */
import { describe, expect, it } from 'vitest'
import { type Cacheme, CachemeError, createCacheme, RedisStorage } from '../../src/index.js'
import { latch, newRedis, randomPrefix } from '../support/fixtures.js'

function twoProcesses(): [Cacheme, Cacheme] {
  const prefix = randomPrefix()
  return [
    createCacheme({ storage: new RedisStorage(newRedis()), prefix }),
    createCacheme({ storage: new RedisStorage(newRedis()), prefix }),
  ]
}

describe('cross-process stampede lock', () => {
  it("concurrent misses in two processes compute once; the waiter gets the holder's value", async () => {
    const [a, b] = twoProcesses()
    const gate = latch()
    let computed = 0
    const body = async () => {
      computed += 1
      gate.enter()
      await gate.wait
      return 'expensive'
    }
    const options = { key: () => 'Locked:1', lock: { ttlMs: 5000, waitMs: 5000 } }
    const fa = a.cacheme(options)(async function locked() {
      return body()
    })
    const fb = b.cacheme(options)(async function locked() {
      return body()
    })
    const first = fa()
    await gate.entered
    const second = fb() // misses, finds the lock taken, waits
    await new Promise((resolve) => setTimeout(resolve, 60))
    gate.release()
    expect(await Promise.all([first, second])).toEqual(['expensive', 'expensive'])
    expect(computed).toBe(1)
  })

  it('the lock is released when the holder throws; the waiter then computes', async () => {
    const [a, b] = twoProcesses()
    const gate = latch()
    const options = { key: () => 'Locked:2', lock: true }
    const failing = a.cacheme(options)(async function locked() {
      gate.enter()
      await gate.wait
      throw new Error('db down')
    })
    const working = b.cacheme(options)(async function locked() {
      return 'recovered'
    })
    const first = failing()
    await gate.entered
    const second = working()
    gate.release()
    await expect(first).rejects.toThrow('db down')
    expect(await second).toBe('recovered')
  })

  it('a waiter gives up after waitMs and computes itself (bounded wait)', async () => {
    const [a, b] = twoProcesses()
    const gate = latch()
    const slow = a.cacheme({ key: () => 'Locked:3', lock: { ttlMs: 10_000 } })(async function locked() {
      gate.enter()
      await gate.wait
      return 'slow'
    })
    let ownComputations = 0
    const impatient = b.cacheme({ key: () => 'Locked:3', lock: { waitMs: 100 } })(async function locked() {
      ownComputations += 1
      return 'own'
    })
    const first = slow()
    await gate.entered
    const started = Date.now()
    expect(await impatient()).toBe('own')
    expect(Date.now() - started).toBeLessThan(5000)
    expect(ownComputations).toBe(1)
    gate.release()
    await first
  })

  it('bad lock options fail at decoration time', () => {
    const cm = createCacheme()
    let caught: unknown
    try {
      cm.cacheme({ key: () => 'k', lock: { ttlMs: -5 } })
    } catch (error) {
      caught = error
    }
    expect(CachemeError.is(caught, 'E_INVALID_OPTION')).toBe(true)
  })
})
