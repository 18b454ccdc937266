/**
 * Nothing outside the configured prefix is ever deleted — even when the prefix itself contains Redis glob
 * metacharacters and the pattern is adversarial — and cacheme's own meta keys survive every pattern.
 */
import { describe, expect, it } from 'vitest'
import { CachemeError, createCacheme, MemoryStorage, RedisStorage } from '../../src/index.js'
import { newRedis } from '../support/fixtures.js'

const PREFIX = `t[${Date.now()}]*?\\:`

describe('prefix confinement', () => {
  it.each(['redis', 'memory'] as const)(
    'on %s: pattern invalidation never reaches outside the prefix',
    async (kind) => {
      const redis = kind === 'redis' ? newRedis() : undefined
      const shared = kind === 'memory' ? new MemoryStorage() : undefined
      const storage = () => (redis ? new RedisStorage(redis) : shared!)
      const cm = createCacheme({ storage: storage(), prefix: PREFIX })
      // A neighbour whose keys a glob-unescaped prefix would match: the prefix's brackets, * and ? are literal.
      const neighbourPrefix = `t${Date.now() % 10}x\\:`
      const neighbour = createCacheme({ storage: storage(), prefix: neighbourPrefix })
      const mine = cm.cacheme({ key: () => 'Book:1', invalidKeys: () => 'User:1', tag: 'mine' })(
        async function mine() {
          return 1
        },
      )
      const theirs = neighbour.cacheme({ key: () => 'Book:1', invalidKeys: () => 'User:1', tag: 'theirs' })(
        async function theirs() {
          return 2
        },
      )
      await mine()
      await theirs()
      await cm.invalidate('Warm:up') // creates the meta keys
      for (const pattern of ['*', '**', '?*', '[a-z]*', '\\*', '*:*', '../*']) {
        await cm.invalidatePattern(pattern)
      }
      // A pattern aimed at cacheme's own namespace is refused outright (it could only match meta keys).
      const reserved = await cm.invalidatePattern('#cm:*').catch((error: unknown) => error)
      expect(CachemeError.is(reserved, 'E_INVALID_PATTERN')).toBe(true)
      expect(await cm.tags.get('mine')!.keys()).toEqual([])
      expect(await neighbour.tags.get('theirs')!.keys()).toEqual([`${neighbourPrefix}Book:1`])
      if (redis) {
        // cacheme's own meta keys under the prefix are never matched by a pattern.
        expect(await redis.exists(cm.config.meta.seq)).toBe(1)
        await redis.unlink(cm.config.meta.seq, cm.config.meta.log, cm.config.meta.floor)
        await neighbour.invalidatePattern('*')
      }
    },
  )

  it('an empty pattern is E_INVALID_PATTERN and deletes nothing', async () => {
    const cm = createCacheme({ storage: new MemoryStorage(), prefix: 'conf:' })
    const fn = cm.cacheme({ key: () => 'K', tag: 'k' })(async function k() {
      return 1
    })
    await fn()
    const error = await cm.invalidatePattern('').catch((e: unknown) => e)
    expect(CachemeError.is(error, 'E_INVALID_PATTERN')).toBe(true)
    expect(await cm.tags.get('k')!.keys()).toEqual(['conf:K'])
  })
})
