/**
 * Every public package's package.json as the registry shows it (issue 10, decision 0027): types-first
 * exports, files without tests, the license and repository fields, engines, the peer-range policy, a
 * LICENSE file, a README whose links work outside the repository. Every other workspace package is private.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type PackageJson, publicPackages, readJson, root, workspacePackages } from '../src/workspace.js'

const rootJson = readJson(join(root, 'package.json'))
const repository = rootJson.repository as { url: string }
const repoUrl = repository.url.replace(/^git\+/, '').replace(/\.git$/, '')
const core = publicPackages().find((p) => p.json.name === '@cacheme/core')!.json
const published = [
  '@cacheme/core',
  '@cacheme/mikro-orm',
  '@cacheme/sequelize',
  '@cacheme/test-suite',
  '@cacheme/typeorm',
]

type Exports = Record<string, string | Record<string, string>>
type Ranges = Record<string, string>

/** `0.2.1` → [0, 2, 1]. */
const parse = (version: string) => version.split('.').map(Number) as [number, number, number]
const atLeast = (a: string, b: string) => {
  const [x, y] = [parse(a), parse(b)]
  return x[0] !== y[0] ? x[0] > y[0] : x[1] !== y[1] ? x[1] > y[1] : x[2] >= y[2]
}

describe('the workspace', () => {
  it('publishes exactly the cacheme libraries; examples, benchmarks and harnesses are private', () => {
    expect(publicPackages().map((p) => p.json.name)).toEqual(expect.arrayContaining(published))
    for (const { dir, json } of workspacePackages()) {
      if (dir.startsWith('examples/') || dir.startsWith('benchmarks')) expect(json.private, dir).toBe(true)
    }
  })

  it('has the MIT LICENSE at the root', () => {
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/)
  })
})

describe.each(publicPackages())('$json.name package.json', ({ dir, json }) => {
  const pkg: PackageJson = json

  it('points types first in every export condition, and has main/types for older tools', () => {
    const exports = pkg.exports as Exports
    expect(exports['./package.json']).toBe('./package.json')
    for (const [subpath, target] of Object.entries(exports)) {
      if (typeof target === 'string') continue
      expect(Object.keys(target)[0], subpath).toBe('types')
      expect(target.types, subpath).toMatch(/^\.\/dist\/.*\.d\.ts$/)
    }
    expect(pkg.types).toBe('./dist/index.d.ts')
    expect(pkg.main).toBe('./dist/index.js')
    expect(pkg.type).toBe('module')
  })

  it('ships dist, src (for the source maps), README, LICENSE and CHANGELOG only', () => {
    expect(pkg.files).toEqual(['dist', 'src', 'README.md', 'LICENSE', 'CHANGELOG.md'])
    expect(readFileSync(join(root, dir, 'LICENSE'), 'utf8')).toBe(readFileSync(join(root, 'LICENSE'), 'utf8'))
  })

  it('names its license, repository, homepage, bugs, engines and public access', () => {
    expect(pkg.license).toBe('MIT')
    expect(pkg.repository).toEqual({ type: 'git', url: repository.url, directory: dir })
    expect(pkg.homepage).toBe(`${repoUrl}/tree/main/${dir}#readme`)
    expect(pkg.bugs).toEqual({ url: `${repoUrl}/issues` })
    expect(pkg.engines).toEqual(rootJson.engines)
    expect(pkg.publishConfig).toEqual({ access: 'public' })
  })

  it('takes @cacheme/core and its ORM as peers, core within the 0.x policy range', () => {
    const peers = (pkg.peerDependencies ?? {}) as Ranges
    const deps = (pkg.dependencies ?? {}) as Ranges
    expect(Object.keys(deps).filter((name) => name.startsWith('@cacheme/'))).toEqual([])
    for (const name of Object.keys((pkg.peerDependenciesMeta ?? {}) as Ranges))
      expect(peers).toHaveProperty(name)
    if (pkg.name === '@cacheme/core') return
    // Decision 0027: `>=<lowest core it works with> <<core's next major>`, so a core minor or patch never
    // re-releases the adapters.
    const range = /^>=(\d+)\.(\d+)\.(\d+) <(\d+)$/.exec(peers['@cacheme/core'] ?? '')
    expect(range, `peer range of @cacheme/core: ${peers['@cacheme/core']}`).not.toBeNull()
    const [, major, minor, patch, cap] = range!.map(Number) as number[]
    expect(cap, `upper bound of ${range![0]}`).toBe(parse(core.version)[0] + 1)
    expect(atLeast(core.version, `${major}.${minor}.${patch}`), `core ${core.version} in ${range![0]}`).toBe(
      true,
    )
    for (const range of Object.values(peers)) expect(range).not.toMatch(/workspace:|\*/)
  })

  it('has a README whose links work on the registry (absolute, or anchors)', () => {
    const readme = readFileSync(join(root, dir, 'README.md'), 'utf8')
    const relative = [...readme.matchAll(/\]\((?!https?:\/\/|#|mailto:)([^)]+)\)/g)].map((m) => m[1])
    expect(relative).toEqual([])
  })
})
