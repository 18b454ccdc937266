import type { Events } from '../events.js';
import type { KeySpace } from '../key.js';
import type { ResilientStorage } from '../resilience/resilient-storage.js';
/** Options of a pattern invalidation. */
export interface PatternOptions {
    /** Count and sample only; delete nothing. Default `false`. */
    readonly dryRun?: boolean;
    /** Stops the run between two steps; the result then says `cancelled: true`. */
    readonly signal?: AbortSignal;
    /** Called after every step with the running totals (exceptions are reported, never thrown). */
    readonly onProgress?: (progress: PatternProgress) => void;
    /** SCAN COUNT of one step (1–10000, default {@link DEFAULT_SCAN_COUNT}). */
    readonly scanCount?: number;
    /** How many matched keys the result lists (0–1000, default 100). */
    readonly sampleSize?: number;
}
/** Running totals of a pattern invalidation. */
export interface PatternProgress {
    /** Keys matched so far (cacheme's meta keys never match). */
    readonly matched: number;
    /** Keys deleted so far (0 on a dry run). */
    readonly deleted: number;
    /** SCAN steps done so far. */
    readonly steps: number;
}
/** Result of a pattern invalidation. */
export interface PatternResult extends PatternProgress {
    /** Up to `sampleSize` of the matched keys (full keys), for a preview. */
    readonly sample: string[];
    /** True when `signal` stopped the run before the scan finished (what was deleted stays deleted). */
    readonly cancelled: boolean;
}
/** A run's result with the sequence its global guard was logged under (`undefined` on a dry run). */
export type PatternRun = PatternResult & {
    readonly seq: number | undefined;
};
/** Default SCAN COUNT of one step. */
export declare const DEFAULT_SCAN_COUNT = 250;
/** Most keys per UNLINK. */
export declare const UNLINK_CHUNK = 250;
/** Most members (and entries) one `drainSet` call removes. */
export declare const DRAIN_STEP = 250;
/** Runs one pattern invalidation against a storage layer (see the module doc). */
export declare function runPattern(parts: {
    storage: ResilientStorage;
    keys: KeySpace;
    events: Events;
    /** Awaited once the global guard is logged, before the first step (Delivery announces it). */
    logged?: (seq: number) => Promise<void>;
}, pattern: string, options: PatternOptions): Promise<PatternRun>;
//# sourceMappingURL=pattern-run.d.ts.map