/** The in-process tier's parts without I/O: the LRU store, the notice log, the notice wire format. */
import { describe, expect, it } from 'vitest'
import { LocalTier } from '../../src/l1/local-tier.js'
import { NoticeLog, RECENT_NOTICES } from '../../src/l1/notice-log.js'
import { decodeNotice, encodeNotice } from '../../src/storage/notice-format.js'

describe('local tier (LRU of payloads)', () => {
  it('evicts the least recently used entry past max; a get counts as a use', () => {
    const tier = new LocalTier(2)
    tier.set('a', 'A', 1000)
    tier.set('b', 'B', 1000)
    expect(tier.get('a', 0)).toBe('A') // a is now the most recent
    tier.set('c', 'C', 1000)
    expect(tier.get('b', 0)).toBeUndefined()
    expect(tier.get('a', 0)).toBe('A')
    expect(tier.get('c', 0)).toBe('C')
    expect(tier.size).toBe(2)
  })

  it('an entry past its deadline is gone', () => {
    const tier = new LocalTier(10)
    tier.set('a', 'A', 100)
    expect(tier.get('a', 99)).toBe('A')
    expect(tier.get('a', 100)).toBeUndefined()
    expect(tier.size).toBe(0)
  })
})

describe('notice log', () => {
  it('a fill is kept only if no notice since its mark touched its key', () => {
    const log = new NoticeLog()
    const mark = log.mark
    log.record(['k1', 'k2'], 10)
    expect(log.untouchedSince(mark, 'k1')).toBe(false)
    expect(log.untouchedSince(mark, 'k3')).toBe(true)
    expect(log.untouchedSince(log.mark, 'k1')).toBe(true) // a read sent after the notice
  })

  it('a notice of anything, or a loss, refuses every fill whose mark is older', () => {
    const log = new NoticeLog()
    const before = log.mark
    log.record(undefined, 11)
    expect(log.untouchedSince(before, 'k')).toBe(false)
    const again = log.mark
    log.recordLoss()
    expect(log.untouchedSince(again, 'k')).toBe(false)
  })

  it(`a mark more than ${RECENT_NOTICES} notices old is refused (its notices are forgotten)`, () => {
    const log = new NoticeLog()
    const mark = log.mark
    for (let i = 0; i < RECENT_NOTICES; i += 1) log.record(['other'], undefined)
    expect(log.untouchedSince(mark, 'k')).toBe(false)
  })

  it('the watermark advances over received sequences in any order, and waits at a gap', () => {
    const log = new NoticeLog()
    log.baseline(100)
    log.record([], 102)
    expect(log.watermark).toBe(100)
    expect(log.received(102)).toBe(true)
    expect(log.received(101)).toBe(false)
    log.record([], 101)
    expect(log.watermark).toBe(102)
    log.record([], 104)
    expect(log.watermark).toBe(102)
  })

  it('a baseline covers numbers for the watermark, but only a received notice counts as received', () => {
    const log = new NoticeLog()
    log.baseline(100)
    expect(log.watermark).toBe(100)
    expect(log.received(100)).toBe(false)
    log.restart(500)
    expect(log.watermark).toBe(500)
    expect(log.received(500)).toBe(true)
  })

  it('sequences received before the baseline is known count once it is', () => {
    const log = new NoticeLog()
    log.record([], 51)
    log.record([], 49)
    log.baseline(50)
    expect(log.watermark).toBe(51)
  })
})

describe('notice wire format', () => {
  it.each([
    [{ seq: 1733230000000123, keys: ['CM:Book:1', 'CM:Book:2>owner', 'CM:with|pipe "quote"'] }],
    [{ seq: undefined, keys: [] }],
    [{ seq: 7, keys: undefined }],
    [{ seq: 8, keys: ['a'], restarted: true }],
  ])('round-trips %j', (notice) => {
    expect(decodeNotice(encodeNotice(notice))).toEqual(notice)
  })

  it.each(['', 'garbage', '2|5||*', '1|5|', '1|5||[1,2]', '1|5||{"a":1}', '1|x||*'])(
    'a malformed message %j means anything (and maybe a restarted sequence)',
    (text) => {
      expect(decodeNotice(text).keys).toBeUndefined()
    },
  )

  it('reads the message Redis scripts write (notice-lib.lua)', () => {
    expect(decodeNotice('1|1733230000000123||["CM:A","CM:B\\/c"]')).toEqual({
      seq: 1733230000000123,
      keys: ['CM:A', 'CM:B/c'],
    })
    expect(decodeNotice('1|9|1|*')).toEqual({ seq: 9, keys: undefined, restarted: true })
  })
})
