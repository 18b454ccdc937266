/** Smoke test: the quick start runs and prints miss → hit → invalidate → miss → hit, on memory and on Redis. */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url))

function run(env: Record<string, string>): string[] {
  const out = execFileSync(process.execPath, [main], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  })
  return out.split('\n').filter((line) => /^\d\./.test(line))
}

describe('quickstart example', () => {
  it.each([
    ['memory', {} as Record<string, string>],
    ['redis', { REDIS_URL: process.env.CACHEME_REDIS_URL ?? 'missing CACHEME_REDIS_URL' }],
  ])('prints miss, hit, invalidate, miss, hit on %s', (_name, env) => {
    const lines = run(env)
    expect(lines).toHaveLength(5)
    expect(lines[0]).toMatch(/ miss /)
    expect(lines[1]).toMatch(/ hit /)
    expect(lines[2]).toMatch(/removed 1 entry/)
    expect(lines[3]).toMatch(/ miss .*Ada Lovelace/)
    expect(lines[4]).toMatch(/ hit .*Ada Lovelace/)
  })
})
