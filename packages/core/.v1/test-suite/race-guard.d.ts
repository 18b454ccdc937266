/**
 * Conformance: the race guard (storage.ts module doc; docs/architecture.md, "Race guard"). A miss
 * snapshots the sequence when it reads; an invalidation logged after that snapshot, for one of the miss's
 * guard names (or '*'), must keep the miss's value out of the cache.
 */
import type { Suite } from './context.js';
export declare function raceGuardTests({ it, expect, capabilities, open }: Suite): void;
//# sourceMappingURL=race-guard.d.ts.map