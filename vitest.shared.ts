/**
 * The one vitest configuration every workspace package uses. A package's `vitest.config.ts` is just:
 *
 * ```ts
 * import { defineConfig } from 'vitest/config';
 * import { sharedConfig } from '../../vitest.shared.ts';
 *
 * export default defineConfig(sharedConfig());
 * ```
 *
 * - Tests live in `<package>/test/**\/*.test.ts`.
 * - Each package writes its results to `<package>/.vitest-report.json` (gitignored); `.ci/run` sums them.
 * - Test files run in parallel in forked processes, at most 2 at a time (CI machines have 2 cores and the
 *   Redis/PostgreSQL services are shared, so tests must isolate themselves by random prefix anyway).
 * - `scripts/vitest-global-setup.ts` starts Redis, the Redis Cluster and PostgreSQL when `CACHEME_REDIS_URL`
 *   is not already set, so `pnpm --filter <pkg> test` works on its own. Tests read `CACHEME_REDIS_URL`,
 *   `CACHEME_REDIS_CLUSTER` (comma-separated `host:port` seeds) and `CACHEME_PG_URL` from `process.env`.
 */
import { fileURLToPath } from 'node:url'
import type { ViteUserConfig } from 'vitest/config'

/** Absolute path of the services global setup, for packages that add a global setup of their own. */
export const servicesGlobalSetup: string = fileURLToPath(
  new URL('./scripts/vitest-global-setup.ts', import.meta.url),
)

type Plain = Record<string, unknown>

function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
}

/** Deep-merges plain objects; everything else, arrays included, is replaced by the override. */
function merge(base: Plain, overrides: Plain): Plain {
  const out: Plain = { ...base }
  for (const [key, value] of Object.entries(overrides)) {
    const current = out[key]
    out[key] = isPlainObject(current) && isPlainObject(value) ? merge(current, value) : value
  }
  return out
}

/**
 * Returns the shared config with `overrides` deep-merged over it. Arrays are replaced, not appended:
 * to keep the services and add a global setup, pass `globalSetup: [servicesGlobalSetup, './my-setup.ts']`.
 */
export function sharedConfig(overrides: ViteUserConfig = {}): ViteUserConfig {
  const base: ViteUserConfig = {
    test: {
      include: ['test/**/*.test.ts'],
      testTimeout: 20_000,
      hookTimeout: 60_000,
      pool: 'forks',
      maxWorkers: 2,
      reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
      globalSetup: [servicesGlobalSetup],
    },
  }
  return merge(base as Plain, overrides as Plain) as ViteUserConfig
}
