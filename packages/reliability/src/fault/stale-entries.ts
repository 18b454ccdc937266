/**
 * The after-the-fact check of a fault scenario: once the workload stopped and every queued invalidation
 * was delivered, no entry left in Redis may be older than the rows it was computed from. An old entry
 * there means an invalidation was lost (not applied after the outage) or a stale write slipped past the
 * race guard; either way another process would be served it.
 */
import { defaultSerializer } from '@cacheme/core'
import type { Cluster, Redis } from 'ioredis'
import { type GroundTruth, layout, type PairValue } from './ground-truth.js'

export interface StaleEntries {
  /** Keys whose entry exists in Redis. */
  readonly present: number
  /** Entries computed from a row version older than the committed one. */
  readonly stale: number
  readonly samples: readonly string[]
}

/** Reads every workload key's raw entry (HGET) and compares it with the ground truth. */
export async function staleEntriesLeft(
  client: Redis | Cluster,
  prefix: string,
  keys: number,
  truth: GroundTruth,
): Promise<StaleEntries> {
  const serializer = defaultSerializer() // what cacheme writes by default (reads cm1: and cm2:)
  let present = 0
  let stale = 0
  const samples: string[] = []
  for (let k = 0; k < keys; k += 1) {
    const { hash, field, a, b } = layout(k, truth.rows)
    const payload = await client.hget(prefix + hash, field)
    // A NUL-prefixed payload is a Cluster write whose guard check never completed: never served.
    if (payload === null || payload.startsWith('\u0000')) continue
    present += 1
    const value = serializer.deserialize(payload) as PairValue
    if (value.va < truth.version(a) || value.vb < truth.version(b)) {
      stale += 1
      if (samples.length < 5) {
        samples.push(`${JSON.stringify(value)} but rows are v${truth.version(a)}/v${truth.version(b)}`)
      }
    }
  }
  return { present, stale, samples }
}
