/**
 * The Lua scripts ship as a generated TypeScript module (`src/storage/scripts/lua-sources.generated.ts`):
 * it must match the `.lua` sources, and a bundle of the published build must run RedisStorage with
 * nothing beside it (no `.lua` file to read at run time).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { afterAll, describe, expect, it } from 'vitest'
import type * as Core from '../../src/index.js'
import { connectRedis, deleteByPrefix, randomPrefix } from '../support/redis.js'

const pkg = fileURLToPath(new URL('../../', import.meta.url))
const out = mkdtempSync(join(tmpdir(), 'cacheme-bundle-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

describe('Lua sources', () => {
  it('the generated module is up to date with the .lua files', () => {
    // Exits non-zero (and the assertion below never runs) when the module is stale.
    const stderr = execFileSync(process.execPath, [join(pkg, 'scripts/generate-lua.mjs'), '--check'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    expect(stderr).toBe('')
  })

  it('a single-file bundle of dist/ runs RedisStorage against Redis with no .lua file beside it', {
    timeout: 120_000,
  }, async () => {
    const outfile = join(out, 'cacheme.mjs')
    await build({
      entryPoints: [join(pkg, 'dist/index.js')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      logLevel: 'silent',
    })
    expect(readdirSync(out)).toEqual(['cacheme.mjs'])
    const bundled = (await import(pathToFileURL(outfile).href)) as typeof Core
    const redis = connectRedis()
    const prefix = randomPrefix()
    try {
      const cm = bundled.createCacheme({ storage: new bundled.RedisStorage(redis), prefix })
      let computed = 0
      const get = cm.wrap(async (id: number) => ({ id, n: ++computed }), {
        key: (c) => `Bundled:${c.args[0]}`,
        invalidKeys: (c) => `User:${c.args[0]}`,
        tag: 'bundled',
      })
      expect(await get(1)).toEqual({ id: 1, n: 1 }) // read + write script
      expect(await get(1)).toEqual({ id: 1, n: 1 }) // hit
      expect(await cm.invalidate('User:1')).toBe(1) // invalidate script
      expect(await get(1)).toEqual({ id: 1, n: 2 })
      expect(cm.pendingInvalidations).toBe(0)
    } finally {
      await deleteByPrefix(redis, prefix)
      await redis.quit()
    }
  })
})
