/**
 * A scratch application outside the workspace, installed the way a user installs cacheme: a plain
 * `package.json` naming the packed tarballs and the third-party packages, and `npm install`.
 *
 * Third-party packages (the ORM, its native SQLite driver, TypeScript) take minutes to install on a cold
 * machine — the drivers compile from source here — so each case's installed `node_modules` is kept as a
 * template under `~/.cache/cacheme-consumer-tests/<case>-<hash of its dependencies>` (or
 * `$CACHEME_CONSUMER_CACHE`). Each run copies the template into a fresh temporary directory and runs
 * `npm install` there, which then only has to add the tarballs. A template is built in a temporary
 * directory and renamed into place, so parallel runs never see a half-installed one.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ConsumerCase } from './cases.js'

/** Where a scratch app came from: its template (for the type-check cache) and its own directory. */
export interface ScratchApp {
  readonly dir: string
  readonly template: string
}

const cacheRoot = process.env.CACHEME_CONSUMER_CACHE ?? join(homedir(), '.cache', 'cacheme-consumer-tests')

/** Installed in every scratch app: the compiler and Node's types, exact versions. */
export const toolchain: Readonly<Record<string, string>> = {
  typescript: '6.0.3',
  '@types/node': '20.19.43',
}

function npm(cwd: string, args: string[]): void {
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    // Native drivers build against Node's headers from the distribution (no prebuilt downloads here).
    env: {
      ...process.env,
      npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr',
      npm_config_update_notifier: 'false',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 15 * 60_000,
  })
}

function manifest(c: ConsumerCase, dependencies: Record<string, string>): string {
  const json = {
    name: `cacheme-consumer-${c.name}`,
    private: true,
    type: c.type ?? 'module',
    dependencies,
    ...(c.overrides ? { overrides: c.overrides } : {}),
  }
  return `${JSON.stringify(json, null, 2)}\n`
}

/** The template directory of a case (installed third-party packages), built on first use. */
function template(c: ConsumerCase): string {
  const dependencies = { ...toolchain, ...c.dependencies }
  const hash = createHash('sha256')
    .update(JSON.stringify({ dependencies, overrides: c.overrides, node: process.versions.modules }))
    .digest('hex')
    .slice(0, 16)
  const dir = join(cacheRoot, `${c.name}-${hash}`)
  if (existsSync(join(dir, '.complete'))) return dir
  mkdirSync(cacheRoot, { recursive: true })
  const building = `${dir}.building-${process.pid}`
  rmSync(building, { recursive: true, force: true })
  mkdirSync(building)
  writeFileSync(join(building, 'package.json'), manifest(c, dependencies))
  npm(building, ['install'])
  writeFileSync(join(building, '.complete'), '')
  try {
    renameSync(building, dir)
  } catch (error) {
    // Another run finished the same template first: use theirs.
    rmSync(building, { recursive: true, force: true })
    if (!existsSync(join(dir, '.complete'))) throw error
  }
  return dir
}

/**
 * A fresh scratch app for `c` with `tarballs` (package name → .tgz path) installed, and the case's
 * fixture files copied in (with `fixtures/shared/` as its `src/shared/`). Returns its directory (under the OS temp dir); remove it when done.
 */
export function scratchApp(
  c: ConsumerCase,
  fixtureDir: string,
  tarballs: ReadonlyMap<string, string>,
): ScratchApp {
  const from = template(c)
  const dir = mkdtempSync(join(tmpdir(), `cacheme-consumer-${c.name}-`))
  cpSync(join(from, 'node_modules'), join(dir, 'node_modules'), { recursive: true, verbatimSymlinks: true })
  cpSync(join(from, 'package-lock.json'), join(dir, 'package-lock.json'))
  const ours = Object.fromEntries(
    c.packages.map((name) => {
      const file = tarballs.get(name)
      if (!file) throw new Error(`no tarball for ${name}: is it a public package?`)
      return [name, `file:${file}`]
    }),
  )
  writeFileSync(join(dir, 'package.json'), manifest(c, { ...toolchain, ...c.dependencies, ...ours }))
  npm(dir, ['install', '--prefer-offline'])
  cpSync(fixtureDir, dir, { recursive: true })
  cpSync(join(fixtureDir, '..', 'shared'), join(dir, 'src', 'shared'), { recursive: true })
  return { dir, template: from }
}

/**
 * `tsc -p tsconfig.<variant>.json` in the scratch app, in two steps: a type check (`--noEmit
 * --incremental`, whose build info is kept in the template, so the third-party declarations that
 * `skipLibCheck: false` checks are checked once per machine, not once per run: only files that changed
 * since — our packages' declarations, the fixture — are checked again), then the emit (`--noCheck`).
 * Throws with tsc's output on a type error.
 */
export function compile(app: ScratchApp, variant: string): void {
  const tsc = join(app.dir, 'node_modules', '.bin', 'tsc')
  const info = `.tsbuildinfo-${variant}`
  const cached = join(app.template, info)
  if (existsSync(cached)) cpSync(cached, join(app.dir, info))
  const run = (args: string[]) => {
    try {
      execFileSync(tsc, ['-p', `tsconfig.${variant}.json`, ...args], { cwd: app.dir, encoding: 'utf8' })
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string }
      throw new Error(
        `tsc -p tsconfig.${variant}.json ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`,
      )
    }
  }
  run(['--noEmit', '--incremental', '--tsBuildInfoFile', info])
  const next = `${cached}.${process.pid}`
  cpSync(join(app.dir, info), next)
  renameSync(next, cached)
  run(['--noCheck'])
}
