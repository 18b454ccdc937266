/**
 * The suite's runner contract: it registers only through the runner it is given (no test framework is
 * imported by src/), vitest's and jest's functions satisfy `TestRunner`, and capability flags decide
 * which optional tests are registered.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  type AdapterCapabilities,
  runAdapterSuite,
  runShapesSuite,
  type ShapesCapabilities,
  type TestRunner,
} from '../src/index.js'

const pkg = fileURLToPath(new URL('../', import.meta.url))

/** A runner that records what the suite registers, without running anything. */
function recordingRunner() {
  const tests: string[] = []
  const hooks: string[] = []
  const path: string[] = []
  const runner: TestRunner = {
    describe(name, body) {
      path.push(name)
      body()
      path.pop()
    },
    it(name) {
      tests.push([...path, name].join(' > '))
    },
    beforeAll: () => void hooks.push('beforeAll'),
    afterAll: () => void hooks.push('afterAll'),
    beforeEach: () => void hooks.push('beforeEach'),
    afterEach: () => void hooks.push('afterEach'),
    expect: expect as TestRunner['expect'],
  }
  return { runner, tests, hooks }
}

function register(capabilities: AdapterCapabilities) {
  const recording = recordingRunner()
  runAdapterSuite({
    runner: recording.runner,
    name: 'probe',
    capabilities,
    create: () => Promise.reject(new Error('registration only: never created')),
  })
  return recording
}

describe('runAdapterSuite registers through the runner it is given', () => {
  it("vitest's own functions are a TestRunner", () => {
    const vitest: TestRunner = { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach }
    expect(Object.keys(vitest)).toHaveLength(7)
  })

  it('no file under src/ imports a test framework', () => {
    const src = join(pkg, 'src')
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.ts'),
    )
    expect(files).toContain(join('shapes', 'harness.ts'))
    const offenders = files.filter((file) =>
      /^(import|export)\b[^\n]*\bfrom ['"](vitest|@jest\/globals|jest|mocha|node:test)['"]/m.test(
        readFileSync(join(src, file), 'utf8'),
      ),
    )
    expect(offenders).toEqual([])
  })

  it("the README's jest wiring type-checks against jest's own declarations", { timeout: 120_000 }, () => {
    const tsc = join(pkg, 'node_modules/typescript/bin/tsc')
    let output = ''
    try {
      execFileSync(process.execPath, [tsc, '-p', join(pkg, 'test/jest')], { encoding: 'utf8', stdio: 'pipe' })
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error)
    }
    expect(output).toBe('')
  })

  it('every concern registers under one outer describe, with the four lifecycle hooks', () => {
    const { tests, hooks } = register({ softDelete: true, savepoints: true })
    const concerns = new Set(tests.map((name) => name.split(' > ')[1]))
    expect([...concerns]).toEqual([
      'entity writes',
      'entity keys',
      'many-to-many',
      'transactions',
      'bulk and raw writes',
      'readers racing a transaction',
      'detach',
    ])
    expect(tests.every((name) => name.startsWith('probe: adapter conformance > '))).toBe(true)
    expect(hooks).toEqual(['beforeAll', 'afterAll', 'beforeEach', 'afterEach'])
  })

  it('capability flags decide which optional tests are registered; the rest is the same everywhere', () => {
    const all = register({ softDelete: true, savepoints: true }).tests
    const none = register({ softDelete: false, savepoints: false }).tests
    const onlyIn = all.filter((name) => !none.includes(name))
    expect(none.every((name) => all.includes(name))).toBe(true)
    expect(onlyIn.filter((name) => /soft-delet/.test(name))).toHaveLength(1)
    expect(onlyIn.filter((name) => /savepoint/.test(name))).toHaveLength(3)
    expect(onlyIn).toHaveLength(4)
  })

  it('sharedConnection swaps the isolated transaction expectations for the shared-connection ones', () => {
    const isolated = register({ softDelete: true, savepoints: true }).tests
    const shared = register({ softDelete: true, savepoints: true, sharedConnection: true }).tests
    const swappedIn = shared.filter((name) => !isolated.includes(name))
    const swappedOut = isolated.filter((name) => !shared.includes(name))
    expect(swappedIn.every((name) => /on a shared connection|invalidated when made/.test(name))).toBe(true)
    expect(swappedIn).toHaveLength(6)
    // The six isolated transaction tests, and the two readers that read pre-commit rows.
    expect(swappedOut).toHaveLength(8)
    expect(swappedOut.filter((name) => name.includes('readers racing'))).toHaveLength(2)
  })
})

function registerShapes(capabilities: ShapesCapabilities) {
  const recording = recordingRunner()
  runShapesSuite({
    runner: recording.runner,
    name: 'probe',
    capabilities,
    create: () => Promise.reject(new Error('registration only: never created')),
  })
  return recording
}

describe('runShapesSuite (schema 2) registers through the runner it is given', () => {
  it('every concern registers under one outer describe, with the four lifecycle hooks', () => {
    const { tests, hooks } = registerShapes({ singleTableInheritance: true })
    const concerns = new Set(tests.map((name) => name.split(' > ')[1]))
    expect([...concerns]).toEqual([
      'uuid, custom and composite primary keys',
      'explicit join entity',
      'self-referencing many-to-many',
      'one-directional many-to-many',
      'one-to-one',
      'children saved through the parent',
      'upsert',
      'writes by criteria',
      'single-table inheritance',
      'concurrent writes',
    ])
    expect(tests.every((name) => name.startsWith('probe: adapter conformance, real-world shapes > '))).toBe(
      true,
    )
    expect(hooks).toEqual(['beforeAll', 'afterAll', 'beforeEach', 'afterEach'])
  })

  it('singleTableInheritance decides whether the inheritance tests are registered; the rest is the same', () => {
    const all = registerShapes({ singleTableInheritance: true }).tests
    const none = registerShapes({ singleTableInheritance: false }).tests
    const onlyIn = all.filter((name) => !none.includes(name))
    expect(none.every((name) => all.includes(name))).toBe(true)
    expect(onlyIn.length).toBeGreaterThan(0)
    expect(onlyIn.every((name) => name.includes(' > single-table inheritance > '))).toBe(true)
  })
})
