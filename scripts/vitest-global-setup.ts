/**
 * Vitest global setup shared by every package (wired in by `vitest.shared.ts`).
 *
 * Under `pnpm test:all` the services are already running and `CACHEME_*` is set, so this does nothing.
 * When a package is tested on its own (`pnpm --filter @cacheme/core test`) it starts them with
 * `scripts/services.sh start --lease <this pid>`, copies the printed `CACHEME_*` variables into
 * `process.env`, and on teardown releases its lease. The lease is why parallel vitest processes (root
 * `pnpm test` runs packages side by side) can share one set of services: the last one out stops them, and
 * services someone started by hand (`scripts/services.sh start`) are never stopped from here.
 *
 * Why `process.env` is enough: vitest 4 builds each worker's environment from `process.env` when it
 * spawns the pool, which happens after global setup has finished (checked in 4.1.12, pool `forks`).
 *
 * Known limits: a vitest process killed with SIGKILL leaves its lease behind; the services then keep
 * running until `scripts/services.sh stop` (or the next `release`, which drops leases of dead processes).
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const servicesScript = fileURLToPath(new URL('./services.sh', import.meta.url))

/** First start installs apt packages, so allow minutes, not seconds. */
const START_TIMEOUT_MS = 10 * 60_000
const STOP_TIMEOUT_MS = 2 * 60_000

/** Parses the `export NAME=value` lines that `services.sh start` prints. */
function parseEnv(text: string): Map<string, string> {
  const vars = new Map<string, string>()
  for (const line of text.split('\n')) {
    const match = /^export ([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim())
    if (match?.[1] && match[2] !== undefined) vars.set(match[1], match[2])
  }
  return vars
}

async function services(args: string[], timeout: number): Promise<string> {
  try {
    const { stdout } = await run('bash', [servicesScript, ...args], { timeout, maxBuffer: 16 * 1024 * 1024 })
    return stdout
  } catch (error) {
    const { stderr = '' } = error as { stderr?: string }
    throw new Error(
      `scripts/services.sh ${args.join(' ')} failed:\n${stderr.trim()}\n` +
        '→ run `scripts/services.sh start` by hand to see the full output, or set CACHEME_REDIS_URL ' +
        'and friends to services you already run.',
    )
  }
}

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.CACHEME_REDIS_URL) return undefined

  const lease = String(process.pid)
  let vars: Map<string, string>
  try {
    vars = parseEnv(await services(['start', '--lease', lease], START_TIMEOUT_MS))
    if (!vars.has('CACHEME_REDIS_URL')) {
      throw new Error(
        'scripts/services.sh start printed no CACHEME_REDIS_URL → check `scripts/services.sh status`',
      )
    }
  } catch (error) {
    // Stop whatever did come up (unless another run uses it); the start error is the one to report.
    await services(['release', lease], STOP_TIMEOUT_MS).catch(() => undefined)
    throw error
  }
  for (const [name, value] of vars) process.env[name] = value

  return async () => {
    for (const name of vars.keys()) delete process.env[name]
    await services(['release', lease], STOP_TIMEOUT_MS)
  }
}
