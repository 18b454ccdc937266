/**
 * Commands the server executed, from `INFO commandstats` (the sum of `calls` over every command except
 * INFO itself). Taken before and after a segment it gives "server commands per operation", a count that
 * is exact and immune to machine noise, unlike timings.
 */
import type { Redis } from 'ioredis'

export async function commandCount(admin: Redis): Promise<number> {
  const info = await admin.info('commandstats')
  let total = 0
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    if (match[1] !== 'info') total += Number(match[2])
  }
  return total
}
