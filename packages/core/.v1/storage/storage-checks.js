/**
 * Validation of storage options and of the numbers in a {@link WriteRequest}, shared by every storage.
 * Core always passes valid values; these checks make a caller bug fail loudly instead of turning into
 * wrong Redis semantics (PEXPIRE with 0 deletes the key; a NaN snapshot compares false with everything
 * and would pass the guard).
 */
import { CachemeError, quote } from '../errors.js';
/**
 * The TTL in whole milliseconds (at least 1), or `undefined` for none.
 * @throws CachemeError `E_INVALID_OPTION` for a TTL that is not a positive finite number.
 */
export function checkedTtl(ttlMs) {
    if (ttlMs === undefined)
        return undefined;
    if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
        throw new CachemeError('E_INVALID_OPTION', `ttlMs ${quote(ttlMs)} is not a positive number of milliseconds → pass undefined for no TTL.`);
    }
    return Math.max(1, Math.round(ttlMs));
}
/**
 * The sequence snapshot, unchanged.
 * @throws CachemeError `E_INVALID_OPTION` unless it is a non-negative safe integer (what `read` returns).
 */
export function checkedSeq(seq) {
    if (!Number.isSafeInteger(seq) || seq < 0) {
        throw new CachemeError('E_INVALID_OPTION', `seq ${quote(seq)} is not a sequence snapshot → pass the seq returned by read() unchanged.`);
    }
    return seq;
}
/** Default size of the invalidation log (guard names kept before the floor is raised past them). */
export const DEFAULT_LOG_MAX_ENTRIES = 10_000;
/**
 * The `logMaxEntries` option, defaulted.
 * @throws CachemeError `E_INVALID_OPTION` unless it is a positive safe integer.
 */
export function checkedLogMaxEntries(value) {
    const entries = value ?? DEFAULT_LOG_MAX_ENTRIES;
    if (!Number.isSafeInteger(entries) || entries < 1) {
        throw new CachemeError('E_INVALID_OPTION', `logMaxEntries ${quote(entries)} is not a positive integer → pass e.g. ${DEFAULT_LOG_MAX_ENTRIES} (the default).`);
    }
    return entries;
}
//# sourceMappingURL=storage-checks.js.map