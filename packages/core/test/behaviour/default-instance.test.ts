/** Seed-style module-level helpers: decorating before configure() works; configure() applies until the first storage I/O. */
import { describe, expect, it } from 'vitest'
import { cacheme, cachemeTags, configure, defaultCacheme, invalidate, RedisStorage } from '../../src/index.js'
import { newRedis, randomPrefix } from '../support/fixtures.js'

describe('default instance helpers', () => {
  it('a function decorated before configure() uses the storage configured later, keeping its tag', async () => {
    let n = 0
    class Early {
      @cacheme<[number], number>({
        key: (c) => `Early:${c.args[0]}`,
        invalidKeys: (c) => `Thing:${c.args[0]}`,
      })
      async load(id: number): Promise<number> {
        n += 1
        return id + n
      }
    }
    expect(cachemeTags.list()).toContain('Early.load')
    const redis = newRedis()
    const prefix = randomPrefix()
    configure({ storage: new RedisStorage(redis), prefix })
    const early = new Early()
    expect(await early.load(1)).toBe(2)
    expect(await early.load(1)).toBe(2)
    expect(await redis.hexists(`${prefix}Early:1`, 'base')).toBe(1)
    expect(await cachemeTags.get('Early.load')!.keys()).toEqual([`${prefix}Early:1`])
    expect(await invalidate('Thing:1')).toBe(1)
    expect(await early.load(1)).toBe(3)
    expect(defaultCacheme().config.prefix).toBe(prefix)
  })

  it('cachemeTags.get returns undefined for unknown tags', () => {
    expect(cachemeTags.get('no-such-tag')).toBeUndefined()
  })
})
