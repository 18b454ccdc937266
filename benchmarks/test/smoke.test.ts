/**
 * Smoke test of the benchmark harness: `BENCH_QUICK=1 pnpm bench` (a few operations per workload, one
 * round, no chart) runs every workload end to end, and every mode of every table printed a result — a
 * rate and a ratio against the baseline, or an explicit "n/a: <why>". It asserts no timing: numbers come
 * from the full `pnpm bench`, never from tests.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Results, ResultTable } from '../src/report/results.js'
import { WORKLOAD_IDS } from '../src/settings.js'

const root = fileURLToPath(new URL('..', import.meta.url))
let out: string
let results: Results
let stdout: string

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'cacheme-bench-smoke-'))
  stdout = execFileSync(join(root, 'node_modules/.bin/tsx'), ['src/main.ts'], {
    cwd: root,
    env: { ...process.env, BENCH_QUICK: '1', BENCH_CHART: '0', BENCH_OUT: out },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 300_000,
  })
  results = JSON.parse(readFileSync(join(out, 'results', 'latest.json'), 'utf8')) as Results
}, 320_000)

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true })
})

const tablesOf = (workload: string): readonly ResultTable[] =>
  results.tables.filter((table) => table.workload === workload)

describe('BENCH_QUICK=1 pnpm bench', () => {
  it('runs every workload and records the machine, the pinning, the library versions and each table’s load', () => {
    expect([...new Set(results.tables.map((table) => table.workload))]).toEqual([...WORKLOAD_IDS])
    expect(results.pinning).toMatch(/^(node on CPU \d+|off \()/)
    for (const name of [
      '@cacheme/core',
      'bentocache',
      '@type-cacheable/core',
      'cache-manager',
      '@keyv/redis',
    ]) {
      expect(results.versions[name]).toMatch(/^\d+\.\d+\.\d+/)
    }
    expect(results.machine.redis).toMatch(/^\d+\.\d+/)
    for (const table of results.tables) {
      expect(table.load?.start, table.title).toBeGreaterThanOrEqual(0)
      expect(table.load?.end, table.title).toBeGreaterThanOrEqual(0)
    }
  })

  it.each([...WORKLOAD_IDS])(
    '%s: every mode printed a rate and a ratio, or says why it has none',
    (workload) => {
      const tables = tablesOf(workload)
      expect(tables.length).toBeGreaterThan(0)
      for (const table of tables) {
        expect(table.rows.map((row) => row.mode)).toContain(table.baseline)
        for (const row of table.rows) {
          if (row.status === 'n/a') {
            expect(row.reason, `${table.title} / ${row.mode}`).toMatch(/\w{10}/)
            continue
          }
          expect(row.status, `${table.title} / ${row.mode}: ${row.reason ?? ''}`).toBe('ok')
          expect(row.opsPerSec, `${table.title} / ${row.mode}`).toBeGreaterThan(0)
          expect(row.ratio, `${table.title} / ${row.mode}`).toBeGreaterThan(0)
        }
        expect(stdout).toContain(`### ${table.title}`)
      }
    },
  )

  it('hit tables serve every call from the cache, and miss tables run the function once per call', () => {
    for (const table of tablesOf('hit')) {
      for (const row of table.rows) expect(row.extra?.['loads/op'], row.mode).toBe(0)
    }
    for (const table of tablesOf('miss')) {
      for (const row of table.rows) expect(row.extra?.['loads/op'], row.mode).toBe(1)
    }
  })

  it('invalidation leaves no dependent servable and pattern invalidation leaves no key behind', () => {
    for (const table of tablesOf('invalidate')) {
      for (const row of table.rows.filter((r) => r.status === 'ok'))
        expect(row.extra?.['stale after'], row.mode).toBe(0)
    }
    for (const row of tablesOf('pattern')[0]!.rows) expect(row.extra?.['keys left'], row.mode).toBe(0)
  })

  it('wrote RESULTS.md with every table', () => {
    const markdown = readFileSync(join(out, 'RESULTS.md'), 'utf8')
    for (const table of results.tables) expect(markdown).toContain(`### ${table.title}`)
  })
})
