/**
 * As a user gets cacheme: the packed tarballs of core and one adapter, installed with plain `npm install`
 * into a scratch app outside the workspace, compiled with `tsc --strict` and `skipLibCheck: false`, run
 * against the real Redis and an SQLite file — miss, hit, a write through the ORM, the fresh value. One
 * `describe` per entry of src/cases.ts, one test per variant (ORM decorators, TC39 decorators, CommonJS).
 */
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ConsumerReport, cases } from '../src/cases.js'
import { packed } from '../src/pack.js'
import { compile, type ScratchApp, scratchApp } from '../src/scratch.js'
import { publicPackages, readJson } from '../src/workspace.js'

const expectedVersion = (name: string) => publicPackages().find((p) => p.json.name === name)?.json.version
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url))

describe.each(cases)('a $name application installing the packed tarballs with npm', (c) => {
  let app: ScratchApp | undefined
  let dir = ''
  const tarballs = packed()

  beforeAll(() => {
    app = scratchApp(c, fixture(c.name), tarballs)
    dir = app.dir
  })
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('gets the packed packages: their versions, dist and README, no tests', () => {
    for (const name of c.packages) {
      const installed = join(dir, 'node_modules', name)
      const source = [...tarballs.keys()].includes(name)
        ? readJson(join(installed, 'package.json'))
        : undefined
      expect(source?.version).toBe(expectedVersion(name))
      expect(existsSync(join(installed, 'dist', 'index.d.ts'))).toBe(true)
      expect(existsSync(join(installed, 'LICENSE'))).toBe(true)
      expect(existsSync(join(installed, 'test'))).toBe(false)
      const json = readFileSync(join(installed, 'package.json'), 'utf8')
      expect(json).not.toContain('workspace:')
    }
  })

  it.each(c.variants)(
    '%s: compiles with tsc --strict (skipLibCheck false) and serves miss, hit, then the fresh value after a write (Redis, SQLite)',
    (variant) => {
      const url = process.env.CACHEME_REDIS_URL
      if (!url) throw new Error('CACHEME_REDIS_URL is not set (run through pnpm test:all)')
      if (!app) throw new Error('the scratch app was not installed (see beforeAll)')
      compile(app, variant)
      const entry = join(dir, 'dist', variant, `${c.entry ?? variant}.js`)
      if (c.type === 'commonjs') {
        // tsc emitted CommonJS: the shared module require()s the ESM-only core.
        const shared = readFileSync(join(dir, 'dist', variant, 'shared', 'consumer.js'), 'utf8')
        expect(shared).toContain('require("@cacheme/core")')
      }
      const prefix = `consumer:${randomUUID()}:`
      const out = execFileSync(process.execPath, [entry], {
        cwd: dir,
        env: {
          ...process.env,
          REDIS_URL: url,
          CACHE_PREFIX: prefix,
          DB_FILE: join(dir, `${variant}.sqlite`),
        },
        encoding: 'utf8',
        timeout: 60_000,
      })
      const report = JSON.parse(out.trim().split('\n').at(-1) ?? '') as ConsumerReport
      expect(report).toEqual({
        values: ['Notes', 'Notes', 'Notes, 2nd ed.'],
        events: [
          `miss ${prefix}Book:1>title`,
          `hit ${prefix}Book:1>title`,
          `miss ${prefix}Book:1>title`,
          ...(c.extraEvents ?? []),
        ],
      })
    },
  )
})
