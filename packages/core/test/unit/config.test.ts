/** Configuration: defaults, merging on the default instance's configure(), validation errors that say what to fix. */
import { describe, expect, it } from 'vitest'
import {
  CachemeError,
  configure,
  createCacheme,
  jsonSerializer,
  MemoryStorage,
  RedisStorage,
} from '../../src/index.js'

const errorOf = (fn: () => unknown): CachemeError | undefined => {
  try {
    fn()
  } catch (error) {
    if (CachemeError.is(error)) return error
    throw error
  }
  return undefined
}

describe('configuration', () => {
  it('has defaults: CM:, enabled, MemoryStorage, 1 s timeout, breaker 5 / 1 s, 10000 pending', () => {
    expect(createCacheme().config).toMatchObject({
      prefix: 'CM:',
      enabled: true,
      operationTimeoutMs: 1000,
      breakerThreshold: 5,
      breakerCooldownMs: 1000,
      maxPendingInvalidations: 10_000,
    })
  })

  it('configure() merges over the previous configuration instead of resetting it', () => {
    const storage = new MemoryStorage()
    const serializer = jsonSerializer()
    // Only the default instance can be configured after creation (before its first storage I/O).
    const cm = configure({ storage, serializer, breakerThreshold: 9, operationTimeoutMs: 50 })
    configure({ prefix: 'APP:' })
    expect(cm.config.storage).toBe(storage)
    expect(cm.config.serializer).toBe(serializer)
    expect(cm.config).toMatchObject({ prefix: 'APP:', breakerThreshold: 9, operationTimeoutMs: 50 })
    expect(cm.config.meta.seq).toBe('APP:#cm:{meta}:seq')
  })

  it('an instance from createCacheme() is fixed at creation: no configure(), a frozen configuration', () => {
    const storage = new MemoryStorage()
    const cm = createCacheme({ storage, prefix: 'FIXED:' })
    expect('configure' in cm).toBe(false)
    // @ts-expect-error instances have no configure(): create another instance instead
    expect(() => cm.configure({ prefix: 'OTHER:' })).toThrow(TypeError)
    expect(Object.isFrozen(cm.config)).toBe(true)
    expect(() => {
      ;(cm.config as { prefix: string }).prefix = 'OTHER:'
    }).toThrow(TypeError)
    expect(cm.config).toMatchObject({ storage, prefix: 'FIXED:' })
  })

  it.each([
    [{ prefix: '' }, "prefix ''"],
    [{ prefix: 'A>B' }, "contains '>'"],
    [{ operationTimeoutMs: 0 }, "'operationTimeoutMs' is 0"],
    [{ breakerThreshold: -1 }, "'breakerThreshold' is -1"],
    [{ storage: {} as never }, "'storage' is {}"],
  ])('rejects %o with E_INVALID_OPTION', (config, message) => {
    const error = errorOf(() => createCacheme(config))
    expect(error?.code).toBe('E_INVALID_OPTION')
    expect(error?.message.replaceAll('"', "'")).toContain(message)
    expect(error?.message).toContain('→')
  })

  it('RedisStorage refuses something that is not an ioredis client, saying what to pass', () => {
    const error = errorOf(() => new RedisStorage({} as never))
    expect(error?.code).toBe('E_INVALID_OPTION')
    expect(error?.message).toContain('new Redis(url) or new Cluster(nodes)')
  })
})
