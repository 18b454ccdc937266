/**
 * The storage conformance suite takes the caller's test runner: the published build imports no test
 * framework, and the whole suite passes under Node's own runner (node:test + node:assert, see
 * test/fixtures/node-test-runner/memory-suite.mjs) exactly as it does under vitest.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const pkg = fileURLToPath(new URL('../../', import.meta.url))

describe('storage conformance suite packaging', () => {
  it('dist/test-suite imports no test framework', () => {
    const dir = join(pkg, 'dist/test-suite')
    const files = readdirSync(dir).filter((name) => name.endsWith('.js'))
    expect(files.length).toBeGreaterThan(5)
    for (const file of files) {
      // Import statements only: the module doc shows a vitest wiring as an example.
      const source = readFileSync(join(dir, file), 'utf8')
      expect(source, file).not.toMatch(/^import[^\n]*from ['"](vitest|jest|mocha|node:test)['"]/m)
    }
  })

  it('runs green under node:test on MemoryStorage', () => {
    const fixture = join(pkg, 'test/fixtures/node-test-runner/memory-suite.mjs')
    // Exits non-zero when a test fails (execFileSync then throws with the TAP output).
    const tap = execFileSync(process.execPath, ['--test', '--test-reporter=tap', fixture], {
      encoding: 'utf8',
      timeout: 120_000,
    })
    const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? -1)
    expect(count('fail')).toBe(0)
    expect(count('pass')).toBeGreaterThan(40)
  })
})
