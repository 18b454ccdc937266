/**
 * `pnpm pack` of every public package, once per test run (the vitest global setup), into
 * `.tarballs/` of this package: exactly the files and the rewritten `package.json` that `pnpm publish`
 * would upload (`workspace:` ranges resolved).
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { publicPackages, root } from './workspace.js'

export const tarballDir: string = fileURLToPath(new URL('../.tarballs', import.meta.url))

/** `@cacheme/core` at 0.2.0 → `cacheme-core-0.2.0.tgz`, the name pnpm gives it. */
export function tarballName(name: string, version: string): string {
  return `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`
}

/** Packs every public package (they must be built) and returns the tarball paths by package name. */
export function packAll(): Map<string, string> {
  rmSync(tarballDir, { recursive: true, force: true })
  mkdirSync(tarballDir, { recursive: true })
  const tarballs = new Map<string, string>()
  for (const { dir, json } of publicPackages()) {
    execFileSync('pnpm', ['pack', '--pack-destination', tarballDir], {
      cwd: join(root, dir),
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    tarballs.set(json.name, join(tarballDir, tarballName(json.name, json.version)))
  }
  const made = readdirSync(tarballDir).sort()
  const expected = [...tarballs.values()].map((file) => file.slice(tarballDir.length + 1)).sort()
  if (made.join() !== expected.join()) {
    throw new Error(`pnpm pack made ${made.join(', ')}, expected ${expected.join(', ')}`)
  }
  return tarballs
}

/** The tarballs the global setup made. */
export function packed(): Map<string, string> {
  const tarballs = new Map<string, string>()
  for (const { json } of publicPackages()) {
    tarballs.set(json.name, join(tarballDir, tarballName(json.name, json.version)))
  }
  return tarballs
}
