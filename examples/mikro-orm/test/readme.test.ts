/** The @cacheme/mikro-orm README quick start (also in the root README) is src/readme.ts verbatim, and that file runs. */
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

describe('@cacheme/mikro-orm README quick start', () => {
  it.each(['../../../packages/mikro-orm/README.md', '../../../README.md'])(
    '%s contains src/readme.ts verbatim',
    (readme) => {
      expect(snippet.length).toBeGreaterThan(200)
      expect(readFileSync(here(readme), 'utf8')).toContain(snippet)
    },
  )

  it('runs against Redis and serves the fresh title after flush()', () => {
    const url = process.env.CACHEME_REDIS_URL
    if (!url) throw new Error('CACHEME_REDIS_URL is not set (run through pnpm test:all)')
    const out = execFileSync(process.execPath, [here('../dist/readme.js')], {
      env: { ...process.env, REDIS_URL: url },
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(out.trim().split('\n')).toEqual(['Notes', 'Notes, 2nd ed.', 'Notes, 2nd ed.'])
  })
})
