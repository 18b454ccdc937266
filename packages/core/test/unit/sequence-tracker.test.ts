/** The remembered invalidation sequence (src/sequence-tracker.ts): claims, tickets, regressions. */
import { describe, expect, it } from 'vitest'
import { SequenceTracker } from '../../src/sequence-tracker.js'

describe('sequence tracker', () => {
  it('knows no snapshot until a reply showed one, and every read asks for it until then', () => {
    const tracker = new SequenceTracker(1000)
    expect(tracker.snapshot).toBeUndefined()
    const first = tracker.claim()
    const second = tracker.claim()
    expect(first).toBeGreaterThan(0)
    expect(second).toBeGreaterThan(first)
    tracker.observe(41, first, true)
    expect(tracker.snapshot).toBe(41)
  })

  it('a fresh value is not refreshed; a stale one is refreshed by one read at a time', () => {
    const tracker = new SequenceTracker(1000)
    tracker.observe(5, tracker.claim(), true)
    expect(tracker.claim()).toBe(0) // fresh
    tracker.stale()
    const refresh = tracker.claim()
    expect(refresh).toBeGreaterThan(0)
    expect(tracker.claim()).toBe(0) // one refresh already in flight
    tracker.settled(refresh) // it failed
    expect(tracker.claim()).toBeGreaterThan(0)
  })

  it('with a max age of 0 a value goes stale at once', async () => {
    const tracker = new SequenceTracker(0)
    tracker.observe(5, tracker.claim(), true)
    await new Promise((resolve) => setTimeout(resolve, 2))
    expect(tracker.claim()).toBeGreaterThan(0)
  })

  it('keeps the value of the newest request, whatever order replies are handled in', () => {
    const tracker = new SequenceTracker(1000)
    const older = tracker.ticket()
    const newer = tracker.ticket()
    tracker.observe(20, newer)
    tracker.observe(10, older) // sent first, handled last: not newer information
    expect(tracker.snapshot).toBe(20)
    expect(tracker.regressions).toBe(0)
  })

  it('a newer request showing a lower sequence is a regression: the lower value is adopted and counted', () => {
    const tracker = new SequenceTracker(1000)
    tracker.observe(100, tracker.ticket())
    tracker.observe(7, tracker.ticket()) // e.g. a restart from an older snapshot
    expect(tracker.snapshot).toBe(7)
    expect(tracker.regressions).toBe(1)
    tracker.observe(8, tracker.ticket())
    expect(tracker.regressions).toBe(1)
  })
})
