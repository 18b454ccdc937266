/** Every defect reproduction, by name (`scripts/repro.ts <name>`). */

import { abandonedInvalidation } from './abandoned-invalidation.js'
import { outOfMemory } from './oom.js'
import { poisonedQueue } from './poisoned-queue.js'
import type { Reproduction } from './repro.js'
import { errorFlood, slowRecovery } from './slow-recovery.js'
import { snapshotRollback } from './snapshot-rollback.js'

export const REPRODUCTIONS: Readonly<Record<string, Reproduction>> = {
  'poisoned-queue': poisonedQueue,
  oom: outOfMemory,
  'snapshot-rollback': snapshotRollback,
  'slow-recovery': slowRecovery,
  'error-flood': errorFlood,
  'abandoned-invalidation': abandonedInvalidation,
}
