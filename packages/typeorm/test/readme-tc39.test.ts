/**
 * The README's TC39-decorator + EntitySchema example (test/fixtures/tc39/books.ts) is in the README verbatim,
 * compiles with standard decorators (plain tsc: vitest on Node 20 cannot transform them), and runs.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/** The text between `// #region <name>` and `// #endregion <name>`. */
function region(path: string, name: string): string {
  const text = readFileSync(here(path), 'utf8')
  const start = text.indexOf(`// #region ${name}\n`)
  const end = text.indexOf(`// #endregion ${name}`)
  if (start === -1 || end === -1) throw new Error(`${path} has no region ${name}`)
  return text.slice(start + `// #region ${name}\n`.length, end)
}

describe('README: TC39 standard decorators with EntitySchema entities', () => {
  it('the README holds test/fixtures/tc39/books.ts verbatim', () => {
    const snippet = region('fixtures/tc39/books.ts', 'readme-tc39')
    expect(snippet.length).toBeGreaterThan(500)
    expect(readFileSync(here('../README.md'), 'utf8')).toContain(snippet)
  })

  it('compiles with standard decorators and runs against Redis: miss, hit (a Book instance), fresh after save', {
    timeout: 120_000,
  }, () => {
    const url = process.env.CACHEME_REDIS_URL
    if (!url)
      throw new Error('CACHEME_REDIS_URL is not set: start services with `bash scripts/services.sh start`.')
    const tsc = here('../node_modules/typescript/bin/tsc')
    execFileSync(process.execPath, [tsc, '-p', here('fixtures/tc39')], { stdio: 'pipe' })
    const out = execFileSync(process.execPath, [here('fixtures/tc39/dist/books.js')], {
      env: { ...process.env, REDIS_URL: url },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(out.trim().split('\n')).toEqual(['#1 Dune', 'true', '#1 Dune Messiah'])
  })
})
