/**
 * Finding the sets an entry is registered in. There is no reverse index (entry → its invalid keys):
 * keeping one would add a write to every cache miss for the sake of an admin page. Instead this walks the
 * prefix with SCAN, in bounded steps, and asks each invalidation set and tag index found whether it holds
 * the entry (SISMEMBER, one per set, in parallel).
 *
 * Cost: proportional to the number of keys under the prefix (every master on Cluster), bounded by
 * `maxSteps` SCAN steps of COUNT 1000. Each step is short on the server; the walk as a whole takes about a
 * round trip per step.
 */
import type { KeySpace } from '../key.js';
import type { ResilientStorage } from '../resilience/resilient-storage.js';
import type { Registrations } from './types.js';
/** Invalid keys and tags whose sets hold `fullKey`; `complete: false` when stopped by the limit or signal. */
export declare function findRegistrations(storage: ResilientStorage, keys: KeySpace, fullKey: string, maxSteps: number, signal: AbortSignal | undefined): Promise<Registrations>;
//# sourceMappingURL=registrations.d.ts.map