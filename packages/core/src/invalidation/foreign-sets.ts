/**
 * Reporting invalidation set names that hold another Redis type. Something else wrote under cacheme's
 * prefix (or a key collided with a set name before the key grammar rejected `…:invalid` main parts): the
 * storage skips such a key — never deletes it, it is not cacheme's — and the invalidation itself goes on,
 * so one foreign key can never block the invalidations behind it (issue 9, decision 0025).
 */
import { CachemeError, quote } from '../errors.js'
import type { Events } from '../events.js'

/** Reports `foreign` (set names holding another type) as one `E_STORAGE_DATA` error event. */
export function reportForeignSets(events: Events, foreign: readonly string[], operation: string): void {
  if (foreign.length === 0) return
  events.report(
    new CachemeError(
      'E_STORAGE_DATA',
      `invalidation set(s) ${quote(foreign)} hold another Redis type (written by something else under the prefix) → they were skipped, not deleted; remove them, or keep other writers out of cacheme's prefix.`,
      { details: { keys: [...foreign] } },
    ),
    operation,
    foreign[0],
  )
}
