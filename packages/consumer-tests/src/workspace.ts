/**
 * The workspace as the release sees it: every package under `packages/`, `examples/` and `benchmarks/`,
 * and which of them are published (no `"private": true`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root: string = fileURLToPath(new URL('../../..', import.meta.url))

export interface PackageJson {
  readonly name: string
  readonly version: string
  readonly private?: boolean
  readonly [field: string]: unknown
}

export interface WorkspacePackage {
  /** Directory relative to the repository root, e.g. `packages/core`. */
  readonly dir: string
  readonly json: PackageJson
}

/** Every workspace package, sorted by directory. */
export function workspacePackages(): WorkspacePackage[] {
  const dirs = ['packages', 'examples', 'benchmarks']
    .flatMap((group) => {
      const abs = join(root, group)
      if (!existsSync(abs)) return []
      return [group, ...readdirSync(abs).map((name) => `${group}/${name}`)]
    })
    .filter((dir) => existsSync(join(root, dir, 'package.json')) && dir !== 'packages' && dir !== 'examples')
  return dirs.sort().map((dir) => ({ dir, json: readJson(join(root, dir, 'package.json')) }))
}

/** The packages a release publishes. */
export function publicPackages(): WorkspacePackage[] {
  return workspacePackages().filter((pkg) => pkg.json.private !== true)
}

export function readJson(file: string): PackageJson {
  return JSON.parse(readFileSync(file, 'utf8')) as PackageJson
}
