/**
 * A scratch copy of the workspace for `changeset version`: the root manifest, the workspace and changesets
 * configuration and every package.json — nothing else — in a temporary git repository, with
 * `node_modules` linked to the workspace's (for the changelog generator). Tests add their own changesets
 * and read back what `changeset version` wrote.
 */
import { execFileSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type PackageJson, root, workspacePackages } from './workspace.js'

const changesetBin = fileURLToPath(new URL('../node_modules/.bin/changeset', import.meta.url))

export interface ScratchRelease {
  readonly dir: string
  /** Adds `.changeset/<name>.md` with these bumps. */
  addChangeset(name: string, bumps: Record<string, 'patch' | 'minor' | 'major'>, summary: string): void
  /** Runs `changeset version`. */
  version(): void
  /** A package.json of the copy, by directory (`packages/core`). */
  manifest(dir: string): PackageJson
  /** The CHANGELOG.md of a package directory, or undefined when there is none. */
  changelog(dir: string): string | undefined
}

/** `withPending`: copy the repository's own pending changesets too (else none). */
export function scratchRelease(options: { withPending: boolean }): ScratchRelease {
  const dir = mkdtempSync(join(tmpdir(), 'cacheme-changesets-'))
  const copy = (path: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    cpSync(join(root, path), join(dir, path))
  }
  for (const file of ['package.json', 'pnpm-workspace.yaml', '.changeset/config.json']) copy(file)
  for (const pkg of workspacePackages()) copy(`${pkg.dir}/package.json`)
  if (options.withPending) {
    for (const file of pendingChangesets()) copy(`.changeset/${file}`)
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir')
  writeFileSync(join(dir, '.gitignore'), 'node_modules\n')
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@localhost', ...args], {
      cwd: dir,
      stdio: 'pipe',
    })
  git('init', '-q', '-b', 'main')
  git('add', '-A')
  git('commit', '-q', '-m', 'scratch')
  return {
    dir,
    addChangeset(name, bumps, summary) {
      const lines = Object.entries(bumps).map(([pkg, bump]) => `'${pkg}': ${bump}`)
      writeFileSync(join(dir, '.changeset', `${name}.md`), `---\n${lines.join('\n')}\n---\n\n${summary}\n`)
    },
    version() {
      execFileSync(changesetBin, ['version'], { cwd: dir, stdio: 'pipe' })
    },
    manifest: (pkgDir) => JSON.parse(readFileSync(join(dir, pkgDir, 'package.json'), 'utf8')) as PackageJson,
    changelog(pkgDir) {
      const file = join(dir, pkgDir, 'CHANGELOG.md')
      return existsSync(file) ? readFileSync(file, 'utf8') : undefined
    },
  }
}

/** The repository's pending changeset files (`.changeset/*.md` except the README). */
export function pendingChangesets(): string[] {
  return readdirSync(join(root, '.changeset')).filter((file) => file.endsWith('.md') && file !== 'README.md')
}

/** The bumps a changeset file declares: package name → bump. */
export function bumpsOf(file: string): Map<string, string> {
  const text = readFileSync(join(root, '.changeset', file), 'utf8')
  const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? ''
  return new Map(
    [...front.matchAll(/^['"]?([^'":]+)['"]?\s*:\s*(patch|minor|major)\s*$/gm)].map((m) => [m[1]!, m[2]!]),
  )
}
