/**
 * Differential test of the Redis glob matcher MemoryStorage uses (`src/storage/redis-glob.ts`) against
 * the real thing: seeded random keys under a random prefix are stored in Redis, then seeded random
 * patterns — full of metacharacters: `*`, `?`, classes with `^`, ranges (reversed too), escapes,
 * unclosed classes, trailing backslashes — are run as `SCAN MATCH` and through `redisGlobToRegExp`, and
 * must select exactly the same keys. Bounded: 160 keys, 250 patterns, ASCII only (the matcher's
 * documented limit: Redis matches bytes, JavaScript UTF-16 code units).
 */
import { afterAll, describe, expect, it } from 'vitest'
import { escapeGlob } from '../../src/key.js'
import { redisGlobToRegExp } from '../../src/storage/redis-glob.js'
import { prng } from '../support/prng.js'
import { connectRedis, deleteByPrefix, randomPrefix } from '../support/redis.js'

const redis = connectRedis()
const prefix = randomPrefix()
afterAll(async () => {
  await deleteByPrefix(redis, prefix)
  await redis.quit()
})

const ALPHABET = ['a', 'b', 'c', 'x', 'A', ':', '-', '^', '*', '?', '[', ']', '\\', '!', '1']

/** One random pattern piece: a literal, a wildcard, an escape or a class. */
function piece(random: () => number): string {
  const pick = () => ALPHABET[Math.floor(random() * ALPHABET.length)]!
  const roll = random()
  if (roll < 0.3) return pick()
  if (roll < 0.45) return '*'
  if (roll < 0.55) return '?'
  if (roll < 0.65) return `\\${pick()}`
  // A class: optional ^, members, ranges (maybe reversed), escapes; usually closed.
  let body = random() < 0.3 ? '^' : ''
  const members = Math.floor(random() * 4)
  for (let i = 0; i < members; i++) {
    const kind = random()
    body += kind < 0.3 ? `${pick()}-${pick()}` : kind < 0.45 ? `\\${pick()}` : pick()
  }
  return `[${body}${random() < 0.85 ? ']' : ''}`
}

describe('redisGlobToRegExp against SCAN MATCH on a real Redis', () => {
  it('selects exactly the keys Redis selects, for 250 seeded random patterns over 160 seeded random keys', async () => {
    const random = prng(2024)
    const names = new Set<string>()
    while (names.size < 160) {
      names.add(
        Array.from(
          { length: Math.floor(random() * 6) },
          () => ALPHABET[Math.floor(random() * ALPHABET.length)],
        ).join(''),
      )
    }
    const keys = [...names].map((name) => prefix + name)
    await Promise.all(keys.map((key) => redis.set(key, '1')))

    let nonTrivial = 0
    for (let p = 0; p < 250; p++) {
      const tail = Array.from({ length: 1 + Math.floor(random() * 4) }, () => piece(random)).join('')
      const pattern = escapeGlob(prefix) + (random() < 0.1 ? `${tail}\\` : tail)
      const scanned = new Set<string>()
      let cursor = '0'
      do {
        const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 5000)
        cursor = next
        for (const key of batch) scanned.add(key)
      } while (cursor !== '0')
      const matcher = redisGlobToRegExp(pattern)
      const expected = keys.filter((key) => matcher.test(key)).sort()
      expect([...scanned].sort(), JSON.stringify(pattern)).toEqual(expected)
      if (expected.length > 0 && expected.length < keys.length) nonTrivial++
    }
    // The patterns were not all "match nothing" or "match everything".
    expect(nonTrivial).toBeGreaterThan(50)
  })
})
