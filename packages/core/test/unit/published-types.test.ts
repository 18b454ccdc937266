/**
 * Packaging: an application that uses only MemoryStorage type-checks against the *published* declarations
 * (dist/, as npm would install them) with `skipLibCheck: false` and without ioredis installed — ioredis is
 * an optional peer dependency — and so does a third-party storage using `@cacheme/core/storage` and
 * `@cacheme/core/test-suite`.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const pkg = fileURLToPath(new URL('../../', import.meta.url))
const app = mkdtempSync(join(tmpdir(), 'cacheme-types-'))
afterAll(() => rmSync(app, { recursive: true, force: true }))

describe('published type declarations', () => {
  it('type-check for a MemoryStorage-only app and a third-party storage, without ioredis (skipLibCheck: false)', {
    timeout: 120_000,
  }, () => {
    const core = join(app, 'node_modules/@cacheme/core')
    mkdirSync(core, { recursive: true })
    cpSync(join(pkg, 'dist'), join(core, 'dist'), { recursive: true })
    cpSync(join(pkg, 'package.json'), join(core, 'package.json'))
    cpSync(join(pkg, 'node_modules/devalue'), join(app, 'node_modules/devalue'), {
      recursive: true,
      dereference: true,
    })
    symlinkSync(join(pkg, 'node_modules/@types'), join(app, 'node_modules/@types'))
    writeFileSync(
      join(app, 'app.ts'),
      [
        "import { createCacheme, MemoryStorage, type CachemeOptions } from '@cacheme/core'",
        'const cm = createCacheme({ storage: new MemoryStorage({ maxEntries: 10 }) })',
        "export const get = cm.wrap(async (id: number) => ({ id }), { key: (c) => 'User:' + c.args[0], tag: 'get' })",
        'export const options: CachemeOptions<[number], number> = { key: (c) => String(c.args[0]) }',
        // A third-party storage's view: the driver types and the conformance suite, by their subpaths.
        "import { type CacheStorage, type WriteRequest, parseMemberKey, SET_TTL_MARGIN_MS } from '@cacheme/core/storage'",
        "import { runStorageSuite, type TestRunner } from '@cacheme/core/test-suite'",
        "export const member: { hash: string; field: string } | undefined = parseMemberKey('CM:Book:1>owner')",
        'export const margin: number = SET_TTL_MARGIN_MS',
        'export type Write = WriteRequest',
        'export function prove(runner: TestRunner, storage: () => CacheStorage): void {',
        "  runStorageSuite({ runner, name: 'mine', factory: async () => ({ storage: storage(), cleanup: async () => {} }), capabilities: { atomicWrite: true } })",
        '}',
      ].join('\n'),
    )
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
        },
        files: ['app.ts'],
      }),
    )
    const tsc = join(pkg, 'node_modules/typescript/bin/tsc')
    let output = ''
    try {
      execFileSync(process.execPath, [tsc, '-p', app], { encoding: 'utf8', stdio: 'pipe' })
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error)
    }
    expect(output).toBe('')
  })
})
