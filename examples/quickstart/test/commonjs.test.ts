/** CommonJS applications can require() the ESM package (require(esm), Node >= 20.19). */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

describe('CommonJS consumers', () => {
  it('require("@cacheme/core") works and caches', () => {
    const app = fileURLToPath(new URL('./fixtures/commonjs-app.cjs', import.meta.url))
    const out = execFileSync(process.execPath, [app], { encoding: 'utf8', timeout: 30_000 })
    expect(JSON.parse(out)).toEqual({ user: { id: 1 }, computed: 1 })
  })
})
