/**
 * PostgreSQL for the ORM workload: `CACHEME_PG_URL` when set, otherwise the repository's own services
 * script starts one (`scripts/services.sh start --only pg`, under a lease on this process) and releases
 * it at the end — so a plain `pnpm bench` needs nothing running beforehand.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const script = `${root}scripts/services.sh`

export interface Postgres {
  readonly url: string
  release(): void
}

export function acquirePostgres(log: (line: string) => void): Postgres {
  const given = process.env.CACHEME_PG_URL
  if (given) return { url: given, release: () => {} }
  log('  starting PostgreSQL (scripts/services.sh start --only pg)')
  execFileSync('bash', [script, 'start', '--only', 'pg', '--lease', String(process.pid)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const env = readFileSync(`${root}.services/env`, 'utf8')
  const url = env.match(/CACHEME_PG_URL=(\S+)/)?.[1]
  if (!url) throw new Error('scripts/services.sh started no PostgreSQL (no CACHEME_PG_URL in .services/env)')
  return {
    url,
    release: () => {
      execFileSync('bash', [script, 'release', String(process.pid)], {
        stdio: ['ignore', 'ignore', 'inherit'],
      })
    },
  }
}
