/**
 * Independent versions, shown with a real `changeset version` in a scratch copy of the workspace (only
 * the manifests and the changesets configuration): a change to one adapter bumps only that adapter, a
 * core minor leaves the adapters alone (inside their `>=… <1` peer range, decision 0027), a core major
 * bumps every dependent; the repository's pending changesets produce exactly the bumps they declare; and
 * no private package is ever versioned or published.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { bumpsOf, scratchRelease as makeScratch, pendingChangesets } from '../src/changesets.js'
import { publicPackages, root, workspacePackages } from '../src/workspace.js'

const scratchDirs: string[] = []
const scratchRelease = (options: { withPending: boolean }) => {
  const release = makeScratch(options)
  scratchDirs.push(release.dir)
  return release
}
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true })
})

const versions = (release: ReturnType<typeof makeScratch>) =>
  Object.fromEntries(workspacePackages().map((p) => [p.json.name, release.manifest(p.dir).version]))
const before = Object.fromEntries(workspacePackages().map((p) => [p.json.name, p.json.version]))
const dirOf = (name: string) => workspacePackages().find((p) => p.json.name === name)!.dir
const adapters = publicPackages()
  .filter((p) => p.json.name !== '@cacheme/core')
  .map((p) => p.json.name)

const bump = (version: string, kind: string) => {
  const [major, minor, patch] = version.split('.').map(Number) as [number, number, number]
  if (kind === 'major') return `${major + 1}.0.0`
  if (kind === 'minor') return `${major}.${minor + 1}.0`
  return `${major}.${minor}.${patch + 1}`
}

describe('changeset version in a scratch copy', () => {
  it('a patch to one adapter bumps only that adapter and writes only its CHANGELOG', () => {
    const release = scratchRelease({ withPending: false })
    release.addChangeset('one-adapter', { '@cacheme/sequelize': 'patch' }, 'Fix a Sequelize thing.')
    release.version()
    const sequelize = dirOf('@cacheme/sequelize')
    expect(versions(release)).toEqual({
      ...before,
      '@cacheme/sequelize': bump(before['@cacheme/sequelize']!, 'patch'),
    })
    expect(release.changelog(sequelize)).toContain('Fix a Sequelize thing.')
    for (const pkg of workspacePackages().filter((p) => p.dir !== sequelize)) {
      expect(release.changelog(pkg.dir), pkg.dir).toBeUndefined()
    }
  })

  it('a core minor bumps core only: every adapter peer range still contains it', () => {
    const release = scratchRelease({ withPending: false })
    release.addChangeset('core-minor', { '@cacheme/core': 'minor' }, 'A new core option.')
    release.version()
    expect(versions(release)).toEqual({ ...before, '@cacheme/core': bump(before['@cacheme/core']!, 'minor') })
    for (const name of adapters) {
      const dir = dirOf(name)
      expect(release.manifest(dir).peerDependencies, name).toEqual(
        workspacePackages().find((p) => p.dir === dir)!.json.peerDependencies,
      )
    }
  })

  it('a core major leaves every adapter peer range, so each dependent is bumped and its range moved', () => {
    const release = scratchRelease({ withPending: false })
    release.addChangeset('core-major', { '@cacheme/core': 'major' }, 'A breaking core change.')
    release.version()
    const after = versions(release)
    const core = bump(before['@cacheme/core']!, 'major')
    expect(after['@cacheme/core']).toBe(core)
    for (const name of adapters) {
      expect(after[name], name).not.toBe(before[name])
      const peers = release.manifest(dirOf(name)).peerDependencies as Record<string, string>
      // changesets writes `>=<new core>` without an upper bound: the release PR restores `<next major`
      // (CONTRIBUTING.md), which metadata.test.ts enforces.
      expect(peers['@cacheme/core'], name).toBe(`>=${core}`)
    }
  })

  it("the repository's pending changesets bump exactly the packages they name, by the largest bump", () => {
    const declared = new Map<string, string>()
    const order = ['patch', 'minor', 'major']
    for (const file of pendingChangesets()) {
      for (const [name, kind] of bumpsOf(file)) {
        if (order.indexOf(kind) > order.indexOf(declared.get(name) ?? 'none')) declared.set(name, kind)
      }
    }
    const release = scratchRelease({ withPending: true })
    release.version()
    const expected = { ...before }
    for (const [name, kind] of declared) expected[name] = bump(before[name]!, kind)
    // A dependent also moves when a declared core bump leaves its range (not the case for 0.x minors).
    expect(versions(release)).toEqual(expected)
    for (const name of declared.keys()) {
      expect(workspacePackages().find((p) => p.json.name === name)?.json.private, name).not.toBe(true)
    }
  })
})

describe('publishing', () => {
  it('pnpm -r publish (dry run) publishes exactly the public packages, never a private one', () => {
    // In the workspace itself (pnpm resolves `workspace:` ranges from its links); the summary it writes
    // is removed again (and gitignored).
    const file = join(root, 'pnpm-publish-summary.json')
    let summary: { publishedPackages: { name: string }[] }
    try {
      execFileSync('pnpm', ['-r', 'publish', '--dry-run', '--no-git-checks', '--report-summary'], {
        cwd: root,
        stdio: 'pipe',
      })
      summary = JSON.parse(readFileSync(file, 'utf8')) as typeof summary
    } finally {
      rmSync(file, { force: true })
    }
    const names = summary.publishedPackages.map((p) => p.name).sort()
    expect(names).toEqual(
      publicPackages()
        .map((p) => p.json.name)
        .sort(),
    )
    const privateNames = workspacePackages()
      .filter((p) => p.json.private === true)
      .map((p) => p.json.name)
    expect(privateNames.length).toBeGreaterThan(0)
    for (const name of privateNames) expect(names).not.toContain(name)
  })
})
