import type { WriteRequest } from './storage.js';
/**
 * The TTL in whole milliseconds (at least 1), or `undefined` for none.
 * @throws CachemeError `E_INVALID_OPTION` for a TTL that is not a positive finite number.
 */
export declare function checkedTtl(ttlMs: WriteRequest['ttlMs']): number | undefined;
/**
 * The sequence snapshot, unchanged.
 * @throws CachemeError `E_INVALID_OPTION` unless it is a non-negative safe integer (what `read` returns).
 */
export declare function checkedSeq(seq: WriteRequest['seq']): number;
/** Default size of the invalidation log (guard names kept before the floor is raised past them). */
export declare const DEFAULT_LOG_MAX_ENTRIES = 10000;
/**
 * The `logMaxEntries` option, defaulted.
 * @throws CachemeError `E_INVALID_OPTION` unless it is a positive safe integer.
 */
export declare function checkedLogMaxEntries(value: number | undefined): number;
//# sourceMappingURL=storage-checks.d.ts.map