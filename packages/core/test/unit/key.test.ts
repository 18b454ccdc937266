/** Key layout rules (no I/O). */
import { describe, expect, it } from 'vitest'
import { guardNames } from '../../src/guard-names.js'
import { CachemeError } from '../../src/index.js'
import { entryRef, invalidSetKey, metaKeys, normalizeInvalidKeys, tagSetKey } from '../../src/key.js'
import { parseMemberKey } from '../../src/key-grammar.js'

const code = (fn: () => unknown): string | undefined => {
  try {
    fn()
  } catch (error) {
    return CachemeError.is(error) ? error.code : 'not-a-cacheme-error'
  }
  return undefined
}

describe('key layout', () => {
  it('splits Main>field into hash and field, and uses field base otherwise', () => {
    expect(entryRef('CM:', 'Book:100>owner')).toEqual({
      fullKey: 'CM:Book:100>owner',
      hash: 'CM:Book:100',
      field: 'owner',
    })
    expect(entryRef('CM:', 'Book:100')).toEqual({
      fullKey: 'CM:Book:100',
      hash: 'CM:Book:100',
      field: 'base',
    })
  })

  it.each([
    ['two >', 'A>b>c'],
    ['empty', ''],
    ['not a string', 42],
    ['empty main', '>x'],
    ['empty field', 'x>'],
    ['reserved namespace', '#cm:x'],
    ['reserved suffix', 'User:1:invalid'],
  ])('rejects a key with %s as E_INVALID_KEY', (_name, key) => {
    expect(code(() => entryRef('CM:', key))).toBe('E_INVALID_KEY')
  })

  it('parses set members (full keys) back into the hash and field of their entry, without the prefix', () => {
    const { hash, field } = entryRef('CM:', 'Book:1>owner')
    expect(parseMemberKey('CM:Book:1>owner')).toEqual({ hash, field })
    expect(parseMemberKey('CM:Book:1')).toEqual({ hash: 'CM:Book:1', field: 'base' })
    for (const malformed of ['', 'CM:A>b>c', '>x', 'CM:x>']) expect(parseMemberKey(malformed)).toBeUndefined()
  })

  it('builds invalid sets, tag sets and meta keys that cannot collide with user keys', () => {
    expect(invalidSetKey('CM:', 'User:200')).toBe('CM:User:200:invalid')
    expect(tagSetKey('CM:', 'three')).toBe('CM:#cm:tag:three')
    expect(metaKeys('CM:')).toEqual({
      seq: 'CM:#cm:{meta}:seq',
      log: 'CM:#cm:{meta}:log',
      floor: 'CM:#cm:{meta}:floor',
      notices: 'CM:#cm:{meta}:notices',
    })
  })

  it('flattens nested invalid keys, drops null/undefined, dedupes, rejects non-strings', () => {
    expect(normalizeInvalidKeys(['A', [null, ['B', undefined]], 'A'])).toEqual(['A', 'B'])
    expect(normalizeInvalidKeys('A')).toEqual(['A'])
    expect(normalizeInvalidKeys(undefined)).toEqual([])
    expect(code(() => normalizeInvalidKeys([{}]))).toBe('E_INVALID_KEY')
  })

  it('derives race-guard names: key, model part and tag', () => {
    expect(guardNames(['Book:5:users', 'Plain'], 'tag')).toEqual([
      't:tag',
      'k:Book:5:users',
      'm:Book',
      'k:Plain',
      'm:Plain',
    ])
  })

  it('CachemeError.is recognises errors by marker and code', () => {
    const error = new CachemeError('E_INVALID_KEY', 'x')
    expect(CachemeError.is(error)).toBe(true)
    expect(CachemeError.is(error, 'E_ADAPTER')).toBe(false)
    expect(CachemeError.is(new Error('x'))).toBe(false)
  })
})
