/**
 * Smoke test: the benchmarks still run end to end (tiny rounds). It asserts that they print their
 * tables — never any timing: numbers come from `pnpm bench`, not from tests.
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const tsx = here('../node_modules/.bin/tsx')

function run(script: string, env: Record<string, string>): string {
  return execFileSync(tsx, [here(`../${script}`)], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  })
}

describe('benchmarks run', () => {
  it('core-cache.ts prints every mode with a ratio against its baseline', () => {
    const out = run('core-cache.ts', { BENCH_ROUNDS: '1', BENCH_OPS: '5' })
    for (const mode of ['raw hit', 'cacheme hit', 'raw miss', 'cacheme miss', 'memory hit']) {
      expect(out).toMatch(new RegExp(`\\| ${mode} \\| 5 \\|`))
    }
    expect(out).toMatch(/× raw hit/)
  })

  it('typeorm-save.ts prints every mode on SQLite and PostgreSQL', () => {
    const out = run('typeorm-save.ts', { BENCH_ROUNDS: '1', BENCH_ROWS: '3' })
    for (const db of ['sqlite', 'postgres']) {
      for (const mode of [
        'without adapter',
        'adapter, delivery off',
        'adapter → Redis',
        'adapter → Redis, background',
      ]) {
        expect(out).toContain(`| ${db} | ${mode} | 3 |`)
      }
    }
  })
})
