/** Smoke test: the TypeORM demo prints the expected recompute counts, on memory and on Redis. */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url))

describe('typeorm example', () => {
  it.each([
    ['memory', {} as Record<string, string>],
    ['redis', { REDIS_URL: process.env.CACHEME_REDIS_URL ?? 'missing CACHEME_REDIS_URL' }],
  ])(
    'recomputes exactly what changed, and nothing is left from a rolled-back rename, on %s',
    (_name, env) => {
      const out = execFileSync(process.execPath, [main], {
        env: { ...process.env, ...env },
        encoding: 'utf8',
        timeout: 30_000,
      })
      const counts = out
        .split('\n')
        .filter((line) => /^\d\./.test(line))
        .map((line) => Number(/computed (\d+)/.exec(line)?.[1]))
      // Step 7: on SQLite's shared connection the rename was invalidated when made, and the owner is
      // recomputed from the rolled-back row — the old name.
      expect(counts).toEqual([2, 0, 0, 1, 1, 1, 1])
      expect(out).toContain('"owner":{"name":"Ada Lovelace"},"readers":["Alan Turing"]')
    },
  )
})
