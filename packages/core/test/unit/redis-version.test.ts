/** The Redis version rule of RedisStorage's server check (no I/O; the check itself: server-check.test.ts). */
import { describe, expect, it } from 'vitest'
import { CachemeError } from '../../src/index.js'
import { assertSupportedServer, isSupportedVersion, redisVersion } from '../../src/storage/redis-version.js'

describe('Redis version check', () => {
  it('reads redis_version from an INFO server reply', () => {
    const info = '# Server\r\nredis_version:7.0.15\r\nredis_git_sha1:00000000\r\nredis_mode:standalone\r\n'
    expect(redisVersion(info)).toBe('7.0.15')
    expect(redisVersion('# Server\r\nredis_mode:standalone\r\n')).toBeUndefined()
  })

  it.each([
    ['6.0.16', false],
    ['6.2.14', false],
    ['7.0.0', true],
    ['7.2.4', true],
    ['8.0.1', true],
    ['10.0.0', true],
  ])('%s supported: %s', (version, supported) => {
    expect(isSupportedVersion(version)).toBe(supported)
  })

  it('refuses an older server with E_STORAGE_UNSUPPORTED naming it; accepts one without a version line', () => {
    let error: unknown
    try {
      assertSupportedServer('redis_version:6.2.14\r\n', '10.0.0.1:6379')
    } catch (caught) {
      error = caught
    }
    expect(CachemeError.is(error, 'E_STORAGE_UNSUPPORTED')).toBe(true)
    expect((error as Error).message).toContain('10.0.0.1:6379')
    expect((error as Error).message).toContain('"6.2.14"')
    expect(() => assertSupportedServer('# Server\r\n', 'x')).not.toThrow()
  })
})
