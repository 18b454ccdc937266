/**
 * The storage layer's shared deadline queue (resilience/deadlines.ts): one timer for every operation in
 * flight. No I/O: operations are promises settled by hand (or never).
 */
import { describe, expect, it } from 'vitest'
import { CachemeError } from '../../src/index.js'
import { OperationDeadlines } from '../../src/resilience/deadlines.js'

function recorder() {
  const events: string[] = []
  const deadlines = new OperationDeadlines<string>(30, {
    success: (permit) => events.push(`ok:${permit}`),
    failure: (permit, error) => events.push(`fail:${permit}:${(error as CachemeError).code}`),
  })
  return { events, deadlines }
}

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('operation deadlines', () => {
  it('an operation that never settles rejects with E_STORAGE_TIMEOUT and counts as one failure', async () => {
    const { events, deadlines } = recorder()
    const hung = deadlines.track(new Promise<never>(() => {}), 'read', 'p1')
    await expect(hung).rejects.toMatchObject({ code: 'E_STORAGE_TIMEOUT' })
    expect(events).toEqual(['fail:p1:E_STORAGE_TIMEOUT'])
  })

  it('a settled operation passes its value through and counts as one success, never as a timeout later', async () => {
    const { events, deadlines } = recorder()
    expect(await deadlines.track(Promise.resolve(7), 'read', 'p1')).toBe(7)
    // Outlive the deadline: the settled entry must not expire afterwards.
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(events).toEqual(['ok:p1'])
  })

  it('a driver error becomes E_STORAGE_UNAVAILABLE with the original as cause; a CachemeError passes unchanged', async () => {
    const { deadlines } = recorder()
    const cause = new Error('ECONNRESET')
    const failed = await deadlines.track(Promise.reject(cause), 'write', 'p').catch((e: unknown) => e)
    expect(failed).toMatchObject({ code: 'E_STORAGE_UNAVAILABLE', cause })
    const own = new CachemeError('E_STORAGE_UNSUPPORTED', 'old server')
    expect(await deadlines.track(Promise.reject(own), 'write', 'p').catch((e: unknown) => e)).toBe(own)
  })

  it('a late reply after the timeout changes nothing: the caller saw the timeout, the breaker one failure', async () => {
    const { events, deadlines } = recorder()
    const slow = deferred<number>()
    const tracked = deadlines.track(slow.promise, 'read', 'p1')
    await expect(tracked).rejects.toMatchObject({ code: 'E_STORAGE_TIMEOUT' })
    slow.resolve(1)
    await slow.promise
    expect(events).toEqual(['fail:p1:E_STORAGE_TIMEOUT'])
  })

  it('operations settling out of order each get their own outcome; a hung head does not delay the others', async () => {
    const { events, deadlines } = recorder()
    const hung = deadlines.track(new Promise<never>(() => {}), 'read', 'hung')
    const ops = Array.from({ length: 2000 }, () => deferred<number>())
    const tracked = ops.map((op, i) => deadlines.track(op.promise, 'read', `op${i}`))
    // Settle in reverse order: the queue's head stays unsettled while everything behind it settles.
    for (const op of [...ops].reverse()) op.resolve(1)
    expect(await Promise.all(tracked)).toHaveLength(2000)
    await expect(hung).rejects.toMatchObject({ code: 'E_STORAGE_TIMEOUT' })
    expect(events.filter((e) => e.startsWith('ok:'))).toHaveLength(2000)
    expect(events.filter((e) => e.startsWith('fail:'))).toEqual(['fail:hung:E_STORAGE_TIMEOUT'])
  })

  it('operations started after an earlier batch timed out still time out (the timer re-arms)', async () => {
    const { events, deadlines } = recorder()
    await expect(deadlines.track(new Promise<never>(() => {}), 'a', 'first')).rejects.toThrow()
    await expect(deadlines.track(new Promise<never>(() => {}), 'b', 'second')).rejects.toThrow()
    expect(events).toEqual(['fail:first:E_STORAGE_TIMEOUT', 'fail:second:E_STORAGE_TIMEOUT'])
  })
})
