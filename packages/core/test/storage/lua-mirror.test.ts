/**
 * The key grammar has one definition (`src/key-grammar.ts`); the single-Redis scripts need the set-member
 * rule inside Redis, so `member-lib.lua` mirrors it. This test holds the mirror against the definition:
 * `split_member` runs in a real Redis on edge cases and seeded random members, and must agree with
 * `parseMemberKey` on every one. Bounded: one script call per batch of members.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { parseMemberKey } from '../../src/key-grammar.js'
import { luaSources } from '../../src/storage/scripts/lua-sources.generated.js'
import { prng } from '../support/prng.js'
import { connectRedis } from '../support/redis.js'

const redis = connectRedis()
afterAll(() => redis.quit())

/** Runs `split_member` on each member; returns what it answered, as parseMemberKey would shape it. */
async function luaSplit(
  members: readonly string[],
): Promise<({ hash: string; field: string } | undefined)[]> {
  const script = `${luaSources.memberLib}
local out = {}
for i = 1, #ARGV do
  local hash, field = split_member(ARGV[i])
  out[#out + 1] = hash and '1' or '0'
  out[#out + 1] = hash or ''
  out[#out + 1] = field or ''
end
return out`
  const reply = (await redis.eval(script, 0, ...members)) as string[]
  return members.map((_, i) =>
    reply[i * 3] === '1' ? { hash: reply[i * 3 + 1]!, field: reply[i * 3 + 2]! } : undefined,
  )
}

describe('member-lib.lua mirrors parseMemberKey', () => {
  it('agrees on edge cases', async () => {
    const members = [
      '',
      '>',
      '>>',
      'a',
      'a>',
      '>a',
      'a>b',
      'a>>b',
      'a>b>c',
      'CM:Book:1>owner',
      'CM:#cm:x',
      'x:invalid',
    ]
    expect(await luaSplit(members)).toEqual(members.map(parseMemberKey))
  })

  it('agrees on 2000 seeded random members built from the grammar’s characters', async () => {
    const random = prng(13)
    const alphabet = ['a', 'B', '>', ':', '#', 'c', 'm', ' ', '\\', '*', 'é']
    const members = Array.from({ length: 2000 }, () =>
      Array.from(
        { length: Math.floor(random() * 8) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join(''),
    )
    const expected = members.map(parseMemberKey)
    expect(expected.filter((parts) => parts !== undefined).length).toBeGreaterThan(500) // both outcomes occur
    expect(expected.filter((parts) => parts === undefined).length).toBeGreaterThan(100)
    for (let i = 0; i < members.length; i += 500) {
      expect(await luaSplit(members.slice(i, i + 500))).toEqual(expected.slice(i, i + 500))
    }
  })
})
