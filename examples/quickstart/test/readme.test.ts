/** README examples are this example's src/readme*.ts (and test/storage-suite.test.ts) verbatim, and those files run. */
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

describe('README quick start', () => {
  it.each(['../../../README.md', '../../../packages/core/README.md'])(
    '%s contains src/readme.ts verbatim',
    (readme) => {
      expect(snippet.length).toBeGreaterThan(200)
      expect(readFileSync(here(readme), 'utf8')).toContain(snippet)
    },
  )

  it('runs against Redis and prints miss, hit, then the fresh value after invalidation', () => {
    const url = process.env.CACHEME_REDIS_URL
    if (!url) throw new Error('CACHEME_REDIS_URL is not set (run through pnpm test:all)')
    const out = execFileSync(process.execPath, [here('../dist/readme.js')], {
      env: { ...process.env, REDIS_URL: url },
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(out.trim().split('\n')).toEqual(["{ name: 'Ada' }", "{ name: 'Ada' }", "{ name: 'Ada Lovelace' }"])
  })
})

/** The text between `// #region <name>` and `// #endregion <name>` of a file of this example. */
function region(path: string, name: string): string {
  const text = readFileSync(here(path), 'utf8')
  const start = text.indexOf(`// #region ${name}\n`)
  const end = text.indexOf(`// #endregion ${name}`)
  if (start === -1 || end === -1) throw new Error(`${path} has no region ${name}`)
  return text.slice(start + `// #region ${name}\n`.length, end)
}

const coreReadme = () => readFileSync(here('../../../packages/core/README.md'), 'utf8')
const run = (file: string, env: Record<string, string> = {}) =>
  execFileSync(process.execPath, [here(file)], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  })
    .trim()
    .split('\n')

describe('packages/core/README.md examples', () => {
  it.each([
    ['../src/readme-wrap.ts', 'readme-wrap'],
    ['../src/readme-forms.ts', 'readme-forms'],
    ['../src/readme-inspect.ts', 'readme-inspect'],
    ['../src/readme-l1.ts', 'readme-l1'],
    ['storage-suite.test.ts', 'readme-suite'],
  ])('%s (region %s) is in the README verbatim', (path, name) => {
    const snippet = region(path, name)
    expect(snippet.length).toBeGreaterThan(200)
    expect(coreReadme()).toContain(snippet)
  })

  it('the cm.wrap quick start runs against Redis: miss, hit, then the fresh value after invalidation', () => {
    const url = process.env.CACHEME_REDIS_URL
    if (!url) throw new Error('CACHEME_REDIS_URL is not set (run through pnpm test:all)')
    expect(run('../dist/readme-wrap.js', { REDIS_URL: url })).toEqual([
      "{ name: 'Ada' }",
      "{ name: 'Ada' }",
      "{ name: 'Ada Lovelace' }",
    ])
  })

  it('the in-process tier example runs against Redis: a hit without a round trip, then invalidated', () => {
    const url = process.env.CACHEME_REDIS_URL
    if (!url) throw new Error('CACHEME_REDIS_URL is not set (run through pnpm test:all)')
    expect(run('../dist/readme-l1.js', { REDIS_URL: url })).toEqual([
      'l1 ready',
      "{ id: 1, name: 'Ada' } { state: 'ready', entries: 1 }",
      '2',
    ])
  })

  it('the decorator-types example runs and prints what its comments say', () => {
    expect(run('../dist/readme-forms.js')).toEqual([
      "{ name: 'owner of 1' }",
      'en title of 1',
      '30',
      "[ 'BookSerializer.getOwner', 'BookSerializer.getTitle', 'countBooks' ]",
    ])
  })

  it('the inspector example runs on MemoryStorage and prints what its comments say', () => {
    expect(run('../dist/readme-inspect.js')).toEqual([
      "[ { name: 'books', registered: true, live: 3, exact: true } ]",
      "[ 'Book:1', 'Book:2', 'Book:3' ]",
      "{ status: 'decoded', value: { id: 2, title: 'Book 2' } }",
      '6',
      'deleted 6 of ~6',
      '6 false',
      `[ '{"who":"ops","pattern":"Book:*","removed":6}' ]`,
    ])
  })
})
