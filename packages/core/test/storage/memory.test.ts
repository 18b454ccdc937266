/** The storage conformance suite on MemoryStorage, plus its glob matcher's edge cases. */
import { afterEach, describe, expect, it } from 'vitest'
import { CachemeError } from '../../src/errors.js'
import { MemoryStorage } from '../../src/storage/memory-storage.js'
import { redisGlobToRegExp } from '../../src/storage/redis-glob.js'
import { runStorageSuite } from '../../src/test-suite/index.js'

runStorageSuite({
  runner: { describe, it, expect, afterEach },
  name: 'memory',
  factory: async ({ logMaxEntries }) => ({
    storage: new MemoryStorage({ logMaxEntries }),
    cleanup: async () => {},
  }),
  capabilities: { atomicWrite: true },
})

describe('MemoryStorage', () => {
  it("is named 'memory' and refuses an invalid logMaxEntries", () => {
    expect(new MemoryStorage().name).toBe('memory')
    for (const logMaxEntries of [0, -1, 1.5, Number.NaN]) {
      expect(() => new MemoryStorage({ logMaxEntries })).toThrow(CachemeError)
    }
  })
})

describe('redisGlobToRegExp() follows Redis stringmatchlen', () => {
  const cases: [pattern: string, matches: string[], rejects: string[]][] = [
    ['a*', ['a', 'abc', 'a\nb'], ['b', '']],
    ['a**b', ['ab', 'axxb'], ['a']],
    ['?', ['x', '*'], ['', 'xy']],
    ['\\*', ['*'], ['x', '\\*']],
    ['a\\', ['a\\'], ['a']], // a trailing backslash is literal
    ['[abc]', ['a', 'c'], ['d', '']],
    ['[^abc]', ['d', ']'], ['a', '']],
    ['[a-c]x', ['bx'], ['dx']],
    ['[c-a]x', ['bx'], ['dx']], // reversed range is swapped
    ['[\\]]', [']'], ['\\']],
    ['[]', [], ['', 'a', ']']], // an empty class matches nothing
    ['[ab', ['a', 'b'], ['c', '[ab']], // an unclosed class ends with the pattern
    ['.+(x)', ['.+(x)'], ['aa(x)']], // RegExp metacharacters are literal
  ]
  for (const [pattern, matches, rejects] of cases) {
    it(`${JSON.stringify(pattern)} matches ${JSON.stringify(matches)} and rejects ${JSON.stringify(rejects)}`, () => {
      const regexp = redisGlobToRegExp(pattern)
      for (const text of matches) expect(regexp.test(text), text).toBe(true)
      for (const text of rejects) expect(regexp.test(text), text).toBe(false)
    })
  }
})
