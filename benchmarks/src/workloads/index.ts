/** The workloads, in report order. */
import type { WorkloadId } from '../settings.js'
import { coherenceWorkload } from './coherence.js'
import { decodeWorkload } from './decode.js'
import { hitWorkload } from './hit.js'
import { invalidateWorkload } from './invalidate.js'
import { missWorkload } from './miss.js'
import { ormSaveWorkload } from './orm-save.js'
import { patternWorkload } from './pattern.js'
import { roundTripsWorkload } from './round-trips.js'
import type { Workload } from './workload.js'

export const workloads: Readonly<Record<WorkloadId, Workload>> = {
  hit: hitWorkload,
  decode: decodeWorkload,
  miss: missWorkload,
  invalidate: invalidateWorkload,
  coherence: coherenceWorkload,
  pattern: patternWorkload,
  'orm-save': ormSaveWorkload,
  'round-trips': roundTripsWorkload,
}
