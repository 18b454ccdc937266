/** The admin README's quick start is src/readme.ts verbatim, and that file runs and exits. */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const source = readFileSync(here('../src/readme.ts'), 'utf8')
const snippet = source.slice(
  source.indexOf('// #region readme\n') + 18,
  source.indexOf('// #endregion readme'),
)

describe('packages/admin/README.md quick start', () => {
  it('is src/readme.ts verbatim', () => {
    expect(snippet.split('\n').length).toBeGreaterThan(8)
    expect(readFileSync(here('../../../packages/admin/README.md'), 'utf8')).toContain(snippet)
  })

  it('runs: serves the admin with its CSP to the token, then exits on its own', () => {
    const out = execFileSync(process.execPath, [here('../dist/readme.js')], {
      env: { ...process.env, PORT: '0', ADMIN_TOKEN: 'readme-token-0123456789' },
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(out.trim()).toBe("200 default-src 'none'")
  })
})
